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

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from members.tests.factories import (
    SecretariatUserFactory,
)
from netvaerk import access
from netvaerk.tests.access_walk_support import (
    admin_form_payload,
    assert_refused,
    assert_unseen,
    body,
    changed_tables,
    db_state,
    rolled_back,
)
from netvaerk.tests.access_walk_world import (
    ACTIONS_THAT_CHANGE,
    MARK,
    SECRETARIAT_ADMIN_MODELS,
    SECRETARIAT_ONLY_URLS,
    SHARED_ADMIN_MODELS,
)
from registration.enums import RegistrationStatus

pytestmark = pytest.mark.django_db


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
