"""The token part: created in the admin and shown once, hashed at rest, scoped, revocable, expiring, logged."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from api import services
from api.enums import TokenScope
from api.models import ApiToken
from meetings.tests.factories import MeetingFactory
from members.tests.factories import ConsultantFactory, SecretariatUserFactory, UserFactory
from netvaerk.tests.factories import NetworkFactory
from registration.models import ExportLog
from registration.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    class W:
        pass

    w = W()
    w.a, w.b = ConsultantFactory(), ConsultantFactory()
    w.network_a = NetworkFactory(slug="alfa", coordinator=w.a)
    w.network_b = NetworkFactory(slug="beta", coordinator=w.b)
    w.meeting_a = MeetingFactory(network=w.network_a)
    w.meeting_b = MeetingFactory(network=w.network_b, draft=True)  # drafts have lists too
    w.ann = RegistrationFactory(
        meeting=w.meeting_a,
        name="Ann Alfa",
        email="ann@alfa.example",
        diets=["vegan"],
        sensitive_consent_at=timezone.now(),
    )
    w.bo = RegistrationFactory(meeting=w.meeting_b, name="Bo Beta", email="bo@beta.example")
    return w


def participants(client, meeting, raw, **query):
    url = reverse("api-v1:meeting_participants", kwargs={"code": meeting.code})
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"} if raw is not None else {}
    return client.get(url, query, **headers)


def token_for(user, scopes=(TokenScope.PARTICIPANTS,), **kwargs):
    return services.api_token_create(user=user, name="Intranet", scopes=list(scopes), by=user, **kwargs)


def test_token_reads_the_own_meetings_list_and_every_use_is_logged(client, world):
    token, raw = token_for(world.a)
    response = participants(client, world.meeting_a, raw)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["items"][0]["name"] == "Ann Alfa"
    assert body["items"][0]["email"] == "ann@alfa.example"
    assert body["items"][0]["diets"] is None  # no sensitive right on the token
    assert body["items"][0]["workshop"] is None
    assert "no-store" in response["Cache-Control"] and "ETag" not in response
    participants(client, world.meeting_a, raw, scope="all")
    logs = list(ExportLog.objects.order_by("id"))
    assert len(logs) == 2
    assert {(log.user, log.format, log.kind, log.meeting, log.row_count) for log in logs} == {
        (world.a, "json", "participants", world.meeting_a, 1)
    }
    assert logs[0].parameters == {"scope": "confirmed", "api_token": token.prefix}
    assert logs[1].parameters["scope"] == "all"
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_another_networks_consultant_cannot_read_a_meeting_outside_their_networks(client, world):
    _token, raw = token_for(world.a)
    response = participants(client, world.meeting_b, raw)
    # As unknown as a code that does not exist: a token cannot tell which codes are taken.
    assert response.status_code == 404
    assert (
        response.json()
        == client.get(
            reverse("api-v1:meeting_participants", kwargs={"code": "99-999"}), HTTP_AUTHORIZATION=f"Bearer {raw}"
        ).json()
    )
    assert "Bo Beta" not in response.content.decode()
    assert not ExportLog.objects.exists()


def test_secretariat_token_reads_every_meeting_and_sensitive_data_with_both_rights(client, world):
    secretariat = SecretariatUserFactory()
    _token, raw = token_for(secretariat, scopes=[TokenScope.PARTICIPANTS, TokenScope.SENSITIVE])
    assert participants(client, world.meeting_b, raw).json()["items"][0]["name"] == "Bo Beta"
    item = participants(client, world.meeting_a, raw).json()["items"][0]
    assert item["diets"] == ["vegan"]
    assert ExportLog.objects.filter(sensitive=True).count() == 2


@pytest.mark.parametrize(
    "header",
    [None, "Bearer ", "Bearer nvp_wrong", "Basic dXNlcjpwYXNz", "Bearer " + "x" * 5000],
)
def test_missing_or_wrong_token_is_401(client, world, header):
    url = reverse("api-v1:meeting_participants", kwargs={"code": world.meeting_a.code})
    response = client.get(url, **({"HTTP_AUTHORIZATION": header} if header else {}))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "Ann" not in response.content.decode()


def test_revoked_token_is_refused(client, world):
    token, raw = token_for(world.a)
    assert participants(client, world.meeting_a, raw).status_code == 200
    services.api_token_revoke(token=token, by=world.a)
    assert participants(client, world.meeting_a, raw).status_code == 401


def test_expired_token_is_refused(client, world):
    _token, raw = token_for(world.a, expires_at=timezone.now() + dt.timedelta(days=30))
    assert participants(client, world.meeting_a, raw).status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(days=31)):
        assert participants(client, world.meeting_a, raw).status_code == 401


def test_token_without_the_read_scope_is_403(client, world):
    _token, raw = token_for(world.a, scopes=[TokenScope.SENSITIVE])
    response = participants(client, world.meeting_a, raw)
    assert response.status_code == 403 and response.json()["detail"] == "Nøglen må ikke læse dette."
    assert not ExportLog.objects.exists()


def test_token_stops_when_its_owner_loses_the_export_right(client, world):
    _token, raw = token_for(world.a)
    world.a.is_staff = False
    world.a.save()
    assert participants(client, world.meeting_a, raw).status_code == 401


def test_only_staff_with_the_export_right_can_hold_a_token(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        token_for(UserFactory())
    with pytest.raises(ValidationError):
        token_for(world.a, scopes=["everything"])


def test_token_is_stored_hashed_and_nowhere_in_clear(world):
    token, raw = token_for(world.a)
    assert token.key_hash == services.token_hash(raw=raw) and len(token.key_hash) == 64
    assert token.prefix == raw[:10] and raw.startswith("nvp_") and len(raw) > 40
    for model in apps.get_models():
        for row in model._base_manager.values_list():
            assert not any(raw in str(value) for value in row), model


# --- The admin ---------------------------------------------------------------------------------------------


def test_admin_creates_a_token_and_shows_it_once(client, world):
    client.force_login(world.a)
    add = reverse("admin:api_apitoken_add")
    assert client.get(add).status_code == 200
    response = client.post(add, {"name": "Kommunens intranet", "scopes": [TokenScope.PARTICIPANTS]})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get()
    raw = response.context["raw"]
    assert raw in response.content.decode() and "vises kun denne ene gang" in response.content.decode()
    assert token.user == world.a and token.key_hash == services.token_hash(raw=raw)
    # Never again: not on the change page, not in the list.
    change = client.get(reverse("admin:api_apitoken_change", args=[token.pk])).content.decode()
    listing = client.get(reverse("admin:api_apitoken_changelist")).content.decode()
    assert raw not in change and raw not in listing and token.prefix in listing
    assert participants(client, world.meeting_a, raw).status_code == 200


def test_admin_refuses_an_expiry_in_the_past_in_danish(client, world):
    client.force_login(world.a)
    yesterday = timezone.localtime() - dt.timedelta(days=1)
    response = client.post(
        reverse("admin:api_apitoken_add"),
        {
            "name": "X",
            "scopes": [TokenScope.PARTICIPANTS],
            "expires_at_0": yesterday.strftime("%d-%m-%Y"),
            "expires_at_1": "10:00",
        },
    )
    assert response.status_code == 200 and not ApiToken.objects.exists()
    assert "Udløbet skal ligge i fremtiden." in response.content.decode()


def test_admin_revokes_by_action_and_consultants_see_only_their_own_tokens(client, world):
    own, _raw = token_for(world.a)
    other, other_raw = token_for(world.b)
    client.force_login(world.a)
    listing = client.get(reverse("admin:api_apitoken_changelist")).content.decode()
    assert own.prefix in listing and other.prefix not in listing
    assert client.get(reverse("admin:api_apitoken_change", args=[other.pk])).status_code in (302, 403, 404)
    client.post(
        reverse("admin:api_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [other.pk, own.pk]},
    )
    other.refresh_from_db()
    own.refresh_from_db()
    assert other.revoked_at is None and own.revoked_at is not None
    assert participants(client, world.meeting_b, other_raw).status_code == 200
    # The secretariat sees and revokes every token.
    client.force_login(SecretariatUserFactory())
    client.post(reverse("admin:api_apitoken_changelist"), {"action": "revoke", "_selected_action": [other.pk]})
    other.refresh_from_db()
    assert other.revoked_at is not None


def test_admin_is_closed_to_staff_without_the_export_right(client, world):
    staff = ConsultantFactory()
    staff.groups.clear()
    staff.user_permissions.add(Permission.objects.get(codename="view_meeting"))
    client.force_login(staff)
    assert client.get(reverse("admin:api_apitoken_changelist")).status_code == 403
    assert client.get(reverse("admin:api_apitoken_add")).status_code == 403


def test_tokens_are_in_the_data_export_and_go_with_erasure_and_retention(world):
    from netvaerk.privacy import PERSONAL_DATA_SOURCES

    source = PERSONAL_DATA_SOURCES["api_tokens"]
    token, raw = token_for(world.a)
    exported = source.export(email=world.a.email.upper())
    assert exported[0]["beginning"] == token.prefix and raw not in str(exported)
    services.api_token_revoke(token=token, by=world.a)
    assert source.retain(before=timezone.now() - dt.timedelta(days=1)) == 0
    assert source.retain(before=timezone.now() + dt.timedelta(seconds=1)) == 1
    token_for(world.b)
    assert source.erase(email=world.b.email) == 1 and not ApiToken.objects.exists()


def test_guessing_tokens_is_rate_limited_per_ip(one_rate_limit_window, client, world, settings):
    settings.API_RATE_LIMIT = "3/m"
    _token, raw = token_for(world.a)
    for guess in ("nvp_a", "nvp_b", "nvp_c"):
        assert participants(client, world.meeting_a, guess).status_code == 401
    # Over the limit even the right token waits: the limit is checked before the token.
    assert participants(client, world.meeting_a, raw).status_code == 429
    assert not ExportLog.objects.exists()


def test_token_stops_when_its_owner_is_deactivated_loses_the_network_or_is_deleted(client, world):
    token, raw = token_for(world.a)
    world.a.is_active = False
    world.a.save()
    assert participants(client, world.meeting_a, raw).status_code == 401
    world.a.is_active = True
    world.a.save()
    world.network_a.coordinator = world.b  # the network passes to another consultant
    world.network_a.save()
    response = participants(client, world.meeting_a, raw)
    assert response.status_code == 404 and "Ann Alfa" not in response.content.decode()
    world.a.delete()
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert participants(client, world.meeting_a, raw).status_code == 401
