"""The access policy walked through every door: every admin URL and every staff URL.

Two consultants, A and B, each coordinate a network. Network B gets one of
everything (meetings, registrations, members, posts, material, minutes, ideas,
proposals, evaluations, blog posts, a stand-alone meeting B is responsible for).

- As A, every admin URL (changelist, add, change, delete, history and its
  versions, custom views, every action, every autocomplete) and every staff
  URL (everything under /personale/ and the group space's routes) is asked for
  B's objects, by GET and by POST with the payload B would send: the answer is
  403/404 (the admin's "does not exist" redirect counts as 404), B's data does
  not show, and nothing in the database changed.
- As B, the same walk succeeds: the pages open and the POSTs save.

The URL lists come from the admin registry and the URLconf, so a URL added
later fails test_every_admin_model_is_classified / test_every_url_is_walked_or_public
until it is walked here or named as public.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Q
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from content.tests.factories import AuthorFactory, BlogPostFactory, CommentFactory
from craft.tests.factories import AgendaProposalFactory, EvaluationFactory, IdeaCommentFactory, IdeaFactory
from meetings.tests.factories import AgendaItemFactory, MeetingFactory, WorkshopFactory
from members import group_space as member_group_space
from members.tests.factories import (
    ConsultantFactory,
    LinkMaterialFactory,
    MembershipFactory,
    SecretariatUserFactory,
    UserFactory,
)
from members.tests.factories import PostFactory as BoardPostFactory
from netvaerk import access
from netvaerk.tests.factories import NetworkFactory
from registration.enums import RegistrationStatus
from registration.models import ExportLog, InvoiceDetails, ParticipantMessage
from registration.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

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
    w.post = BoardPostFactory(network=w.network, author=member, title=f"Opslag {MARK}")
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
        "members.post": [w.post],
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


def db_state() -> dict:
    """Every row of every table (sessions aside: logging in writes one)."""
    state = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label_lower == "sessions.session" or model._meta.proxy:
            continue
        state[model._meta.label_lower] = list(model._base_manager.order_by("pk").values_list())
    return state


def changed_tables(before: dict, after: dict) -> list[str]:
    return [label for label in before if before[label] != after[label]]


def _widget(field):
    widget = field.widget
    while isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    return widget


def form_data(form) -> dict:
    """What a browser would send for a rendered form: its current values, as the widgets write them."""
    data = {}
    for bound in form:
        field, name = bound.field, bound.html_name
        if isinstance(field, forms.FileField):
            continue
        value, widget = bound.value(), _widget(field)
        if isinstance(widget, forms.MultiWidget):
            parts = value if isinstance(value, list | tuple) else widget.decompress(value)
            for i, (sub, part) in enumerate(zip(widget.widgets, parts, strict=False)):
                formatted = sub.format_value(part)
                data[f"{name}_{i}"] = "" if formatted is None else formatted
        elif isinstance(widget, forms.CheckboxInput):
            if value:
                data[name] = "on"
        elif isinstance(widget, forms.Select | forms.RadioSelect):
            formatted = widget.format_value(value)
            if isinstance(widget, forms.SelectMultiple | forms.CheckboxSelectMultiple):
                data[name] = [v for v in formatted if v != ""]
            elif isinstance(formatted, list):
                data[name] = formatted[0] if formatted else ""
            else:
                data[name] = formatted
        elif isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        else:
            formatted = widget.format_value(value)
            data[name] = "" if formatted is None else formatted
    return data


def formset_data(formset) -> dict:
    data = form_data(formset.management_form)
    for form in formset.forms:
        data.update(form_data(form))
    return data


def admin_form_payload(response) -> dict:
    """The POST that saves an admin change form as it stands (with its inlines)."""
    data = form_data(response.context["adminform"].form)
    inlines = response.context["inline_admin_formsets"] if "inline_admin_formsets" in response.context else []
    for inline in inlines:
        data.update(formset_data(inline.formset))
    return data


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def assert_refused(response, url):
    admin_missing = response.status_code == 302 and response["Location"] == reverse("admin:index")
    # 405: a POST-only URL asked with GET answers before anything is read.
    assert response.status_code in (403, 404, 405) or admin_missing, f"{url}: {response.status_code}"
    assert MARK.encode() not in body(response), url


def assert_unseen(response, url):
    """A list page: open, without B's objects."""
    assert response.status_code in (200, 302, 403, 404), f"{url}: {response.status_code}"
    assert MARK.encode() not in body(response), url


