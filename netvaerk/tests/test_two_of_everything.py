"""Two of everything on one machine: two web machines and two Celery workers on one database, Redis and S3 store.

Each web machine is the Procfile's `web` line (gunicorn, 2 workers) on its own
port with its own local folders; the workers are real Celery processes; the
files go to a local S3-compatible server (moto's server mode); the emails to an
SMTP sink. Needs PostgreSQL and Redis: skipped without them, a failure under
REQUIRE_SERVICES=1 (CI).
"""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.conf import settings
from django.db.models import Count
from django.db.models.functions import Lower

from meetings.tests.factories import MeetingFactory
from members.models import Material
from members.tests.factories import MembershipFactory, ProfileFactory, VerifiedUserFactory
from netvaerk.tests.factories import NetworkFactory
from netvaerk.tests.s3support import s3, s3_server  # noqa: F401 - fixtures
from netvaerk.tests.stack import WebMachine, browser_for, collectstatic, csrf_token
from netvaerk.tests.support import wait_for
from netvaerk.tests.test_invisible_characters import _FormScraper
from outbox.enums import EmailStatus
from outbox.models import OutgoingEmail
from outbox.queue import email_queue
from outbox.registry import demo_organiser_context
from outbox.sweep import email_sweep
from registration.models import Registration

pytestmark = pytest.mark.services("postgresql", "redis")

SEATS = 8
DISTINCT = 24
REPEATS = 6
VERSION_CHECK_SECONDS = 1.0
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def machines(worker_settings, s3, tmp_path):  # noqa: F811
    """Two web machines and two workers sharing the test's database, Redis queues, S3 bucket and SMTP sink."""
    env = {
        **worker_settings,
        **s3.env(),
        # The test process logs the browsers in: sessions are signed with the same key.
        "SECRET_KEY": settings.SECRET_KEY,
        "CACHE_KEY_PREFIX": f"stack-{uuid.uuid4().hex[:8]}",
        "PAGE_CACHE_VERSION_CHECK_SECONDS": str(VERSION_CHECK_SECONDS),
        "REGISTRATION_RATE_LIMIT": "10000/m",
        "LOG_LEVEL": "WARNING",
    }
    static_root = tmp_path / "static"
    collectstatic(env, static_root)
    env["STATIC_ROOT"] = str(static_root)
    webs = [WebMachine(name=name, env=env, folder=tmp_path / name) for name in ("a", "b")]
    try:
        for web in webs:
            web.start()
        yield webs
    finally:
        for web in webs:
            web.stop()


def _sign_up(get_from: WebMachine, post_to: WebMachine, code: str, email: str) -> int:
    """A browser loads the meeting page on one machine and posts the form to the other."""
    browser = browser_for()
    path = f"/moeder/{code}/"
    page = browser.get(get_from.base + path, timeout=60)
    data = {"csrfmiddlewaretoken": csrf_token(page.text), "name": "Stak Deltager", "email": email, "privacy": "on"}
    response = browser.post(
        post_to.base + path, data=data, headers={"Referer": get_from.base + path}, allow_redirects=False, timeout=60
    )
    return response.status_code


def _queue(n: int) -> OutgoingEmail:
    return email_queue(
        to=f"stak{n}@example.org",
        template="test_message",
        context={**demo_organiser_context(), "recipient_name": "Trine Sander", "message": f"stak {n}"},
        language="da",
        idempotency_key=f"stack-batch:{n}",
    )


