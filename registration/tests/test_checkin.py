"""QR check-in: the codes, the QR images, the scan endpoint's green/amber/red, and a double scan counted once."""

import io
import random
import re
import threading

import pytest
import zxingcpp
from django.core import mail
from django.db import connections
from django.urls import reverse
from PIL import Image

from meetings.tests.factories import MeetingFactory
from members.tests.factories import ConsultantFactory
from outbox.models import OutgoingEmail
from registration import services
from registration.badge_qr import QR_ALPHANUMERIC, badge_qr_rows, badge_qr_segno
from registration.checkin import (
    AMBER,
    GREEN,
    RED,
    is_code,
    qr_png,
    qr_svg,
    registration_check_in_by_code,
)
from registration.enums import RegistrationStatus
from registration.models import Registration
from registration.models.registrations import CHECK_IN_ALPHABET, new_check_in_code
from registration.tests.factories import RegistrationFactory

CODE = re.compile(r"[2-9A-HJ-NP-Z]{10}")


def qr_matrix(*, code: str) -> list[list[int]]:
    """The badge code's modules as rows of 0 and 1 (row 0 at the top), from badge_qr_rows."""
    size, rows = badge_qr_rows(code)
    return [[int(module) for module in rows[row * (size + 1) : row * (size + 1) + size]] for row in range(size)]


def _door(meeting):
    consultant = ConsultantFactory()
    meeting.network.working_group.add(consultant)
    return consultant


def test_codes_are_ten_unambiguous_characters_and_unique(db):
    codes = {new_check_in_code() for _ in range(5000)}
    assert len(codes) == 5000
    assert all(CODE.fullmatch(code) for code in codes)
    assert not set("01IO") & set(CHECK_IN_ALPHABET)
    a, b = RegistrationFactory(), RegistrationFactory()
    assert CODE.fullmatch(a.check_in_code) and a.check_in_code != b.check_in_code


@pytest.mark.parametrize("code", ["ABCDEFGH23", "ZZZZ222299"])
def test_qr_png_decodes_back_to_the_code(code):
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr_png(code=code))))
    assert [result.text for result in decoded] == [code]


def test_qr_svg_is_inline_safe_and_named():
    svg = qr_svg(code="ABCDEFGH23", title="QR-kode")
    # No style attribute (the CSP refuses them), scaled by CSS through its viewBox, named for screen readers.
    assert svg.startswith('<svg role="img" viewBox=') and "style=" not in svg and "<script" not in svg
    assert "<title>QR-kode</title>" in svg


def test_scan_green_then_amber_keeps_the_first_time(db):
    import datetime as dt

    from django.utils import timezone

    registration = RegistrationFactory()
    door = _door(registration.meeting)
    first = timezone.make_aware(dt.datetime(2026, 5, 7, 9, 41))
    result = registration_check_in_by_code(
        meeting=registration.meeting, code=registration.check_in_code, by=door, now=first
    )
    assert result.colour == GREEN and registration.name in result.message
    again = registration_check_in_by_code(
        meeting=registration.meeting,
        code=registration.check_in_code.lower(),
        by=door,
        now=first + dt.timedelta(hours=1),
    )
    assert again.colour == AMBER and "09.41" in again.message
    registration.refresh_from_db()
    assert registration.attended and registration.checked_in_at == first


@pytest.mark.parametrize(
    "status,words",
    [(RegistrationStatus.CANCELLED, "har meldt fra"), (RegistrationStatus.WAITING, "står på ventelisten")],
)
def test_scan_red_for_cancelled_and_waiting(db, status, words):
    registration = RegistrationFactory(status=status)
    result = registration_check_in_by_code(
        meeting=registration.meeting, code=registration.check_in_code, by=_door(registration.meeting)
    )
    assert result.colour == RED and words in result.message
    registration.refresh_from_db()
    assert not registration.attended


def test_scan_red_for_another_meetings_code_and_unknown_codes(db):
    mine, other = RegistrationFactory(), RegistrationFactory()
    door = _door(mine.meeting)
    result = registration_check_in_by_code(meeting=mine.meeting, code=other.check_in_code, by=door)
    assert result.colour == RED and other.name not in result.message
    for code in ("22222AAAAA", "not a code", "", "x" * 40):
        assert registration_check_in_by_code(meeting=mine.meeting, code=code, by=door).colour == RED
    other.refresh_from_db()
    assert not other.attended


