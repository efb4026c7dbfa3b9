"""iCalendar (.ics) output for one meeting and for feeds of meetings."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vCalAddress, vText

from .enums import MeetingStatus
from .models import Meeting

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
UID_DOMAIN = "netvaerk.boligsocial"


def meeting_uid(meeting: Meeting) -> str:
    # Built from the database id, not the code, so a changed code keeps its UID.
    return f"meeting-{meeting.pk}@{UID_DOMAIN}"


def meeting_url(meeting: Meeting) -> str:
    return settings.SITE_URL + meeting.get_absolute_url()


def _event(meeting: Meeting, *, include_online_link: bool = False) -> Event:
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("summary", meeting.title)
    # Local wall-clock times with TZID, so DST changes never shift the meeting.
    event.add("dtstart", meeting.starts_at.astimezone(COPENHAGEN))
    event.add("dtend", meeting.ends_at.astimezone(COPENHAGEN))
    event.add("dtstamp", meeting.updated_at or timezone.now())
    event.add("last-modified", meeting.updated_at or timezone.now())
    event.add("sequence", int(meeting.updated_at.timestamp()) if meeting.updated_at else 0)
    url = meeting_url(meeting)
    event.add("url", url)
    lines = [meeting.teaser.strip()] if meeting.teaser else []
    if include_online_link and meeting.online_url:
        lines.append(_("Online link: %(url)s") % {"url": meeting.online_url})
    lines.append(_("Read more and see the programme: %(url)s") % {"url": url})
    event.add("description", "\n\n".join(lines))
    if meeting.venue_id:
        event.add("location", vText(meeting.venue.one_line_address))
    elif meeting.is_online:
        event.add("location", vText(_("Online")))
    if meeting.status == MeetingStatus.CANCELLED:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
    organiser = meeting.organiser
    if organiser.email:
        org = vCalAddress(f"mailto:{organiser.email}")
        org.params["cn"] = vText(organiser.name)
        event.add("organizer", org)
    return event


@functools.cache
def _copenhagen_vtimezone() -> Timezone:
    # Building the VTIMEZONE from the tz database takes milliseconds; it is the
    # same for every file, so it is built once per process and shared (the
    # calendars only read it when they serialise).
    return Timezone.from_tzid("Europe/Copenhagen")


def _add_timezones(cal: Calendar) -> None:
    if cal.get_missing_tzids() == {"Europe/Copenhagen"}:
        cal.subcomponents.insert(0, _copenhagen_vtimezone())
    cal.add_missing_timezones()


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Boligsocialt netvaerk//Netvaerksportal//DA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Copenhagen")
    return cal


def meeting_ics(meeting: Meeting, *, include_online_link: bool = False) -> bytes:
    cal = _calendar(meeting.title)
    cal.add("method", "PUBLISH")
    cal.add_component(_event(meeting, include_online_link=include_online_link))
    _add_timezones(cal)
    return cal.to_ical()


def meetings_feed_ics(meetings: Iterable[Meeting], *, name: str) -> bytes:
    cal = _calendar(name)
    for meeting in meetings:
        cal.add_component(_event(meeting))
    _add_timezones(cal)
    return cal.to_ical()
