import datetime as dt

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from meetings.tests.factories import MeetingFactory
from registration import privacy
from registration.enums import RegistrationStatus
from registration.models import Registration

from .factories import RegistrationFactory

pytestmark = pytest.mark.django_db
MARKER = "ZQXMARKER4711"
MARKER_EMAIL = f"{MARKER.lower()}@example.dk"


def held_meeting(days_ago):
    start = timezone.now() - dt.timedelta(days=days_ago)
    return MeetingFactory(
        starts_at=start, ends_at=start + dt.timedelta(hours=3), registration_deadline=start - dt.timedelta(days=1)
    )


def marked_registration(meeting, email=MARKER_EMAIL, **extra):
    return RegistrationFactory(
        meeting=meeting,
        name=f"Åse {MARKER}",
        email=email,
        phone=MARKER,
        organisation=MARKER,
        comment=MARKER,
        diets=["halal"],
        diet_note=MARKER,
        accessibility_needs=MARKER,
        sensitive_consent_at=timezone.now(),
        **extra,
    )


def database_contains(text: str) -> list[str]:
    """Every table and text column in which the text occurs (a full scan of the database)."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            for column in connection.introspection.get_table_description(cursor, table):
                cursor.execute(
                    f"SELECT 1 FROM {connection.ops.quote_name(table)} "
                    f"WHERE CAST({connection.ops.quote_name(column.name)} AS TEXT) LIKE %s LIMIT 1",
                    [f"%{text}%"],
                )
                if cursor.fetchone():
                    found.append(f"{table}.{column.name}")
    return found


def test_sensitive_details_are_deleted_30_days_after_the_meeting():
    recent = marked_registration(held_meeting(10))
    old = marked_registration(held_meeting(31), email="other@example.dk")
    result = privacy.registrations_apply_retention()
    recent.refresh_from_db()
    old.refresh_from_db()
    assert recent.diet_note == MARKER
    assert (
        old.diets == [] and old.diet_note == "" and old.accessibility_needs == "" and old.sensitive_consent_at is None
    )
    assert old.name.startswith("Åse")  # names stay until the 12-month anonymisation
    assert result.sensitive_deleted == 1


@override_settings(RETENTION_PERSONAL_DAYS=365)
def test_marker_is_gone_everywhere_after_anonymisation_but_counts_stay():
    meeting = held_meeting(400)
    marked_registration(meeting)
    RegistrationFactory(meeting=meeting, status=RegistrationStatus.CANCELLED)
    assert database_contains(MARKER)
    privacy.registrations_apply_retention()
    assert database_contains(MARKER) == []
    assert database_contains(MARKER.lower()) == []
    assert Registration.objects.filter(meeting=meeting).count() == 2
    assert Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED).count() == 1


def test_retention_is_idempotent():
    marked_registration(held_meeting(400))
    first = privacy.registrations_apply_retention()
    second = privacy.registrations_apply_retention()
    assert first.anonymised == 1 and second.anonymised == 0


def test_personal_data_export_and_erase_for_one_email():
    meeting = MeetingFactory()
    marked_registration(meeting)
    data = privacy.personal_data_for_email(email=MARKER.upper() + "@EXAMPLE.DK")
    assert data["registrations"][0]["diet_note"] == MARKER
    assert privacy.personal_data_erase(email=f"{MARKER.lower()}@example.dk") == 1
    assert database_contains(MARKER) == []


def test_staff_download_and_erase_personal_data_in_the_admin(admin_client):
    marked_registration(MeetingFactory())
    url = "/admin/registration/registration/personal-data/"
    response = admin_client.post(url, {"email": f"{MARKER.lower()}@example.dk", "download": "1"})
    assert response["Content-Type"].startswith("application/json")
    assert MARKER in response.content.decode()
    admin_client.post(url, {"email": f"{MARKER.lower()}@example.dk", "erase": "1"})
    assert database_contains(MARKER) == []


def test_personal_data_request_needs_the_delete_permission(consultant_client):
    assert consultant_client.get("/admin/registration/registration/personal-data/").status_code == 403


# --- the other apps' personal data (netvaerk.privacy sources) ----------------------------


def marked_elsewhere(*, old: bool):
    """The marker in a guest comment, a request for an offer (with its history), an evaluation,
    a member account and an email to a provider about the request."""
    from content.models import Comment, OfferRequest
    from content.tests.factories import CommentFactory, OfferRequestFactory
    from craft.tests.factories import EvaluationFactory
    from outbox.models import OutgoingEmail
    from outbox.queue import email_queue
    from outbox.registry import demo_organiser_context

    meeting = held_meeting(400) if old else MeetingFactory()
    registration = marked_registration(meeting)
    EvaluationFactory(registration=registration, comment=f"Godt møde. {MARKER}")
    comment = CommentFactory(user=None, name=f"Gæst {MARKER}", email=MARKER_EMAIL, body="Tak for indlægget")
    request = OfferRequestFactory(contact_name=f"Kontakt {MARKER}", email=MARKER_EMAIL, phone=MARKER, wishes=MARKER)
    request.status_changed_at = timezone.now()
    request.save()  # a second version in the audit history
    email_queue(
        to="udbyder@example.dk",
        template="test_message",
        context={**demo_organiser_context(), "message": f"Ny forespørgsel fra {MARKER_EMAIL}"},
        language="da",
        idempotency_key=f"provider:{request.pk}",
    )
    if old:
        long_ago = timezone.now() - dt.timedelta(days=400)
        Comment.objects.filter(pk=comment.pk).update(created_at=long_ago)
        OfferRequest.objects.filter(pk=request.pk).update(updated_at=long_ago)
        OutgoingEmail.objects.update(created_at=long_ago)
    return registration


@override_settings(RETENTION_PERSONAL_DAYS=365)
def test_retention_removes_the_marker_from_comments_requests_their_history_evaluations_and_emails():
    from content.models import Comment, OfferRequest
    from craft.models import Evaluation

    marked_elsewhere(old=True)
    found = database_contains(MARKER)
    for table in ("content_comment", "content_offerrequest", "content_historicalofferrequest", "craft_evaluation"):
        assert any(place.startswith(table + ".") for place in found), table
    result = privacy.registrations_apply_retention()
    assert database_contains(MARKER) == []
    assert database_contains(MARKER.lower()) == []
    assert result.elsewhere["blog_comments"] == 1 and result.elsewhere["offer_requests"] == 1
    # What is left counts: the comment's text, the request's organisation and size, the rating.
    assert Comment.objects.get().body == "Tak for indlægget"
    assert OfferRequest.objects.get().participants > 0
    assert Evaluation.objects.get().rating
    assert privacy.registrations_apply_retention().elsewhere == {
        "api_tokens": 0,
        "blog_comments": 0,
        "member_account": 0,
        "offer_requests": 0,
        "meeting_craft": 0,
        "outreach": 0,
    }


def test_recent_comments_requests_and_evaluations_are_kept_by_retention():
    marked_elsewhere(old=False)
    before = set(database_contains(MARKER))
    privacy.registrations_apply_retention()
    assert set(database_contains(MARKER)) == before


def test_data_request_covers_every_app_and_erase_removes_the_marker_everywhere():
    from members.tests.factories import UserFactory

    marked_elsewhere(old=False)
    UserFactory(email=MARKER_EMAIL, first_name=MARKER)
    data = privacy.personal_data_for_email(email=MARKER_EMAIL.upper())
    assert data["blog_comments"][0]["name"] == f"Gæst {MARKER}"
    assert data["offer_requests"][0]["phone"] == MARKER
    assert data["meeting_craft"][0]["comment"].endswith(MARKER)
    assert data["member_account"][0]["account"]["first_name"] == MARKER
    assert data["registrations"][0]["diet_note"] == MARKER

    privacy.personal_data_erase(email=MARKER_EMAIL)
    assert database_contains(MARKER) == []
    assert database_contains(MARKER.lower()) == []


def test_erase_leaves_staff_accounts_for_an_administrator():
    from members.models import User
    from members.tests.factories import StaffUserFactory

    StaffUserFactory(email=MARKER_EMAIL)
    privacy.personal_data_erase(email=MARKER_EMAIL)
    assert User.objects.filter(email=MARKER_EMAIL).exists()


def test_members_own_export_includes_their_comments_ideas_and_requests():
    from content.tests.factories import CommentFactory, OfferRequestFactory
    from craft.tests.factories import IdeaFactory
    from members.privacy import member_data_export
    from members.tests.factories import UserFactory

    user = UserFactory(email=MARKER_EMAIL)
    CommentFactory(user=user, name="", email="", body=f"Medlemskommentar {MARKER}")
    IdeaFactory(author=user, title=f"Idé {MARKER}")
    OfferRequestFactory(email=MARKER_EMAIL.upper(), contact_name=MARKER)
    data = member_data_export(user=user)
    assert data["blog_comments"][0]["body"].endswith(MARKER)
    assert data["meeting_craft"][0]["title"] == f"Idé {MARKER}"
    assert data["offer_requests"][0]["contact_name"] == MARKER
    assert "member_account" not in data


def _desk_entered(meeting, by, **reasons):
    """A registration staff entered at the desk by phone, with override reasons that name the person."""
    from registration import services
    from registration.enums import RegistrationChannel

    data = {"name": f"Åse {MARKER}"}
    return services.registration_create(
        meeting=meeting, data=data, email=MARKER_EMAIL, by=by, channel=RegistrationChannel.PHONE, **reasons
    ).registration


def test_the_desk_history_is_in_the_data_export_and_erasing_anonymises_its_reasons():
    from members.tests.factories import SecretariatUserFactory
    from registration.models import RegistrationAudit

    staff = SecretariatUserFactory(email="sanne@netvaerk.example")
    meeting = MeetingFactory(capacity=1, waiting_list_enabled=False)
    RegistrationFactory(meeting=meeting)  # full: the seat needs an override
    registration = _desk_entered(meeting, staff, override_capacity_reason=f"{MARKER} ringede fra kontoret")
    [entry] = privacy.personal_data_for_email(email=MARKER_EMAIL)["registrations"][0]["desk_history"]
    assert entry["action"] == "created" and entry["channel"] == "phone" and entry["by"] == "sanne@netvaerk.example"
    assert entry["override_capacity_reason"] == f"{MARKER} ringede fra kontoret"
    assert entry["override_deadline_reason"] == "" and entry["emails_sent"] is True
    assert privacy.personal_data_for_email(email=MARKER_EMAIL)["registrations"][0]["channel"] == "phone"

    assert privacy.personal_data_erase(email=MARKER_EMAIL) == 1
    assert database_contains(MARKER) == []
    # That staff entered it, how, and that an override was used stay (no person in them).
    kept = RegistrationAudit.objects.get(registration=registration)
    assert (kept.channel, kept.by, kept.override_capacity_reason) == ("phone", staff, "Anonymiseret")


@override_settings(RETENTION_PERSONAL_DAYS=365)
def test_retention_anonymises_the_desk_history_of_old_meetings_with_the_registration():
    from registration import overrides
    from registration.enums import AuditAction
    from registration.models import RegistrationAudit

    old, recent = held_meeting(400), held_meeting(10)
    for meeting, email in ((old, MARKER_EMAIL), (recent, "recent@example.dk")):
        registration = marked_registration(meeting, email=email)
        overrides.audit_record(
            registration=registration,
            action=AuditAction.CREATED,
            by=None,
            channel="door",
            decision=overrides.Decision("open", deadline_reason=f"{MARKER} kom for sent"),
        )
    privacy.registrations_apply_retention()
    reasons = dict(RegistrationAudit.objects.values_list("registration__meeting", "override_deadline_reason"))
    assert reasons == {old.pk: "Anonymiseret", recent.pk: f"{MARKER} kom for sent"}
    assert (
        privacy.personal_data_for_email(email="recent@example.dk")["registrations"][0]["desk_history"][0][
            "override_deadline_reason"
        ]
        == f"{MARKER} kom for sent"
    )