def test_two_web_machines_and_two_workers_share_everything(machines, start_worker, s3, smtp_sink, settle):  # noqa: F811
    a, b = machines
    first_worker = start_worker(**s3.env())
    start_worker(**s3.env())

    # 1. A burst of sign-ups against one meeting, alternately to both machines: exact seats, no duplicates.
    meeting = MeetingFactory(capacity=SEATS, title="Stakmøde")
    emails = [f"deltager{n}@stak.example" for n in range(DISTINCT)]
    jobs = emails + [email.upper() for email in emails[:REPEATS]]
    with ThreadPoolExecutor(8) as pool:
        statuses = list(
            pool.map(
                lambda job: _sign_up(machines[job[0] % 2], machines[(job[0] + 1) % 2], meeting.code, job[1]),
                enumerate(jobs),
            )
        )
    assert statuses == [302] * len(jobs)
    assert all(f'"POST {f"/moeder/{meeting.code}/"}"' in web.log() for web in machines), "a machine got no sign-up"
    registrations = Registration.objects.filter(meeting=meeting)
    assert registrations.filter(status="confirmed").count() == SEATS
    assert registrations.count() == DISTINCT
    doubled = registrations.active().values(e=Lower("email")).annotate(n=Count("id")).filter(n__gt=1)
    assert not doubled.exists()

    # 2. A change made through machine A is seen on machine B's (cached) page within the version-check interval.
    secretariat = VerifiedUserFactory(email="sekretariat@stak.example", is_staff=True, is_superuser=True)
    staff = browser_for(secretariat)
    page_path = f"/moeder/{meeting.code}/"
    # A reads the page into the shared page cache; B serves it from there.
    assert "Stakmøde" in browser_for().get(a.base + page_path, timeout=30).text
    cached = browser_for().get(b.base + page_path, timeout=30)
    assert "Stakmøde" in cached.text and cached.headers["X-Page-Cache"] == "hit"
    change = f"/admin/meetings/meeting/{meeting.pk}/change/"
    form = staff.get(a.base + change, allow_redirects=False, timeout=60)
    assert form.status_code == 200
    scraper = _FormScraper("meeting_form")
    scraper.feed(form.text)
    data = [(name, "Stakmøde flyttet" if name == "title" else value) for name, value in scraper.data]
    saved = staff.post(a.base + change, data=data, headers={"Referer": a.base + change}, allow_redirects=False)
    assert saved.status_code == 302, saved.text[:3000]
    meeting.refresh_from_db()
    assert meeting.title == "Stakmøde flyttet"
    wait_for(
        lambda: "Stakmøde flyttet" in browser_for().get(b.base + page_path, timeout=30).text,
        timeout=VERSION_CHECK_SECONDS + 5,  # the interval, and room for a slow request on a busy machine
        interval=0.1,
        message="machine B to show the change made through machine A",
    )

    # 3. A file uploaded through machine A is downloaded through machine B; a stranger gets nothing.
    network = NetworkFactory(slug="stak")
    member = VerifiedUserFactory(email="medlem@stak.example")
    ProfileFactory(user=member)
    MembershipFactory(network=network, user=member)
    browser = browser_for(member)
    material_path = f"/netvaerk/{network.slug}/gruppe/materiale/"
    token = csrf_token(browser.get(a.base + material_path, timeout=30).text)
    upload = browser.post(
        a.base + material_path,
        data={"csrfmiddlewaretoken": token, "title": "Dagsorden", "description": "", "meeting": "", "url": ""},
        files={"file": ("dagsorden.pdf", PDF, "application/pdf")},
        headers={"Referer": a.base + material_path},
        allow_redirects=False,
    )
    assert upload.status_code == 302, upload.text[:2000]
    material = Material.objects.get(network=network)
    assert s3.keys("private/") == [f"private/{material.file.name}"]
    assert s3.anonymous_get(f"private/{material.file.name}")[0] == 403
    download_path = f"{material_path}{material.pk}/hent/"
    download = browser.get(b.base + download_path, allow_redirects=False, timeout=30)
    assert download.status_code == 200 and download.content == PDF
    stranger = browser_for(VerifiedUserFactory(email="fremmed@stak.example"))
    assert stranger.get(b.base + download_path, allow_redirects=False, timeout=30).status_code == 404
    assert a.local_files() == [] and b.local_files() == [], "a file landed on one machine's own disk"

    # 4. One worker is killed mid-batch: every email is delivered, duplicates no more than kills.
    wait_for(
        lambda: not OutgoingEmail.objects.exclude(status=EmailStatus.SENT).exists(),
        timeout=60,
        message="the sign-up emails sent",
    )
    already = smtp_sink.count()
    smtp_sink.handler.hold_after = already + 30  # the sink then holds every DATA until released
    batch = [_queue(n) for n in range(120)]
    wait_for(
        lambda: smtp_sink.count() >= already + 30 and smtp_sink.handler.data_attempts > smtp_sink.count(),
        timeout=60,
        message="30 of the batch delivered and the next ones held",
    )
    kills = first_worker.kill()
    assert smtp_sink.count() == already + 30, "the batch went on while it was held"
    smtp_sink.handler.released.set()

    def all_sent():
        # The sweeper with a short threshold stands in for beat's every-minute run.
        email_sweep(stuck_after=timedelta(seconds=3))
        return not OutgoingEmail.objects.exclude(status=EmailStatus.SENT).exists()

    wait_for(all_sent, timeout=180, interval=1, message="every email sent by the surviving worker")
    settle()
    outbox = set(OutgoingEmail.objects.values_list("message_id", flat=True))
    assert len(outbox) >= DISTINCT + len(batch)
    assert set(smtp_sink.message_ids()) == outbox, "an email was lost"
    assert smtp_sink.duplicates() <= kills
    print(f"kills={kills} delivered={smtp_sink.count()} duplicates={smtp_sink.duplicates()}")