def rolled_back(post, url, data):
    """POST, then undo what it wrote; return the response and the tables it changed."""
    with transaction.atomic():
        before = db_state()
        response = post(url, data)
        changed = changed_tables(before, db_state())
        transaction.set_rollback(True)
    return response, changed


# --- The admin -----------------------------------------------------------------------------------


def _admin(label):
    return next(a for m, a in admin.site._registry.items() if m._meta.label_lower == label)


def _scoped_admins():
    return sorted(
        label for label in (m._meta.label_lower for m in admin.site._registry) if access.scope_of(apps.get_model(label))
    )


def _object_urls(model_admin, obj):
    """Every URL of one admin that names an object or none: (url name, url)."""
    urls = []
    history = getattr(obj, "history", None)
    for pattern in model_admin.get_urls():
        if not pattern.name:
            continue  # the bare "<object_id>/" redirect to the change page
        if pattern.name.endswith("_simple_history"):
            # simple_history's version page: a regular expression with two positional groups.
            if history is None:
                continue
            version = history.latest("history_date").history_id
            urls.append((pattern.name, reverse(f"admin:{pattern.name}", args=[obj.pk, version])))
            continue
        params = set(pattern.pattern.converters)
        kwargs = {"object_id": obj.pk} if "object_id" in params else {}
        if params - set(kwargs):
            raise AssertionError(f"unknown URL parameters {params - set(kwargs)} in {pattern.name}")
        urls.append((pattern.name, reverse(f"admin:{pattern.name}", kwargs=kwargs)))
    return urls


def _admin_cases(world):
    for label in _scoped_admins():
        model_admin = _admin(label)
        for index, obj in enumerate(world.admin_objects[label]):
            for name, url in _object_urls(model_admin, obj):
                # The pages without an object once, with the payload of the network's own object.
                if index == 0 or str(obj.pk) in url:
                    yield label, model_admin, obj, name, url


def _custom_post(name, world):
    if name == "members_membership_add_member":
        return {"network": world.network.pk, "email": "ny@example.dk", "name": "Ny Person", "role": "member"}
    if name == "members_membership_import":
        upload = SimpleUploadedFile("medlemmer.csv", b"Ny Person;ny@example.dk;Boligforening\n")
        return {"network": world.network.pk, "role": "member", "file": upload}
    if name == "registration_personal_data":
        return {"email": world.registration.email, "erase": "1"}
    if name == "meetings_meeting_paste_programme":
        return {"text": f"09.30-10.00 Velkommen {MARK}\n10.00-11.00 Oplæg", "mode": "append", "confirm": "1"}
    if name == "meetings_meeting_consider_warning":
        return {"code": "no_break", "fingerprint": "unknown", "note": MARK, "consider": "1"}
    return None


def _owner_payloads(client, world):
    """What B sends: the change forms as they stand, read from B's own pages."""
    payloads = {}
    for _label, _model_admin, _obj, name, url in _admin_cases(world):
        if name.endswith(("_change", "_simple_history")):
            response = client.get(url)
            if response.status_code == 200 and response.context and "adminform" in response.context:
                payloads[url] = admin_form_payload(response)
    return payloads


def _payload_for(name, url, world, payloads, obj):
    if url in payloads:
        return payloads[url]
    if name.endswith("_delete"):
        return {"post": "yes"}
    if name.endswith("_add"):
        # B's change form of the same model, sent as a new object of network B.
        change = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
        data = dict(payloads.get(change, {}))
        return {key: value for key, value in data.items() if not key.endswith("-id")}
    return _custom_post(name, world)


