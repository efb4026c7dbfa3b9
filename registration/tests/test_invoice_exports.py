"""The invoice basis: per meeting and across meetings, CSV and XLSX read back, scoped and logged."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.tests.factories import MeetingFactory
from members.tests.factories import ConsultantFactory
from netvaerk.tests.factories import NetworkFactory
from registration.enums import ExportKind, RegistrationStatus
from registration.exports.invoices import InvoiceBasisExport
from registration.invoicing import invoice_details_store
from registration.models import ExportLog
from registration.tests.factories import RegistrationFactory

from .exporting import body, export_url, read_csv, read_xlsx, xlsx_rows

pytestmark = pytest.mark.django_db

EAN = "5798000000001"
CVR = "13585628"


def held_course(network=None, **extra):
    """A priced course held a week ago (free cancellation until 14 days before)."""
    start = timezone.now() - dt.timedelta(days=7)
    fields = {
        "title": "Kursus i beboerdemokrati",
        "price": Decimal("1250.50"),
        "free_cancellation_days": 14,
        "starts_at": start,
        "ends_at": start + dt.timedelta(hours=6),
        "registration_deadline": start - dt.timedelta(days=20),
    }
    return MeetingFactory(network=network, **{**fields, **extra})


def people(meeting):
    """One of each: attended with EAN, no-show with CVR, private payer cancelled late, cancelled early, waiting."""
    start = meeting.starts_at
    came = RegistrationFactory(meeting=meeting, name="Anna Attended", organisation="Aarhus Kommune", attended=True)
    invoice_details_store(
        registration=came,
        data={"payer": "organisation", "ean": EAN, "reference": "=HYPERLINK(1)", "contact_person": "Bo Bogholder"},
    )
    absent = RegistrationFactory(meeting=meeting, name="Bent Borte", organisation="Boligforeningen")
    invoice_details_store(registration=absent, data={"payer": "organisation", "cvr": CVR, "organisation_name": "FSB"})
    late = RegistrationFactory(
        meeting=meeting,
        name="Carl Sent",
        status=RegistrationStatus.CANCELLED,
        cancelled_at=start - dt.timedelta(days=3),
    )
    invoice_details_store(
        registration=late,
        data={
            "payer": "private",
            "private_name": "Carl Sent",
            "street": "Vej 1",
            "postal_code": "8000",
            "city": "Aarhus C",
        },
    )
    RegistrationFactory(
        meeting=meeting,
        name="Dorte Tidlig",
        status=RegistrationStatus.CANCELLED,
        cancelled_at=start - dt.timedelta(days=30),
    )
    waiting = RegistrationFactory(
        meeting=meeting, name="Erik Venter", status=RegistrationStatus.WAITING, confirmed_at=None
    )
    waiting.waiting_since = start - dt.timedelta(days=25)
    waiting.save()


def by_participant(rows):
    header, *data = rows
    return header, {row[header.index(_("Participant"))]: dict(zip(header, row)) for row in data}


def test_meeting_invoice_basis_csv_has_payer_numbers_amount_status_and_attendance(secretariat_client):
    meeting = held_course()
    people(meeting)
    response = secretariat_client.get(export_url(meeting, "fakturagrundlag", "csv"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'fakturagrundlag-{meeting.code}.csv"')
    header, rows = by_participant(read_csv(body(response)))
    for label in ("Payer", "EAN number", "CVR number", "Requisition or order number", "Contact person", "Amount (DKK)"):
        assert _(label) in header
    anna, bent, carl = rows["Anna Attended"], rows["Bent Borte"], rows["Carl Sent"]
    assert anna[_("EAN number")] == EAN and anna[_("Payer's name")] == "Aarhus Kommune"
    assert anna[_("Requisition or order number")] == "'=HYPERLINK(1)"  # never a formula
    assert anna[_("Contact person")] == "Bo Bogholder"
    assert anna[_("Amount (DKK)")] == "1250,50"
    assert anna[_("Attendance")] == _("Attended")
    assert bent[_("CVR number")] == CVR and bent[_("Payer's name")] == "FSB"
    assert bent[_("Attendance")] == _("No-show") and bent[_("Amount (DKK)")] == "1250,50"
    assert carl[_("Address")] == "Vej 1, 8000 Aarhus C"
    assert carl[_("Status")] == str(RegistrationStatus.CANCELLED.label)
    assert carl[_("Cancelled after the free period")] == _("Yes") and carl[_("Amount (DKK)")] == "1250,50"
    assert rows["Dorte Tidlig"][_("Amount (DKK)")] == "0,00"
    assert rows["Dorte Tidlig"][_("Cancelled after the free period")] == ""
    assert rows["Erik Venter"][_("Amount (DKK)")] == "0,00" and rows["Erik Venter"][_("Attendance")] == ""
    assert rows["Erik Venter"][_("Payer")] == ""  # no details given: finance sees the gap
    log = ExportLog.objects.get()
    assert (log.kind, log.format, log.meeting, log.row_count) == (ExportKind.INVOICE_BASIS, "csv", meeting, 5)


def test_meeting_invoice_basis_xlsx_reads_back_with_numbers_as_numbers(secretariat_client):
    meeting = held_course()
    people(meeting)
    response = secretariat_client.get(export_url(meeting, "fakturagrundlag", "xlsx"))
    assert response.status_code == 200
    header, rows = by_participant(xlsx_rows(read_xlsx(body(response))))
    anna = rows["Anna Attended"]
    assert anna[_("EAN number")] == EAN  # a text cell: the leading digits stay as typed
    assert anna[_("Amount (DKK)")] == pytest.approx(1250.50)
    assert anna[_("Attendance")] == _("Attended")
    assert rows["Bent Borte"][_("Attendance")] == _("No-show")
    assert rows["Dorte Tidlig"][_("Amount (DKK)")] == 0
    assert isinstance(anna[_("Meeting date")], dt.datetime)


def test_a_meeting_not_yet_held_has_no_no_shows(secretariat_client):
    meeting = MeetingFactory(price=100)
    RegistrationFactory(meeting=meeting, name="Kommer Senere")
    header, rows = by_participant(read_csv(body(secretariat_client.get(export_url(meeting, "fakturagrundlag", "csv")))))
    assert rows["Kommer Senere"][_("Attendance")] == ""
    assert rows["Kommer Senere"][_("Amount (DKK)")] == "100,00"


def test_invoice_basis_is_listed_only_for_priced_meetings(secretariat_client):
    priced, free = MeetingFactory(price=100), MeetingFactory(price=0)
    lists = lambda m: secretariat_client.get(reverse("registration:staff_meeting_lists", args=[m.code])).content  # noqa: E731
    assert b"/lister/fakturagrundlag." in lists(priced)
    assert b"/lister/fakturagrundlag." not in lists(free)


def test_invoice_basis_across_meetings_filters_by_period_and_network(secretariat_client):
    network, other = NetworkFactory(), NetworkFactory()
    course = held_course(network=network)
    people(course)
    elsewhere = held_course(network=other, title="Andet kursus")
    RegistrationFactory(meeting=elsewhere, name="Fra Andet Netværk")
    free = MeetingFactory(network=network, price=0, starts_at=course.starts_at, ends_at=course.ends_at)
    RegistrationFactory(meeting=free, name="Gratis Gæst")
    cancelled = held_course(network=network, title="Aflyst kursus", status="cancelled")
    RegistrationFactory(meeting=cancelled, name="Aflyst Deltager")
    day = timezone.localdate(course.starts_at)
    page = reverse("registration:staff_invoice_basis")
    response = secretariat_client.post(
        page, {"network": network.pk, "fra": day.isoformat(), "til": day.isoformat(), "format": "xlsx"}
    )
    assert response.status_code == 302
    rows = xlsx_rows(read_xlsx(body(secretariat_client.get(response["Location"]))))
    header, data = rows[0], rows[1:]
    names = {row[header.index(_("Participant"))] for row in data}
    assert names == {"Anna Attended", "Bent Borte", "Carl Sent", "Dorte Tidlig", "Erik Venter"}
    # Every network, and a period that misses the courses.
    url = reverse("registration:staff_invoice_basis_export", kwargs={"fmt": "csv"})
    rows = read_csv(body(secretariat_client.get(f"{url}?fra={day}&til={day}")))
    assert "Fra Andet Netværk" in {row[rows[0].index(_("Participant"))] for row in rows[1:]}
    rows = read_csv(
        body(secretariat_client.get(f"{url}?fra={day + dt.timedelta(days=1)}&til={day + dt.timedelta(days=2)}"))
    )
    assert len(rows) == 1
    log = ExportLog.objects.filter(kind=ExportKind.INVOICE_BASIS).order_by("id").first()
    assert log.network == network and log.format == "xlsx"


def test_consultant_gets_only_the_meetings_of_networks_they_plan(client):
    consultant = ConsultantFactory()
    mine = held_course(network=NetworkFactory(coordinator=consultant))
    RegistrationFactory(meeting=mine, name="Min Deltager")
    theirs_network = NetworkFactory()
    theirs = held_course(network=theirs_network, title="Andres kursus")
    RegistrationFactory(meeting=theirs, name="Fremmed Deltager")
    client.force_login(consultant)
    assert client.get(export_url(theirs, "fakturagrundlag", "csv")).status_code == 403
    assert client.get(export_url(mine, "fakturagrundlag", "csv")).status_code == 200
    url = reverse("registration:staff_invoice_basis_export", kwargs={"fmt": "csv"})
    day = timezone.localdate(mine.starts_at)
    content = body(client.get(f"{url}?fra={day}&til={day}")).decode("utf-8-sig")
    assert "Min Deltager" in content and "Fremmed Deltager" not in content
    assert client.get(f"{url}?fra={day}&til={day}&netvaerk={theirs_network.slug}").status_code == 403
    assert client.get(f"{url}?fra={day}&til={day}&netvaerk=findes-ikke").status_code == 404
    assert client.get(f"{url}?fra={day}&til={day}&netvaerk=%27%3B--").status_code == 404
    assert client.get(f"{url}?fra=igaar&til={day}").status_code == 400
    page = client.post(
        reverse("registration:staff_invoice_basis"),
        {"network": theirs_network.pk, "fra": day.isoformat(), "til": day.isoformat(), "format": "csv"},
    )
    assert page.status_code == 200 and b"Fremmed" not in page.content


def test_exporter_counts_no_shows_against_the_given_time(secretariat_client):
    meeting = held_course()
    RegistrationFactory(meeting=meeting, name="Ikke Mødt")
    before_end = meeting.ends_at - dt.timedelta(hours=1)
    exporter = InvoiceBasisExport(user=secretariat_client.user, meeting=meeting, now=before_end)
    index = [column.key for column in exporter.columns].index("attendance")
    assert [row[index] for row in exporter.rows()] == [""]
    exporter = InvoiceBasisExport(user=secretariat_client.user, meeting=meeting)
    assert [row[index] for row in exporter.rows()] == [_("No-show")]


def test_invoice_basis_queries_do_not_grow_with_the_registrations(secretariat_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    meeting = held_course()

    def queries():
        with CaptureQueriesContext(connection) as captured:
            body(secretariat_client.get(export_url(meeting, "fakturagrundlag", "csv")))
        return len(captured)

    people(meeting)
    few = queries()
    for index in range(20):
        registration = RegistrationFactory(meeting=meeting, name=f"Ekstra {index}")
        invoice_details_store(registration=registration, data={"payer": "organisation", "ean": EAN})
    assert queries() == few