def test_scan_endpoint_answers_json_in_danish_and_refuses_another_networks_consultant(client, db):
    registration = RegistrationFactory(name="Anders And")
    url = reverse("registration:check_in_scan", args=[registration.meeting.code])
    client.force_login(ConsultantFactory())
    response = client.post(url, {"code": registration.check_in_code}, HTTP_ACCEPT="application/json")
    assert response.status_code == 403
    registration.refresh_from_db()
    assert not registration.attended
    client.force_login(_door(registration.meeting))
    answer = client.post(url, {"code": registration.check_in_code}, HTTP_ACCEPT="application/json").json()
    assert answer["colour"] == GREEN and answer["message"] == "Anders And er tjekket ind."
    assert answer["attended"] == 1 and answer["total"] == 1
    answer = client.post(url, {"code": registration.check_in_code}, HTTP_ACCEPT="application/json").json()
    assert answer["colour"] == AMBER and "allerede tjekket ind kl." in answer["message"]
    # Without JavaScript: back to the door page with the answer as a message.
    response = client.post(url, {"code": "ZZZZZZZZZZ"})
    assert response.status_code == 302
    assert "Ukendt kode" in client.get(response.url).content.decode()


def test_door_search_recognises_a_scanned_code(client, db):
    registration = RegistrationFactory(name="Anders And")
    RegistrationFactory(meeting=registration.meeting, name="Bodil Bo")
    client.force_login(_door(registration.meeting))
    url = reverse("registration:check_in", args=[registration.meeting.code])
    html = client.get(url, {"q": registration.check_in_code}).content.decode()
    assert "Anders And" in html and "Bodil Bo" not in html
    assert is_code(text=registration.check_in_code.lower())
    html = client.get(url, {"q": "bodil"}).content.decode()
    assert "Bodil Bo" in html and "Anders And" not in html


def test_personal_page_shows_the_qr_code_for_a_seat_only(client, db):
    registration = RegistrationFactory()
    html = client.get(reverse("registration:personal", args=[registration.token])).content.decode()
    assert registration.check_in_code in html and '<svg role="img"' in html
    waiting = RegistrationFactory(
        status=RegistrationStatus.WAITING, meeting=registration.meeting, waiting_since=registration.created_at
    )
    html = client.get(reverse("registration:personal", args=[waiting.token])).content.decode()
    assert waiting.check_in_code not in html


def test_confirmation_email_carries_the_qr_code_as_png(db, django_capture_on_commit_callbacks):
    # The confirmation is rendered by the worker that sends it (outside the seat lock): read the sent email.
    meeting = MeetingFactory(capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.registration_create(meeting=meeting, data={"name": "Åse"}, email="aase@example.dk")
    email = OutgoingEmail.objects.get(idempotency_key=f"confirmation:{result.registration.pk}")
    pngs = [a for a in email.attachments if a["content_type"] == "image/png"]
    assert len(pngs) == 1
    [message] = [m for m in mail.outbox if m.to == ["aase@example.dk"]]
    [(filename, content, _type)] = [a for a in message.attachments if a[2] == "image/png"]
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(content)))
    assert filename == "tjek-ind-kode.png"
    assert [r.text for r in decoded] == [result.registration.check_in_code]


@pytest.mark.services("postgresql")
@pytest.mark.django_db(transaction=True)
def test_double_scan_at_the_same_moment_counts_once():
    registration = RegistrationFactory()
    door = _door(registration.meeting)
    barrier = threading.Barrier(8)
    results, errors = [], []

    def scan():
        try:
            barrier.wait()
            results.append(
                registration_check_in_by_code(meeting=registration.meeting, code=registration.check_in_code, by=door)
            )
        except Exception as error:  # noqa: BLE001 - asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=scan) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sorted(result.colour for result in results) == [AMBER] * 7 + [GREEN]
    assert Registration.objects.filter(pk=registration.pk, attended=True).count() == 1


def _qr_paths_drawn(data: bytes):
    """The first page, and the rectangles (left, bottom, right, top) in page space of each q ... Q block
    that draws any, through the block's transformation matrices (cm)."""
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    page = PdfReader(io.BytesIO(data)).pages[0]
    operations = ContentStream(page.get_contents(), page.pdf).operations
    matrix, saved, blocks = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), [], [[]]
    for operands, operator in operations:
        if operator == b"q":
            saved.append(matrix)
            blocks.append([])
        elif operator == b"Q":
            matrix = saved.pop()
            blocks.append([])
        elif operator == b"cm":
            a, b, c, d, e, f = (float(value) for value in operands)
            ma, mb, mc, md, me, mf = matrix
            matrix = (
                a * ma + b * mc,
                a * mb + b * md,
                c * ma + d * mc,
                c * mb + d * md,
                e * ma + f * mc + me,
                e * mb + f * md + mf,
            )
        elif operator == b"re":
            x, y, w, h = (float(value) for value in operands)
            ma, mb, mc, md, me, mf = matrix
            (x1, y1), (x2, y2) = [
                (ma * px + mc * py + me, mb * px + md * py + mf) for px, py in [(x, y), (x + w, y + h)]
            ]
            blocks[-1].append((min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)))
    return page, [block for block in blocks if block]