def _action_post(model_admin, obj, action, world):
    data = {"action": action, ACTION_CHECKBOX_NAME: [str(obj.pk)], "index": "0"}
    # Pass the intermediate pages of the actions that have one.
    data.update(
        {
            "apply": "1",
            "starts_on": (timezone.localdate() + dt.timedelta(days=60)).isoformat(),
            "starts_at_time": "",
            "send": "1",
            "statuses": [RegistrationStatus.CONFIRMED],
            "subject": f"Til deltagerne {MARK}",
            "body": "Husk madpakken.",
            "confirm": "yes",
            "post": "yes",
        }
    )
    return data


def test_every_admin_model_is_classified():
    """A model added to the admin later must be named as network-bound (scope_register) or as shared."""
    registered = {model._meta.label_lower for model in admin.site._registry}
    scoped = set(_scoped_admins())
    assert registered == scoped | SHARED_ADMIN_MODELS | SECRETARIAT_ADMIN_MODELS
    assert not scoped & (SHARED_ADMIN_MODELS | SECRETARIAT_ADMIN_MODELS)


def test_every_network_bound_admin_is_walked(world):
    assert set(_scoped_admins()) == set(world.admin_objects)
    for label in _scoped_admins():
        for name in (p.name for p in _admin(label).get_urls() if p.name):
            known = name.split("_")[-1] in {"changelist", "add", "history", "delete", "change", "simple_history"}
            assert known or name in SECRETARIAT_ONLY_URLS or _custom_post(name, world) is not None, name


def test_admin_as_consultant_of_another_network_refuses_every_url(client, world):
    client.force_login(world.b)
    payloads = _owner_payloads(client, world)
    client.force_login(world.a)
    before = db_state()
    walked = 0
    for _label, _model_admin, obj, name, url in _admin_cases(world):
        walked += 1
        response = client.get(url)
        if name.endswith("_changelist"):
            assert response.status_code == 200, url
            assert_unseen(response, url)
        elif name.endswith("_add") or name in ("members_membership_add_member", "members_membership_import"):
            assert response.status_code in (200, 302, 403), url
            assert MARK.encode() not in body(response), url
        else:
            assert_refused(response, url)
        data = _payload_for(name, url, world, payloads, obj)
        if data is not None:
            response = client.post(url, data)
            # An add form refused shows what was typed (B's texts); the database below tells.
            if not name.endswith("_add") and name not in ("members_membership_add_member", "members_membership_import"):
                assert_refused(response, url)
        assert not changed_tables(before, db_state()), f"{url} changed the database"
    assert walked > 60


def test_admin_actions_of_another_network_change_nothing(client, world):
    client.force_login(world.a)
    before = db_state()
    request = type("R", (), {"user": world.a, "GET": {}, "POST": {}, "method": "GET"})()
    for label in _scoped_admins():
        model_admin = _admin(label)
        changelist = reverse(f"admin:{label.replace('.', '_')}_changelist")
        for obj in world.admin_objects[label]:
            for action in model_admin.get_actions(request):
                response = client.post(changelist, _action_post(model_admin, obj, action, world))
                assert response.status_code in (200, 302, 403), (label, action)
                assert MARK.encode() not in body(response), (label, action)
                assert not changed_tables(before, db_state()), f"{label}: {action} changed the database"


def test_admin_autocompletes_never_offer_another_networks_objects(client, world):
    client.force_login(world.a)
    asked = 0
    for model, model_admin in admin.site._registry.items():
        for field in model_admin.get_autocomplete_fields(None):
            response = client.get(
                reverse("admin:autocomplete"),
                {"app_label": model._meta.app_label, "model_name": model._meta.model_name, "field_name": field},
            )
            asked += 1
            assert response.status_code in (200, 403), (model, field)
            assert MARK not in response.content.decode("unicode_escape"), (model, field)
    assert asked > 10


