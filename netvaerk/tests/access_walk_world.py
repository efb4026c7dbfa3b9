"""The access walk's world: two networks, A and B, and one of everything in B (see test_access_walk)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from content.tests.factories import AuthorFactory, BlogPostFactory, CommentFactory
from craft.tests.factories import AgendaProposalFactory, EvaluationFactory, IdeaCommentFactory, IdeaFactory
from meetings.tests.factories import AgendaItemFactory, MeetingFactory, WorkshopFactory
from members import group_space as member_group_space
from members.tests.factories import (
    BoardPostFactory,
    ConsultantFactory,
    LinkMaterialFactory,
    MembershipFactory,
    UserFactory,
)
from netvaerk import access
from netvaerk.tests.factories import NetworkFactory
from registration.enums import RegistrationStatus
from registration.models import ExportLog, InvoiceDetails, ParticipantMessage
from registration.tests.factories import RegistrationFactory

MARK = "HEMMELIG"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"

# Admin models that belong to no network: shared master data and tools of every consultant
# (places, organisations, tags, offers), accounts, and the secretariat's own logs.
SHARED_ADMIN_MODELS = {
    "auth.group",
    "sites.site",
    "django_celery_beat.periodictask",
    "django_celery_beat.clockedschedule",
    "django_celery_beat.crontabschedule",
    "django_celery_beat.solarschedule",
    "django_celery_beat.intervalschedule",
    "account.emailaddress",
    # Single sign-on (allauth): accounts' links to their providers; no role holds these permissions.
    "socialaccount.socialaccount",
    "members.twofactormethod",  # allauth's authenticators under Danish names, superusers only
    "netvaerk.organiser",
    "netvaerk.organisation",
    "netvaerk.workarea",
    "netvaerk.targetgroup",
    "netvaerk.theme",
    "members.user",
    "meetings.venue",
    "content.tag",
    "content.author",
    "content.provider",
    "content.offer",
    "content.offerrequest",
    # API tokens belong to a person, not a network: each sees and revokes their own, the secretariat all
    # (walked in test_api_tokens_of_another_consultant_stay_closed below).
    "api.apitoken",
}
SECRETARIAT_ADMIN_MODELS = {
    "outbox.outgoingemail",
    "registration.exportlog",
    "accessibility.statement",
    "webhooks.subscription",
    "webhooks.delivery",
}

# Custom admin views (get_urls) of the network-bound admins: what B would post there.
SECRETARIAT_ONLY_URLS = {"registration_personal_data"}

# Actions whose work shows in the database (B's walk checks it did).
ACTIONS_THAT_CHANGE = {
    "delete_selected",
    "duplicate_meeting",
    "approve",
    "promote",
    "promote_over_capacity",
    "cancel",
    "unpublish_posts",
    "hide_comments",
}


# --- The world -------------------------------------------------------------------------------


def _all_model_permissions(user):
    """Every permission of the network-bound models (downloads included), not the right to see all meetings."""
    types = [ContentType.objects.get_for_model(apps.get_model(label)) for label in access.scoped_models()]
    perms = Permission.objects.filter(content_type__in=types).exclude(codename="view_all_meetings")
    user.user_permissions.add(*perms)


class World:
    pass


@pytest.fixture
def world(db, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    w = World()
    w.a = ConsultantFactory(first_name="Anna", last_name="Andersen")
    w.b = ConsultantFactory(first_name="Bent", last_name="Bentsen")
    for user in (w.a, w.b):
        _all_model_permissions(user)
    w.network_a = NetworkFactory(name="Alfa-netværket", slug="alfa", coordinator=w.a)
    w.meeting_a = MeetingFactory(network=w.network_a, title="Alfa-mødet")
    now = timezone.now()
    # Not on the public site: its name is as private as the rest.
    w.network = NetworkFactory(name=f"Beta {MARK} netværk", slug="beta", coordinator=w.b, is_public=False)
    w.past = MeetingFactory(
        network=w.network,
        title=f"Beta-møde {MARK} i fjor",
        starts_at=now - dt.timedelta(days=3),
        ends_at=now - dt.timedelta(days=3) + dt.timedelta(hours=3),
        registration_deadline=now - dt.timedelta(days=5),
    )
    # A priced meeting: its invoice basis (per meeting and across meetings) is walked too.
    w.meeting = MeetingFactory(network=w.network, title=f"Beta-møde {MARK}", capacity=3, price=1500)
    w.item = AgendaItemFactory(meeting=w.meeting, title=f"Punkt {MARK}")
    w.workshop = WorkshopFactory(meeting=w.meeting, title=f"Værksted {MARK}")
    w.registration = RegistrationFactory(meeting=w.meeting, name=f"Deltager {MARK}", organisation="Fortrolig")
    InvoiceDetails.objects.create(
        registration=w.registration, payer="organisation", ean="5798000000001", reference=f"Rekv {MARK}"
    )
    RegistrationFactory(meeting=w.meeting, name=f"Anden {MARK}")
    w.waiting = RegistrationFactory(
        meeting=w.meeting, name=f"Venter {MARK}", status=RegistrationStatus.WAITING, confirmed_at=None
    )
    w.waiting.waiting_since = now
    w.waiting.save()
    w.past_registration = RegistrationFactory(meeting=w.past, name=f"Mødt {MARK}", attended=True)
    w.standalone = MeetingFactory(network=None, responsible=w.b, title=f"Temadag {MARK}")
    member = UserFactory(first_name="Mette", last_name=f"Medlem{MARK}")
    w.membership = MembershipFactory(network=w.network, user=member, status="requested", message=f"Må jeg {MARK}")
    w.board_post = BoardPostFactory(network=w.network, author=member, title=f"Opslag {MARK}")
    w.material = LinkMaterialFactory(network=w.network, uploaded_by=member, title=f"Link {MARK}")
    w.file = member_group_space.material_add(
        network=w.network,
        by=w.b,
        title=f"Fil {MARK}",
        upload=SimpleUploadedFile("beta.pdf", PDF, content_type="application/pdf"),
        content_type="application/pdf",
    )
    w.minutes = member_group_space.minutes_save(
        meeting=w.past,
        by=w.b,
        text=f"Referat {MARK}",
        upload=SimpleUploadedFile("referat.pdf", PDF, content_type="application/pdf"),
        content_type="application/pdf",
    )
    w.idea = IdeaFactory(network=w.network, title=f"Idé {MARK}", author=w.b)
    w.idea_comment = IdeaCommentFactory(idea=w.idea, author=member, body=f"Kommentar {MARK}")
    w.proposal = AgendaProposalFactory(network=w.network, author=member, title=f"Forslag {MARK}")
    w.evaluation = EvaluationFactory(registration=w.past_registration, comment=f"Evaluering {MARK}")
    w.export_log = ExportLog.objects.create(
        user=w.b, user_email=w.b.email, kind="participants", format="csv", meeting=w.meeting, row_count=2
    )
    # A draft of a message to the meeting's participants (registration/views_messages.py).
    w.message = ParticipantMessage.objects.create(
        meeting=w.meeting,
        author=w.b,
        subject=f"Besked {MARK}",
        body="Kære {name}",
        filters={"statuses": [RegistrationStatus.CONFIRMED]},
    )
    w.blog_post = BlogPostFactory(network=w.network, title=f"Blog {MARK}", author=AuthorFactory(user=w.b))
    w.blog_comment = CommentFactory(post=w.blog_post, body=f"Blogkommentar {MARK}")
    # One object (or two) of B's per network-bound admin model.
    w.admin_objects = {
        "netvaerk.network": [w.network],
        "meetings.meeting": [w.meeting, w.standalone],
        "registration.registration": [w.waiting],
        "registration.participantmessage": [w.message],
        "members.membership": [w.membership],
        "members.boardpost": [w.board_post],
        "members.material": [w.material],
        "members.minutes": [w.minutes],
        "craft.idea": [w.idea],
        "craft.agendaproposal": [w.proposal],
        "craft.evaluation": [w.evaluation],
        "content.blogpost": [w.blog_post],
        "content.comment": [w.blog_comment],
    }
    return w


# --- Helpers ------------------------------------------------------------------------------------
