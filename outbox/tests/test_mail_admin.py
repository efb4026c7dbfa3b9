"""The email log and the template previews in the admin."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from netvaerk.tests.support import query_plan
from outbox.enums import EmailStatus
from outbox.models import OutgoingEmail
from outbox.queue import email_queue
from outbox.registry import EMAIL_TEMPLATES, demo_organiser_context

LOG_URL = "/admin/outbox/outgoingemail/"


def _email(key, *, status=EmailStatus.QUEUED, template="test_message", language="da", **fields):
    email = email_queue(
        to=fields.pop("to", f"{key.replace(':', '-')}@example.org"),
        template=template,
        context={**demo_organiser_context(), "message": fields.pop("message", "Hej")},
        language=language,
        idempotency_key=key,
    )
    if status == EmailStatus.SENT:
        fields.setdefault("sent_at", timezone.now())
    OutgoingEmail.objects.filter(pk=email.pk).update(status=status, **fields)
    email.refresh_from_db()
    return email


@pytest.fixture
def staff_client(client, django_user_model):
    """A secretariat member who may only view the email log (the log is the secretariat's: every network's emails)."""
    user = django_user_model.objects.create_user(email="staff@example.org", password="pw", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="view_outgoingemail"), Permission.objects.get(codename="view_all_meetings")
    )
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_email_log_lists_and_filters_by_status_template_and_language(admin_client):
    _email("a:1", status=EmailStatus.SENT)
    _email("b:1", status=EmailStatus.FAILED, last_error="550 No such user")
    _email("c:1", language="en")

    page = admin_client.get(LOG_URL).content.decode()
    assert all(f"{k}-1@example.org" in page for k in "abc")

    failed = admin_client.get(LOG_URL, {"status__exact": "failed"}).content.decode()
    assert "b-1@example.org" in failed and "a-1@example.org" not in failed
    english = admin_client.get(LOG_URL, {"language": "en"}).content.decode()
    assert "c-1@example.org" in english and "a-1@example.org" not in english
    by_template = admin_client.get(LOG_URL, {"template": "test_message"})
    assert by_template.status_code == 200 and "c-1@example.org" in by_template.content.decode()


@pytest.mark.django_db
def test_email_log_search_finds_recipient_and_key(admin_client):
    _email("confirmation:17", to="trine@example.org")
    _email("other:1", to="bo@example.org")

    page = admin_client.get(LOG_URL, {"q": "trine@"}).content.decode()
    assert "trine@example.org" in page and "bo@example.org" not in page
    page = admin_client.get(LOG_URL, {"q": "confirmation:17"}).content.decode()
    assert "trine@example.org" in page


@pytest.mark.django_db
def test_email_log_search_for_a_whole_address_lists_that_address_only(admin_client):
    _email("a:1", to="bo@example.org")
    _email("a:2", to="jakobo@example.org")
    _email("a:3", to="Bo@Example.org")

    page = admin_client.get(LOG_URL, {"q": "bo@example.org"}).content.decode()
    assert "bo@example.org" in page and "Bo@Example.org" in page and "jakobo@example.org" not in page
    # Part of an address is still looked for inside every address.
    page = admin_client.get(LOG_URL, {"q": "bo@example"}).content.decode()
    assert "jakobo@example.org" in page


@pytest.mark.django_db
def test_email_log_filters_by_reference_for_links_from_a_meeting(admin_client):
    email_queue(
        to="m@example.org",
        template="test_message",
        context=demo_organiser_context(),
        language="da",
        idempotency_key="ref:1",
        ref=("meetings.meeting", 7),
    )
    _email("ref:2", to="other@example.org")

    response = admin_client.get(LOG_URL, {"ref_type": "meetings.meeting", "ref_id": "7"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "m@example.org" in page and "other@example.org" not in page


@pytest.mark.django_db
def test_email_log_query_count_does_not_grow_with_rows(admin_client):
    def queries_for_list():
        with CaptureQueriesContext(connection) as ctx:
            assert admin_client.get(LOG_URL).status_code == 200
        return len(ctx.captured_queries)

    for n in range(3):
        _email(f"few:{n}")
    few = queries_for_list()
    for n in range(30):
        _email(f"many:{n}")
    assert queries_for_list() == few


@pytest.mark.django_db
def test_email_detail_shows_rendered_message_with_html_sandboxed(admin_client):
    email = _email("show:1", message="<script>alert(1)</script> & hej", status=EmailStatus.FAILED)
    OutgoingEmail.objects.filter(pk=email.pk).update(last_error="550 5.1.1 Mailbox unavailable")

    page = admin_client.get(f"{LOG_URL}{email.pk}/change/").content.decode()

    assert email.subject in page
    assert "550 5.1.1 Mailbox unavailable" in page
    assert '<iframe sandbox="" srcdoc="' in page
    assert "<script>alert(1)</script>" not in page  # neither in the text <pre> nor the iframe
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; hej" in page  # the text version, escaped
    assert 'name="_save"' not in page  # a record, not a form


@pytest.mark.django_db
def test_resend_action_sends_failed_emails_and_leaves_others(admin_client, django_capture_on_commit_callbacks):
    failed = _email("failed:1", status=EmailStatus.FAILED, attempts=1, last_error="550")
    sent = _email("sent:1", status=EmailStatus.SENT)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            LOG_URL, {"action": "resend_failed", "_selected_action": [failed.pk, sent.pk]}, follow=True
        )

    page = response.content.decode()
    failed.refresh_from_db()
    assert failed.status == EmailStatus.SENT
    assert [m.to for m in mail.outbox] == [[failed.recipient]]
    assert "1 email queued again." in page or "1 e-mail" in page
    assert OutgoingEmail.objects.get(pk=sent.pk).status == EmailStatus.SENT


@pytest.mark.django_db
def test_the_log_is_closed_to_staff_outside_the_secretariat_even_with_the_view_right(client, django_user_model):
    user = django_user_model.objects.create_user(email="konsulent@example.org", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_outgoingemail"))
    client.force_login(user)
    failed = _email("failed:4", status=EmailStatus.FAILED)
    response = client.get(LOG_URL)
    assert response.status_code == 403
    assert failed.recipient not in response.content.decode()
    assert client.get(LOG_URL + "previews/").status_code == 403


@pytest.mark.django_db
def test_view_only_staff_see_the_log_but_cannot_resend(staff_client):
    failed = _email("failed:3", status=EmailStatus.FAILED)

    page = staff_client.get(LOG_URL).content.decode()
    assert failed.recipient in page
    assert "resend_failed" not in page
    response = staff_client.post(LOG_URL, {"action": "resend_failed", "_selected_action": [failed.pk]})
    assert response.status_code in (200, 302)
    assert OutgoingEmail.objects.get(pk=failed.pk).status == EmailStatus.FAILED


@pytest.mark.django_db
def test_nobody_adds_or_deletes_emails_in_the_admin(admin_client):
    email = _email("keep:1")

    assert admin_client.get(f"{LOG_URL}add/").status_code == 403
    assert admin_client.get(f"{LOG_URL}{email.pk}/delete/").status_code == 403


# --- template previews ---------------------------------------------------------------


@pytest.mark.django_db
def test_preview_list_links_every_registered_template(admin_client):
    page = admin_client.get(f"{LOG_URL}previews/").content.decode()

    for name in EMAIL_TEMPLATES:
        assert f"{LOG_URL}previews/{name}/?lang=da" in page
        assert f"{LOG_URL}previews/{name}/?lang=en" in page
    assert f"{LOG_URL}previews/" in admin_client.get(LOG_URL).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("name", sorted(EMAIL_TEMPLATES))
def test_every_template_previews_with_demo_data(admin_client, name, language):
    response = admin_client.get(f"{LOG_URL}previews/{name}/", {"lang": language})

    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="readonly email-subject"' in page
    assert '<iframe sandbox="" srcdoc="' in page
    assert f"lang=&quot;{language}&quot;" in page  # the HTML version, rendered in that language


@pytest.mark.django_db
def test_preview_of_unknown_template_is_404(admin_client):
    assert admin_client.get(f"{LOG_URL}previews/no_such_email/").status_code == 404


@pytest.mark.django_db
def test_previews_are_for_staff_only(client, django_user_model):
    response = client.get(f"{LOG_URL}previews/test_message/")
    assert response.status_code == 302 and "/login/" in response["Location"]

    member = django_user_model.objects.create_user(email="member@example.org", password="pw")
    client.force_login(member)
    response = client.get(f"{LOG_URL}previews/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_every_email_template_is_registered_for_preview_and_complete():
    emails_dir = Path(settings.BASE_DIR) / "templates" / "emails"
    names = {p.name.removesuffix(".subject.txt") for p in emails_dir.glob("*.subject.txt")}

    assert names, "no email templates found"
    assert names <= set(EMAIL_TEMPLATES), f"not registered for preview: {sorted(names - set(EMAIL_TEMPLATES))}"
    for name in names:
        assert (emails_dir / f"{name}.txt").exists(), f"{name}.txt missing"
        assert (emails_dir / f"{name}.html").exists(), f"{name}.html missing"


@pytest.mark.django_db
def test_email_log_filters_list_the_values_of_every_row_read_from_the_index(admin_client):
    # The values come from a loose index scan (netvaerk/admin_scale.py), not DISTINCT over 600,000 rows.
    _email("a:1", template="test_message", language="da", ref_type="meetings.meeting", ref_id="7")
    _email("b:1", template="test_message", language="en")

    response = admin_client.get(LOG_URL)
    choices = {
        spec.title: [choice["display"] for choice in spec.choices(response.context["cl"])]
        for spec in response.context["cl"].filter_specs
    }
    assert choices["sprog"] == ["Alle", "da", "en"]
    assert choices["referencetype"] == ["Alle", "", "meetings.meeting"]
    assert admin_client.get(LOG_URL, {"ref_id": "7", "q": "7"}).context["cl"].result_count == 1


@pytest.mark.django_db
def test_email_log_search_uses_the_trigram_indexes_on_postgresql(admin_client):
    if connection.vendor != "postgresql":
        pytest.skip("the GIN indexes are PostgreSQL's")
    _email("confirmation:17", to="trine@example.org")
    assert _search_plan(admin_client, "trine@example").count("outgoingemail_recipient_trgm") == 1
    # A whole address: matched exactly on its btree index.
    plan = _search_plan(admin_client, "trine@example.org")
    assert "outgoingemail_recipient_upper" in plan and "outgoingemail_recipient_trgm" not in plan
    assert "BitmapOr" in plan and "Seq Scan" not in plan


def _search_plan(admin_client, term):
    changelist = admin_client.get(LOG_URL, {"q": term}).context["cl"]
    plan = query_plan(changelist.queryset.order_by(), disable=("seqscan", "indexscan"))
    # Every arm of the search's OR has its index: one without would make it read the whole table.
    assert "BitmapOr" in plan and "Seq Scan" not in plan
    for index in ("outgoingemail_subject_trgm", "outgoingemail_key_trgm"):
        assert index in plan
    return plan