def test_admin_forms_refuse_another_networks_choices(client, world):
    """A consultant cannot create a meeting (or an idea) in another network by posting its id."""
    client.force_login(world.a)
    response = client.get(reverse("admin:meetings_meeting_add"))
    field = response.context["adminform"].form.fields["network"]
    assert set(field.queryset) == {world.network_a}
    idea = client.get(reverse("admin:craft_idea_add")).context["adminform"].form
    assert world.network not in idea.fields["network"].queryset
    assert world.meeting not in idea.fields["meeting"].queryset


def test_admin_as_the_networks_own_coordinator_does_the_work(client, world):
    client.force_login(world.b)
    payloads = _owner_payloads(client, world)
    saved = []
    request = RequestFactory().get("/")
    request.user = world.b
    for _label, model_admin, obj, name, url in _admin_cases(world):
        response = client.get(url)
        if name in SECRETARIAT_ONLY_URLS or name.endswith("_add") and not model_admin.has_add_permission(request):
            assert response.status_code == 403, url
            continue
        assert response.status_code in (200, 302), url
        if name.endswith("_changelist"):
            assert MARK.encode() in body(response), url
        data = _payload_for(name, url, world, payloads, obj)
        if data is None:
            continue
        response, changed = rolled_back(client.post, url, data)
        if name.endswith("_add"):
            continue  # a new object needs new unique values; the change forms below prove saving
        if url in payloads and not model_admin.has_change_permission(request, obj):
            assert response.status_code == 403, url  # a read-only admin (evaluations)
            continue
        assert response.status_code in (200, 302), url
        if url in payloads or name.endswith("_delete") and response.status_code == 302:
            form = response.context.get("adminform") if response.context else None
            errors = form.form.errors if form else ""
            assert response.status_code == 302 and changed, f"{url} did not save: {errors}"
            saved.append(url)
    assert len(saved) > 20


def test_admin_actions_of_the_own_network_do_the_work(client, world):
    client.force_login(world.b)
    request = type("R", (), {"user": world.b, "GET": {}, "POST": {}, "method": "GET"})()
    done = set()
    for label in _scoped_admins():
        model_admin = _admin(label)
        changelist = reverse(f"admin:{label.replace('.', '_')}_changelist")
        for obj in world.admin_objects[label]:
            for action in model_admin.get_actions(request):
                response, changed = rolled_back(client.post, changelist, _action_post(model_admin, obj, action, world))
                assert response.status_code in (200, 302), (label, action)
                if changed:
                    done.add(action)
    assert ACTIONS_THAT_CHANGE <= done