def _qr_codes_drawn(data: bytes) -> list[str]:
    """The QR codes a PDF page draws as rectangles, rasterised here and read with zxing."""
    from PIL import ImageDraw

    page, paths = _qr_paths_drawn(data)
    scale, height = 4, float(page.mediabox.height)
    image = Image.new("L", (int(float(page.mediabox.width) * scale), int(height * scale)), 255)
    draw = ImageDraw.Draw(image)
    for left, bottom, right, top in (rectangle for path in paths for rectangle in path):
        draw.rectangle([left * scale, (height - top) * scale, right * scale - 1, (height - bottom) * scale - 1], fill=0)
    return sorted(result.text for result in zxingcpp.read_barcodes(image))


def _qr_modules_drawn(data: bytes) -> list[set[tuple[int, int]]]:
    """The dark modules (row from the top, column from the left) of each code as the page shows it:
    zxing also reads a mirrored code, so the orientation is checked against the matrix itself."""
    codes = []
    for path in _qr_paths_drawn(data)[1]:
        module = min(top - bottom for _, bottom, _, top in path)
        left, top = min(rect[0] for rect in path), max(rect[3] for rect in path)
        codes.append(
            {
                (round((top - y2) / module), column)
                for x1, _, x2, y2 in path
                for column in range(round((x1 - left) / module), round((x2 - left) / module))
            }
        )
    return codes


def test_name_badges_carry_each_holders_qr_code(db):
    from members.tests.factories import SecretariatUserFactory
    from netvaerk.tests.pdf import pdf_pages, pdf_text
    from registration.exports.lists import BadgesExport
    from registration.exports.writers import pdf_bytes

    meeting = MeetingFactory(capacity=20)
    people = [RegistrationFactory(meeting=meeting, name=f"Deltager {index}") for index in range(3)]
    exporter = BadgesExport(user=SecretariatUserFactory(), meeting=meeting)
    badges = [row for page in exporter.pdf_context()["pages"] for line in page for row in line if row]
    assert {row[0]: row[2] for row in badges} == {person.name: person.check_in_code for person in people}
    data = pdf_bytes(exporter)
    assert pdf_pages(data) == 1 and "Deltager 2" in pdf_text(data)
    # Drawn as vector paths, the codes read back as each holder's check-in code.
    assert _qr_codes_drawn(data) == sorted(person.check_in_code for person in people)
    # Each code the right way round: the modules of its holder's matrix, row 0 at the top.
    expected = [
        {(r, c) for r, row in enumerate(qr_matrix(code=person.check_in_code)) for c, dark in enumerate(row) if dark}
        for person in people
    ]
    drawn = _qr_modules_drawn(data)
    assert len(drawn) == 3 and all(modules in expected for modules in drawn)


def test_badge_qr_is_segnos_code_for_every_kind_of_check_in_code():
    """The badges' fast encoder (a code's modules from 55 bit patterns) draws exactly segno's code."""
    rng = random.Random(19)
    codes = [new_check_in_code() for _ in range(2000)]
    codes += ["".join(rng.choices(QR_ALPHANUMERIC, k=10)) for _ in range(1000)]
    # Every character in every place, the all-digit and the edge values, and codes of another shape.
    codes += [char * 10 for char in QR_ALPHANUMERIC] + ["2345678923", "ZZZZZZZZZZ", "ABCDE", "abcdefghjk", "ÆØÅ1234567"]
    for code in codes:
        assert qr_matrix(code=code) == [list(row) for row in badge_qr_segno(code).matrix], code


def test_badge_qr_operators_cover_exactly_the_dark_modules():
    """One ``x y w 1 re`` a run of dark modules in a row (module units; the badge scales them)."""
    from registration.exports.sheets import qr_operators

    code = new_check_in_code()
    matrix = qr_matrix(code=code)
    numbers = [int(value) for value in qr_operators(*badge_qr_rows(code)).replace("re", "").split()]
    drawn = set()
    for x, y, w, h in zip(*[iter(numbers)] * 4, strict=True):
        assert h == 1 and w >= 1
        drawn |= {(y, column) for column in range(x, x + w)}
    dark = {(r, c) for r, row in enumerate(matrix) for c, module in enumerate(row) if module}
    assert drawn == dark


def test_demo_meetings_badges_carry_qr_codes(demo):
    from django.utils import timezone

    from members.tests.factories import SecretariatUserFactory
    from registration.exports.lists import BadgesExport

    coming = (
        Registration.objects.filter(status=RegistrationStatus.CONFIRMED, meeting__starts_at__gt=timezone.now())
        .values_list("meeting", flat=True)
        .first()
    )
    exporter = BadgesExport(user=SecretariatUserFactory(), meeting=MeetingFactory._meta.model.objects.get(pk=coming))
    badges = [row for page in exporter.pdf_context()["pages"] for line in page for row in line if row]
    assert badges and all(is_code(text=row[2]) for row in badges)
