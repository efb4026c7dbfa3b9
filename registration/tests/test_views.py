import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from meetings.tests.factories import MeetingFactory, WorkshopFactory
from members.models import User
from registration.enums import RegistrationStatus
from registration.models import Registration

from .factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def test_personal_page_shows_status_and_get_changes_nothing(client, meeting):
    registration = RegistrationFactory(meeting=meeting, name="Åse")
    before = Registration.objects.values().get(pk=registration.pk)
    response = client.get(reverse("registration:personal", args=[registration.token]))
    assert response.status_code == 200
    assert "Bekræftet" in response.content.decode()
    assert client.get(reverse("registration:cancel", args=[registration.token])).status_code == 200
    assert Registration.objects.values().get(pk=registration.pk) == before


def test_personal_page_edit_saves_answers(client, meeting):
    registration = RegistrationFactory(meeting=meeting, name="Åse")
    url = reverse("registration:personal", args=[registration.token])
    response = client.post(url, {"name": "Åse Ny", "organisation": "KAB", "comment": "Ses!"})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.name, registration.organisation) == ("Åse Ny", "KAB")


def test_personal_page_cancel_by_post_frees_the_seat(client, meeting):
    registration = RegistrationFactory(meeting=meeting)
    waiting = RegistrationFactory(meeting=meeting, status=RegistrationStatus.WAITING, waiting_since=meeting.created_at)
    RegistrationFactory(meeting=meeting)
    client.post(reverse("registration:cancel", args=[registration.token]))
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED


@pytest.mark.parametrize("token", ["x", "a" * 43, "../../admin", "a" * 500])
def test_tampered_or_unknown_link_gets_the_same_neutral_404(client, meeting, token):
    RegistrationFactory(meeting=meeting)
    response = client.get(f"/tilmelding/{token}/")
    assert response.status_code == 404


def test_foreign_link_and_tampered_link_look_the_same(client, meeting):
    registration = RegistrationFactory(meeting=meeting)
    tampered = registration.token[:-1] + ("A" if registration.token[-1] != "A" else "B")
    a = client.get(f"/tilmelding/{tampered}/")
    b = client.get("/tilmelding/" + "Z" * 43 + "/")
    assert a.status_code == b.status_code == 404
    csrf = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
    assert csrf.sub(b"", a.content.replace(tampered.encode(), b"T")) == csrf.sub(
        b"", b.content.replace(b"Z" * 43, b"T")
    )


def _staff(perm=True):
    user = User.objects.create_user(email="door@example.dk", password="pw", is_staff=True)
    if perm:
        user.user_permissions.add(Permission.objects.get(codename="change_registration"))
    return user


def test_check_in_page_requires_login_and_permission(client, meeting):
    url = reverse("registration:check_in", args=[meeting.code])
    assert client.get(url).status_code == 302
    client.force_login(_staff(perm=False))
    assert client.get(url).status_code == 403


def test_check_in_search_and_tick(client, meeting):
    a = RegistrationFactory(meeting=meeting, name="Anders And")
    RegistrationFactory(meeting=meeting, name="Bodil Bo")
    door = _staff()
    meeting.network.working_group.add(door)  # who checks in plans the meeting (the access policy)
    client.force_login(door)
    url = reverse("registration:check_in", args=[meeting.code])
    html = client.get(url, {"q": "anders"}).content.decode()
    assert "Anders And" in html and "Bodil Bo" not in html
    client.post(reverse("registration:check_in_toggle", args=[meeting.code, a.pk]), {"attended": "1"})
    a.refresh_from_db()
    assert a.attended
    html = client.get(url).content.decode()
    assert "<strong>1</strong> / 2" in html


def test_admin_registration_list_and_meeting_counts(admin_client, meeting):
    RegistrationFactory(meeting=meeting, diets=["vegan"], sensitive_consent_at=meeting.created_at)
    RegistrationFactory(meeting=meeting, status=RegistrationStatus.WAITING)
    assert admin_client.get(reverse("admin:registration_registration_changelist")).status_code == 200
    html = admin_client.get(reverse("admin:meetings_meeting_changelist")).content.decode()
    assert 'class="field-confirmed">1<' in html and 'class="field-waiting">1<' in html


def test_admin_putting_someone_on_the_waiting_list_by_hand_puts_them_at_its_end(admin_client, meeting):
    from registration.selectors import waiting_position

    first = RegistrationFactory(meeting=meeting, status=RegistrationStatus.WAITING, waiting_since=meeting.created_at)
    moved = RegistrationFactory(meeting=meeting, status=RegistrationStatus.CONFIRMED)
    url = reverse("admin:registration_registration_change", args=[moved.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name in form.fields}
    data.update(status=RegistrationStatus.WAITING, meeting=meeting.pk, diets=[], _save="1")
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    moved.refresh_from_db()
    assert moved.status == RegistrationStatus.WAITING and moved.waiting_since is not None
    assert waiting_position(registration=first) == 1 and waiting_position(registration=moved) == 2


def test_the_workshops_are_read_once_for_both_priorities_on_the_meeting_page_and_the_personal_page(db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    meeting = MeetingFactory()
    workshops = [WorkshopFactory(meeting=meeting, title=title) for title in ("Madklub", "Gåtur", "Lektiecafé")]
    registration = RegistrationFactory(meeting=meeting, workshop_first=workshops[1])
    for url in (meeting.get_absolute_url(), f"/tilmelding/{registration.token}/"):
        client = Client()
        client.cookies["sessionid"] = "x"  # past the page cache: the page is rendered
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        assert sum('FROM "meetings_workshop"' in query["sql"] for query in queries) == 1, url
        assert html.count(">Lektiecafé</option>") == 2
    assert f'<option value="{workshops[1].pk}" selected>Gåtur</option>' in html