def test_admin_autocompletes_offer_the_own_networks_objects(client, world):
    client.force_login(world.b)
    response = client.get(
        reverse("admin:autocomplete"), {"app_label": "meetings", "model_name": "meeting", "field_name": "network"}
    )
    assert str(world.network.pk) in {row["id"] for row in response.json()["results"]}
    response = client.get(
        reverse("admin:autocomplete"), {"app_label": "members", "model_name": "material", "field_name": "meeting"}
    )
    assert {str(world.meeting.pk), str(world.standalone.pk)} <= {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize("label", sorted(SECRETARIAT_ADMIN_MODELS))
def test_secretariat_only_admins_stay_closed_to_consultants(client, world, label):
    client.force_login(world.a)
    world.a.user_permissions.add(
        *Permission.objects.filter(content_type__app_label=label.split(".")[0]).exclude(codename="view_all_meetings")
    )
    for pattern in _admin(label).get_urls():
        if pattern.name and not pattern.pattern.converters:
            assert client.get(reverse(f"admin:{pattern.name}")).status_code == 403, pattern.name
    client.force_login(SecretariatUserFactory())
    assert client.get(reverse(f"admin:{label.replace('.', '_')}_changelist")).status_code == 200


# --- The staff pages ----------------------------------------------------------------------------------


def _routes(resolver=None, prefix="", namespace=""):
    """(full route, URL name with namespace) of every pattern of the URLconf."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _routes(pattern, route, ns)
        elif isinstance(pattern, URLPattern):
            yield route, f"{namespace}{pattern.name}" if pattern.name else route


def _is_staff_route(route: str) -> bool:
    return route.startswith("personale/") or "/gruppe/" in route


# Every other page: public, the participant's own links, the members' own pages and accounts.
PUBLIC_URL_NAMES = {
    "health",
    "health_web",
    "accessibility:was",
    "accessibility:statement",
    "robots",
    "privacy",
    "set_language",
    "registration:personal",
    "registration:cancel",
    # The booker's page for colleagues signed up in one go (its own personal key).
    "registration:group_booking",
    "registration:group_booking_cancel",
    "members:home",
    "members:registrations",
    "members:profile",
    "members:privacy",
    "members:data_export",
    "members:account_delete",
    "members:join",
    "members:leave",
    "craft:evaluation",
    "public:home",
    "public:network_list",
    "public:network_detail",
    "public:network_calendar",
    "public:meeting_list",
    "public:all_meetings_calendar",
    "public:meeting_calendar",
    "public:meeting_detail",
    "public:embed_meetings",
    "public:embed_network",
    "public:registration_receipt",
    "content:post_list",
    "content:post_feed",
    "content:post_tag",
    "content:post_detail",
    "content:comment_moderate",
    "content:offer_list",
    "content:offer_detail",
    "content:offer_pdf",
    "content:offer_request",
    "content:offer_request_thanks",
    "search:search",
    # The read API's public part (api/): published meetings and public networks only.
    "api-v1:network_list",
    "api-v1:network_detail",
    "api-v1:work_area_list",
    "api-v1:meeting_list",
    "api-v1:meeting_detail",
    "api-v1:calendar",
    "api-v1:openapi-json",
    "api-v1:openapi-view",
    "api-v1:api-root",  # django-ninja's root: a 404 naming the docs
}
# Staff URLs opened by an API token rather than a session: walked with A's and B's tokens below.
API_TOKEN_URL_NAMES = {"api-v1:meeting_participants"}


def _staff_routes(w):
    """Staff URL name: (kwargs, query, POST payload or None). A payload of "form" is B's own form, as B sends it."""
    meeting, past, net = w.meeting.code, w.past.code, w.network.slug
    return {
        "registration:staff_overview": ({}, "", None),
        "registration:staff_fill_rate_export": ({"fmt": "csv"}, "", None),
        "registration:staff_meeting_lists": ({"code": meeting}, "", ("form", {"format": "csv"})),
        "registration:staff_meeting_export": ({"code": meeting, "kind": "deltagere", "fmt": "csv"}, "", None),
        "registration:staff_network_registrations": (
            {},
            "",
            ("form", {"network": w.network.pk, "fra": "2020-01-01", "til": "2040-01-01", "format": "csv"}),
        ),
        "registration:staff_network_export": ({"slug": net, "fmt": "csv"}, "?fra=2020-01-01&til=2040-01-01", None),
        "registration:staff_invoice_basis": (
            {},
            "",
            ("form", {"network": w.network.pk, "fra": "2020-01-01", "til": "2040-01-01", "format": "csv"}),
        ),
        "registration:staff_invoice_basis_export": (
            {"fmt": "csv"},
            f"?fra=2020-01-01&til=2040-01-01&netvaerk={net}",
            None,
        ),
        "registration:staff_attendance": ({}, "", None),
        "registration:staff_attendance_export": ({"fmt": "csv"}, "", None),
        "registration:check_in": ({"code": meeting}, "", None),
        "registration:staff_messages": ({"code": meeting}, "", None),
        "registration:staff_message_write": ({"code": meeting}, "", ("form", {"subject": "Ny", "body": "Kære {name}"})),
        "registration:staff_message": ({"code": meeting, "pk": w.message.pk}, "", {"send": "1"}),
        "registration:staff_message_edit": ({"code": meeting, "pk": w.message.pk}, "", ("form", {})),
        "registration:check_in_toggle": ({"code": meeting, "pk": w.registration.pk}, "", {"attended": "1"}),
        "registration:check_in_scan": ({"code": meeting}, "", {"code": w.registration.check_in_code}),
        "registration:check_in_walk_in": ({"code": meeting}, "", {"name": "Kom uden tilmelding"}),
        "registration:staff_desk": (
            {"code": meeting},
            "",
            (
                "form",
                {
                    "name": "Ringede ind",
                    "email": "ringede@example.dk",
                    "privacy": "on",
                    "channel": "phone",
                    "workshop_first": w.workshop.pk,
                },
            ),
        ),
        # B's own other meeting as the target: a move needs rights on both meetings.
        "registration:staff_registration_move": ({"pk": w.registration.pk}, "", {"to_meeting": w.standalone.pk}),
        "registration:staff_registration_cancel": ({"pk": w.registration.pk}, "", {}),
        "craft:cadence": ({}, "", None),
        "craft:plan_year": ({"slug": net}, "", "form"),
        "craft:ideas": ({"slug": net}, "", None),
        "craft:idea_add": ({"slug": net}, "", {"title": "Ny idé", "description": "", "tags": "", "meeting": ""}),
        "craft:idea_detail": ({"slug": net, "pk": w.idea.pk}, "", {"body": "Godt."}),
        "craft:idea_comment_remove": ({"slug": net, "pk": w.idea.pk, "comment_pk": w.idea_comment.pk}, "", {}),
        "craft:proposals": ({"slug": net}, "", {"title": "Nyt emne", "description": ""}),
        "craft:proposal_plan": ({"slug": net, "pk": w.proposal.pk}, "", {"meeting": w.meeting.pk}),
        "craft:proposal_decline": ({"slug": net, "pk": w.proposal.pk}, "", {}),
        "craft:evaluations": ({"slug": net}, "", None),
        "craft:evaluations_export": ({"slug": net, "fmt": "csv"}, "", None),
        "craft:evaluation_meeting": ({"slug": net, "code": past}, "", None),
        "members:group": ({"slug": net}, "", None),
        "members:board": ({"slug": net}, "", {"title": "Hej", "body": "Nyt opslag"}),
        "members:post_detail": ({"slug": net, "pk": w.post.pk}, "", {"body": "Svar"}),
        "members:post_pin": ({"slug": net, "pk": w.post.pk}, "", {}),
        "members:post_remove": ({"slug": net, "pk": w.post.pk}, "", {}),
        "members:notifications": ({"slug": net}, "", {"notify_new_posts": "on"}),
        "members:directory": ({"slug": net}, "", None),
        "members:material": (
            {"slug": net},
            "",
            {"title": "Link", "description": "", "meeting": "", "url": "https://example.dk/"},
        ),
        "members:material_download": ({"slug": net, "pk": w.file.pk}, "", None),
        "members:material_delete": ({"slug": net, "pk": w.material.pk}, "", {}),
        "members:minutes": ({"slug": net}, "", None),
        "members:minutes_edit": ({"slug": net, "code": past}, "", {"text": "Nyt referat", "outputs": ""}),
        "members:minutes_download": ({"slug": net, "pk": w.minutes.pk}, "", None),
        "members:requests": ({"slug": net}, "", {"membership": str(w.membership.pk), "decision": "approve"}),
    }


# Pages that list what the person may see rather than one network's object: open for A, without B's data.
LIST_PAGES = {
    "registration:staff_overview",
    "registration:staff_fill_rate_export",
    "registration:staff_network_registrations",
    "registration:staff_invoice_basis",
    "registration:staff_attendance",
    "registration:staff_attendance_export",
    "craft:cadence",
}
NO_NAMES_SHOWN = {
    "registration:staff_attendance_export",
    "registration:staff_network_registrations",
    "registration:staff_invoice_basis",
    "craft:plan_year",
    "members:material_download",
    "members:minutes_download",
}
# Group-space pages for the network's active members only (B coordinates without being a member).
MEMBERS_ONLY = {"members:notifications"}


def test_every_url_is_walked_or_public(world):
    walked = set(_staff_routes(world))
    for route, name in _routes():
        if route.startswith("admin/") or route.startswith("konto/") or route.startswith("i18n/"):
            continue  # the admin (walked above), allauth's account pages, the language switch
        if name in API_TOKEN_URL_NAMES:
            continue
        if _is_staff_route(route):
            assert name in walked, f"staff URL {name} ({route}) is not walked by the access test"
        else:
            assert name in PUBLIC_URL_NAMES, f"URL {name} ({route}) is neither walked nor listed as public"


def _owner_forms(client, world):
    payloads = {}
    for name, (kwargs, query, post) in _staff_routes(world).items():
        if post == "form":
            response = client.get(reverse(name, kwargs=kwargs) + query)
            assert response.status_code == 200, name
            context = response.context
            data = {}
            if "formset" in context:
                data.update(formset_data(context["formset"]))
            if "form" in context:
                data.update(form_data(context["form"]))
            payloads[name] = data
        if isinstance(post, tuple):
            payloads[name] = {**_owner_forms_one(client, name, kwargs, query), **post[1]}
    return payloads


def _owner_forms_one(client, name, kwargs, query):
    response = client.get(reverse(name, kwargs=kwargs) + query)
    assert response.status_code == 200, name
    return form_data(response.context["form"])


def test_staff_pages_as_consultant_of_another_network_refuse_and_change_nothing(client, world):
    client.force_login(world.b)
    forms_of_b = _owner_forms(client, world)
    client.force_login(world.a)
    before = db_state()
    for name, (kwargs, query, post) in _staff_routes(world).items():
        url = reverse(name, kwargs=kwargs) + query
        check = assert_unseen if name in LIST_PAGES else assert_refused
        check(client.get(url), url)
        data = forms_of_b.get(name) if post == "form" or isinstance(post, tuple) else post
        check(client.post(url, data or {}), url)
        changed = changed_tables(before, db_state())
        if name in LIST_PAGES and changed == ["registration.exportlog"]:
            # A's own download of A's own figures is logged, naming nothing of B's.
            logs = ExportLog.objects.exclude(pk=world.export_log.pk)
            assert not logs.filter(Q(network=world.network) | Q(meeting__network=world.network)).exists()
            assert set(logs.values_list("user", flat=True)) == {world.a.pk}
            logs.delete()
            changed = changed_tables(before, db_state())
        assert not changed, f"{url} changed the database"


@pytest.mark.parametrize("role", ["member", "anonymous"])
def test_staff_pages_refuse_members_and_anonymous(client, world, role):
    if role == "member":
        client.force_login(MembershipFactory(network=world.network_a).user)
    before = db_state()
    for name, (kwargs, query, post) in _staff_routes(world).items():
        url = reverse(name, kwargs=kwargs) + query
        for response in (client.get(url), client.post(url, post if isinstance(post, dict) else {})):
            assert response.status_code in (302, 403, 404, 405), url
            assert MARK.encode() not in body(response), url
        assert not changed_tables(before, db_state()), f"{url} changed the database"


def test_staff_pages_as_the_networks_own_coordinator_do_the_work(client, world):
    client.force_login(world.b)
    forms_of_b = _owner_forms(client, world)
    for name, (kwargs, query, post) in _staff_routes(world).items():
        url = reverse(name, kwargs=kwargs) + query
        response = client.get(url)
        if name in MEMBERS_ONLY:
            assert response.status_code in (403, 405), url
            continue
        assert response.status_code in (200, 302, 405), url
        # B's pages show B's things (not the form pages and the files, which carry no names).
        if response.status_code == 200 and name not in NO_NAMES_SHOWN:
            assert MARK.encode() in body(response), url
        if post is None:
            continue
        data = forms_of_b.get(name) if post == "form" or isinstance(post, tuple) else post
        response, changed = rolled_back(client.post, url, data)
        assert response.status_code == 302, f"{url}: {response.status_code}"
        if name not in ("registration:staff_network_registrations", "registration:staff_invoice_basis"):
            assert changed, f"{url} saved nothing"


def test_check_in_opens_for_the_coordinating_consultant_with_the_consultant_role_alone(client, world):
    """The known fault: the plain Konsulent group was refused the door of its own meeting."""
    consultant = ConsultantFactory()
    world.network.working_group.add(consultant)
    client.force_login(consultant)
    url = reverse("registration:check_in", kwargs={"code": world.meeting.code})
    assert client.get(url).status_code == 200
    toggle = reverse("registration:check_in_toggle", kwargs={"code": world.meeting.code, "pk": world.registration.pk})
    assert client.post(toggle, {"attended": "1"}).status_code == 302
    world.registration.refresh_from_db()
    assert world.registration.attended


def test_plan_next_year_refuses_another_network_and_creates_nothing(client, world):
    client.force_login(ConsultantFactory())
    url = reverse("craft:plan_year", kwargs={"slug": world.network.slug})
    count = world.network.meetings.count()
    assert client.get(url).status_code == 403
    assert client.post(url, {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0"}).status_code == 403
    assert world.network.meetings.count() == count


def test_member_import_refuses_another_network(client, world):
    client.force_login(world.a)
    data = {"network": world.network.pk, "role": "member", "file": io.BytesIO(b"Ny;ny@example.dk;X\n")}
    data["file"].name = "m.csv"
    response = client.post(reverse("admin:members_membership_import"), data)
    assert response.status_code == 200
    assert not world.network.memberships.filter(user__email="ny@example.dk").exists()


# --- The API's token part ----------------------------------------------------------------------------------


def test_api_token_of_another_networks_consultant_reads_nothing_of_b(client, world):
    from api import services as api_services
    from api.enums import TokenScope

    scopes = list(TokenScope.values)
    _token_a, raw_a = api_services.api_token_create(user=world.a, name="A", scopes=scopes, by=world.a)
    _token_b, raw_b = api_services.api_token_create(user=world.b, name="B", scopes=scopes, by=world.b)
    meetings = [world.meeting, world.past, world.standalone]
    before = db_state()
    for meeting in meetings:
        url = reverse("api-v1:meeting_participants", kwargs={"code": meeting.code})
        for query in ("", "?scope=all"):
            assert_refused(client.get(url + query, HTTP_AUTHORIZATION=f"Bearer {raw_a}"), url)
            assert client.post(url, HTTP_AUTHORIZATION=f"Bearer {raw_a}").status_code == 405
    assert not changed_tables(before, db_state()), "A's refused reads changed the database"
    for meeting in meetings:
        url = reverse("api-v1:meeting_participants", kwargs={"code": meeting.code})
        response = client.get(url + "?scope=all", HTTP_AUTHORIZATION=f"Bearer {raw_b}")
        assert response.status_code == 200, url
    assert (
        MARK.encode()
        in client.get(
            reverse("api-v1:meeting_participants", kwargs={"code": world.meeting.code}),
            HTTP_AUTHORIZATION=f"Bearer {raw_b}",
        ).content
    )
    assert ExportLog.objects.filter(user=world.b, format="json").count() == len(meetings) + 1


def test_api_tokens_of_another_consultant_stay_closed(client, world):
    from api import services as api_services
    from api.models import ApiToken

    token_b, _raw = api_services.api_token_create(
        user=world.b, name=f"B {MARK}", scopes=["participants:read"], by=world.b
    )
    client.force_login(world.a)
    assert_unseen(client.get(reverse("admin:api_apitoken_changelist")), "changelist")
    for name in ("admin:api_apitoken_change", "admin:api_apitoken_history", "admin:api_apitoken_delete"):
        url = reverse(name, args=[token_b.pk])
        assert_refused(client.get(url), url)
        response, changed = rolled_back(client.post, url, {"name": "A's now", "post": "yes"})
        assert_refused(response, url)
        assert not changed, url
    changelist = reverse("admin:api_apitoken_changelist")
    response, changed = rolled_back(client.post, changelist, {"action": "revoke", "_selected_action": [token_b.pk]})
    assert not changed
    assert ApiToken.objects.get(pk=token_b.pk).revoked_at is None
