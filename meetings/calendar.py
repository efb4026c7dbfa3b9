"""iCalendar (.ics) output for one meeting and for feeds of meetings."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Timezone

from .enums import MeetingStatus
from .models import Meeting

TZID = "Europe/Copenhagen"
COPENHAGEN = ZoneInfo(TZID)
UID_DOMAIN = "netvaerk.boligsocial"


def meeting_uid(meeting: Meeting) -> str:
    # Built from the database id, not the code, so a changed code keeps its UID.
    return f"meeting-{meeting.pk}@{UID_DOMAIN}"


def meeting_url(meeting: Meeting) -> str:
    return settings.SITE_URL + meeting.get_absolute_url()


def _escape(text: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and line breaks escaped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Content lines of at most 75 octets; a continuation starts with a space (never splits a character)."""
    raw = line.encode()
    if len(raw) <= 75:
        return line
    parts, start, room = [], 0, 75
    while len(raw) - start > room:
        end = start + room
        while raw[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: the character starts before
            end -= 1
        parts.append(raw[start:end])
        start, room = end, 74
    parts.append(raw[start:])
    return b"\r\n ".join(parts).decode()


def _local(value) -> str:
    # Local wall-clock times with TZID, so DST changes never shift the meeting.
    return value.astimezone(COPENHAGEN).strftime("%Y%m%dT%H%M%S")


def _utc(value) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


# What ``_event`` reads of a meeting in a feed (no online link there), for ``feed_queryset``: the
# descriptions, programme texts and terms of the meetings are most of their rows, and the network and
# host organisation would be two more model instances an event (README "Data scale").
FEED_JOINS = ("venue", "organiser")
FEED_FIELDS = (
    "code",
    "title",
    "teaser",
    "starts_at",
    "ends_at",
    "updated_at",
    "status",
    "format",
    "venue__name",
    "venue__address",
    "venue__postal_code",
    "venue__city",
    "organiser__name",
    "organiser__email",
)


def feed_queryset(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """The meetings with only the columns and joins a feed's events read."""
    return meetings.select_related(None).select_related(*FEED_JOINS).only(*FEED_FIELDS)


def _event(meeting: Meeting, *, include_online_link: bool = False) -> list[str]:
    """The VEVENT's content lines, written directly: icalendar's object model took about 1 ms an event
    (a feed of 200 meetings: 240 ms); the tests read the files back with icalendar."""
    changed = meeting.updated_at or timezone.now()
    url = meeting_url(meeting)
    lines = [meeting.teaser.strip()] if meeting.teaser else []
    if include_online_link and meeting.online_url:
        lines.append(_("Online link: %(url)s") % {"url": meeting.online_url})
    lines.append(_("Read more and see the programme: %(url)s") % {"url": url})
    description = "\n\n".join(lines)
    event = [
        "BEGIN:VEVENT",
        f"SUMMARY:{_escape(meeting.title)}",
        f"DTSTART;TZID={TZID}:{_local(meeting.starts_at)}",
        f"DTEND;TZID={TZID}:{_local(meeting.ends_at)}",
        f"DTSTAMP:{_utc(changed)}",
        f"UID:{meeting_uid(meeting)}",
        f"SEQUENCE:{int(meeting.updated_at.timestamp()) if meeting.updated_at else 0}",
        f"DESCRIPTION:{_escape(description)}",
        f"LAST-MODIFIED:{_utc(changed)}",
    ]
    if meeting.venue_id:
        event.append(f"LOCATION:{_escape(meeting.venue.one_line_address)}")
    elif meeting.is_online:
        event.append(f"LOCATION:{_escape(_('Online'))}")
    organiser = meeting.organiser
    if organiser.email:
        # A parameter value is quoted and may hold no double quote (RFC 5545, 3.1).
        name = organiser.name.replace('"', "'")
        event.append(f'ORGANIZER;CN="{name}":mailto:{organiser.email}')
    event.append("STATUS:CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "STATUS:CONFIRMED")
    event.append(f"URL:{url}")
    event.append("END:VEVENT")
    return event


@functools.cache
def _copenhagen_vtimezone() -> str:
    # Building the VTIMEZONE from the tz database takes milliseconds; it is the
    # same for every file, so it is built once per process.
    return Timezone.from_tzid(TZID).to_ical().decode().rstrip("\r\n")


def _calendar(name: str, events: list[list[str]], *, method: str = "", refresh: str = "") -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Boligsocialt netvaerk//Netvaerksportal//DA",
        "CALSCALE:GREGORIAN",
        *([f"METHOD:{method}"] if method else []),
        f"X-WR-CALNAME:{_escape(name)}",
        f"X-WR-TIMEZONE:{TZID}",
        *([f"REFRESH-INTERVAL;VALUE=DURATION:{refresh}", f"X-PUBLISHED-TTL:{refresh}"] if refresh else []),
    ]
    # The time zone stands before the events that use it (none without events).
    zone = [_copenhagen_vtimezone()] if events else []
    body = [*(_fold(line) for line in lines), *zone, *(_fold(line) for event in events for line in event)]
    return ("\r\n".join(body) + "\r\nEND:VCALENDAR\r\n").encode()


def meeting_ics(meeting: Meeting, *, include_online_link: bool = False) -> bytes:
    return _calendar(meeting.title, [_event(meeting, include_online_link=include_online_link)], method="PUBLISH")


# How often a subscribed calendar should fetch a feed again at most: RFC 7986's REFRESH-INTERVAL,
# and Microsoft's X-PUBLISHED-TTL (MS-OXCICAL), which Outlook reads. Clients still poll on their own
# schedule (Google every several hours, Outlook.com about every 3 hours, Apple and Thunderbird as
# the user sets it); the ETag makes a poll with no change a 304.
FEED_REFRESH = "PT1H"


def meetings_feed_ics(meetings: Iterable[Meeting], *, name: str) -> bytes:
    return _calendar(name, [_event(meeting) for meeting in meetings], refresh=FEED_REFRESH)
