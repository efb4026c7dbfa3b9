import datetime as dt
import re

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from meetings.models import Meeting
from meetings.tests.factories import AgendaItemFactory, MeetingFactory
from registration.models import Registration
from registration.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def test_second_anonymous_visit_is_served_from_the_cache(client):
    meeting = MeetingFactory()
    assert client.get(meeting.get_absolute_url())["X-Page-Cache"] == "miss"
    assert Client().get(meeting.get_absolute_url())["X-Page-Cache"] == "hit"


def test_changed_meeting_is_visible_at_once():
    meeting = MeetingFactory(title="Gammel titel")
    assert "Gammel titel" in Client().get(meeting.get_absolute_url()).content.decode()
    meeting.title = "Ny titel"
    meeting.save()
    html = Client().get(meeting.get_absolute_url()).content.decode()
    assert "Ny titel" in html and "Gammel titel" not in html
    assert "Ny titel" in Client().get("/moeder/").content.decode()


def test_changed_programme_item_is_visible_at_once():
    item = AgendaItemFactory(title="Frokost")
    Client().get(item.meeting.get_absolute_url())
    item.title = "Fælles frokost"
    item.save()
    assert "Fælles frokost" in Client().get(item.meeting.get_absolute_url()).content.decode()


def test_new_registration_changes_the_seats_shown_once_it_commits(django_capture_on_commit_callbacks):
    meeting = MeetingFactory(capacity=2, show_seats_left=True)
    assert "2 ledige pladser" in Client().get(meeting.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        RegistrationFactory(meeting=meeting)
        # Until the registration commits, other visitors still see the page without it.
        assert "2 ledige pladser" in Client().get(meeting.get_absolute_url()).content.decode()
    assert callbacks
    assert "1 ledig plads" in Client().get(meeting.get_absolute_url()).content.decode()


def test_cached_page_gets_the_visitors_own_csrf_token_and_the_form_works():
    meeting = MeetingFactory()
    Client().get(meeting.get_absolute_url())  # fills the cache
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(meeting.get_absolute_url())
    assert page["X-Page-Cache"] == "hit"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    response = visitor.post(
        meeting.get_absolute_url(),
        {"csrfmiddlewaretoken": token, "name": "Åse", "email": "aase@example.dk", "privacy": "on"},
    )
    assert response.status_code == 302
    assert Registration.objects.filter(email="aase@example.dk").exists()


def test_page_turns_closed_exactly_at_the_deadline_even_when_cached():
    meeting = MeetingFactory()
    with time_machine.travel(meeting.registration_deadline - dt.timedelta(minutes=1), tick=False):
        assert 'name="email"' in Client().get(meeting.get_absolute_url()).content.decode()
    with time_machine.travel(meeting.registration_deadline + dt.timedelta(seconds=1), tick=False):
        html = Client().get(meeting.get_absolute_url()).content.decode()
    assert 'name="email"' not in html and "Tilmelding lukket" in html


def test_a_change_made_by_another_process_is_seen_within_the_version_check_interval(settings, monkeypatch):
    from netvaerk import pagecache

    now = [1000.0]
    monkeypatch.setattr(pagecache, "clock", lambda: now[0])
    settings.PAGE_CACHE_VERSION_CHECK_SECONDS = 0.3
    meeting = MeetingFactory(title="Før")
    pagecache._version.update(value=None)
    assert "Før" in Client().get(meeting.get_absolute_url()).content.decode()
    # Another process renames the meeting and bumps the shared version;
    # this process reads the shared version again only after the interval.
    Meeting.objects.filter(pk=meeting.pk).update(title="Efter", updated_at=timezone.now())
    cache.set(pagecache.VERSION_KEY, "from-another-process", None)
    assert Client().get(meeting.get_absolute_url())["X-Page-Cache"] == "hit"
    now[0] += 0.29
    assert Client().get(meeting.get_absolute_url())["X-Page-Cache"] == "hit"
    now[0] += 0.02
    html = Client().get(meeting.get_absolute_url()).content.decode()
    assert "Efter" in html and "Før" not in html


def test_a_change_made_by_this_process_is_seen_at_once_whatever_the_interval(settings):
    settings.PAGE_CACHE_VERSION_CHECK_SECONDS = 3600
    meeting = MeetingFactory(title="Før")
    assert "Før" in Client().get(meeting.get_absolute_url()).content.decode()
    meeting.title = "Efter"
    meeting.save()
    assert "Efter" in Client().get(meeting.get_absolute_url()).content.decode()


def test_signed_in_users_never_get_a_cached_page(admin_client):
    meeting = MeetingFactory()
    Client().get(meeting.get_absolute_url())
    response = admin_client.get(meeting.get_absolute_url())
    assert "X-Page-Cache" not in response
