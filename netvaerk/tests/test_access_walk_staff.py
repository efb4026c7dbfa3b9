"""The access walk of every staff URL (everything under /personale/, the group space, the API); see test_access_walk."""

from __future__ import annotations

import io

import pytest
from django.db.models import Q
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from members.tests.factories import (
    ConsultantFactory,
    MembershipFactory,
)
from netvaerk.tests.access_walk_support import (
    assert_refused,
    assert_unseen,
    body,
    changed_tables,
    db_state,
    form_data,
    formset_data,
    rolled_back,
)
from netvaerk.tests.access_walk_urls import (
    API_TOKEN_URL_NAMES,
    LIST_PAGES,
    MEMBERS_ONLY,
    NO_NAMES_SHOWN,
    PUBLIC_URL_NAMES,
)
from netvaerk.tests.access_walk_world import (
    MARK,
)
from registration.models import ExportLog

pytestmark = pytest.mark.django_db


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
                    **{"invoice-payer": "organisation", "invoice-ean": "5798000000001"},  # the meeting has a price
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
        "members:board_post_detail": ({"slug": net, "pk": w.board_post.pk}, "", {"body": "Svar"}),
        "members:board_post_pin": ({"slug": net, "pk": w.board_post.pk}, "", {}),
        "members:board_post_remove": ({"slug": net, "pk": w.board_post.pk}, "", {}),
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
        # The invitation step: recipients (names and addresses), a test to oneself, send, send again.
        "outreach:staff_invitation": ({"code": meeting}, "", {"action": "test"}),
    }


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
