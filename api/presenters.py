"""Model rows to the API's plain dicts (validated against schemas.py on the way out).

Every field is chosen here by name: a field added to a model later does not
reach the API by itself, so no personal data can slip out with it.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from meetings.enums import AgendaItemKind, MeetingFormat, MeetingKind, MeetingStatus, RegistrationState
from meetings.models import Meeting
from meetings.selectors import meeting_registration_state, seats_left
from netvaerk.enums import choice_label
from netvaerk.models import Network

SIGNUP_STATES = (RegistrationState.OPEN, RegistrationState.WAITING_LIST)


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def api_url(name: str, **kwargs) -> str:
    return absolute(reverse(f"api-v1:{name}", kwargs=kwargs or None))


def _named(tags) -> list[dict]:
    return [{"slug": tag.slug, "name": tag.name} for tag in tags]


def network(n: Network) -> dict:
    return {
        "slug": n.slug,
        "name": n.name,
        "teaser": n.teaser,
        "description": n.description,
        "form": n.form,
        "status": n.status,
        "theme": {"slug": n.theme.slug, "name": n.theme.name} if n.theme_id else None,
        "work_areas": _named(n.work_areas.all()),
        "work_area_note": n.work_area_note,
        "target_groups": _named(n.target_groups.all()),
        "target_group_note": n.target_group_note,
        "virtual_meetings_per_year": n.virtual_meetings_per_year,
        "physical_meetings_per_year": n.physical_meetings_per_year,
        "cadence_note": n.cadence_note,
        "is_free": n.is_free,
        "price_note": n.price_note,
        "join_info": n.join_info,
        "organiser": {"name": n.organiser.name, "website": n.organiser.website},
        "links": {
            "page": absolute(n.get_absolute_url()),
            "calendar": absolute(reverse("public:network_calendar", kwargs={"slug": n.slug})),
            "meetings": api_url("meeting_list") + f"?network={n.slug}",
        },
    }


def _local(value: dt.datetime | None) -> dt.datetime | None:
    """Copenhagen time with its offset (2026-03-10T09:30:00+01:00), as people read the meeting."""
    return timezone.localtime(value) if value else None


def _time(value: dt.time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def registration(m: Meeting, *, now: dt.datetime) -> dict:
    taken = getattr(m, "seats_taken", 0) or 0
    state = meeting_registration_state(meeting=m, seats_taken=taken, now=now)
    # As the meeting page: the free seats only while open, and only when the organiser shows them.
    shown = seats_left(meeting=m, seats_taken=taken) if m.show_seats_left and state == RegistrationState.OPEN else None
    return {
        "state": state.value,
        "state_label": str(state.label),
        "opens_at": _local(m.registration_opens_at),
        "deadline": _local(m.registration_deadline),
        "seats_left": shown,
        "waiting_list": m.waiting_list_enabled,
        "price": f"{m.price:.2f}",
    }


def meeting(m: Meeting, *, now: dt.datetime | None = None) -> dict:
    now = now or timezone.now()
    reg = registration(m, now=now)
    page = absolute(m.get_absolute_url())
    venue = m.venue
    return {
        "code": m.code,
        "title": m.title,
        "kind": m.kind,
        "kind_label": choice_label(MeetingKind, m.kind),
        "format": m.format,
        "format_label": choice_label(MeetingFormat, m.format),
        "status": m.status,
        "cancellation_reason": m.cancellation_reason if m.status == MeetingStatus.CANCELLED else "",
        "teaser": m.teaser,
        "description": m.description,
        "purpose": m.purpose,
        "expected_output": m.expected_output,
        "starts_at": _local(m.starts_at),
        "ends_at": _local(m.ends_at),
        "network": {
            "slug": m.network.slug,
            "name": m.network.name,
            "url": absolute(m.network.get_absolute_url()),
            "api_url": api_url("network_detail", slug=m.network.slug),
        }
        if m.network_id
        else None,
        "organiser": {"name": m.organiser.name, "website": m.organiser.website},
        "venue": {
            "name": venue.name,
            "address": venue.address,
            "postal_code": venue.postal_code,
            "city": venue.city,
            "directions": venue.directions,
            "accessibility": venue.accessibility,
            "is_online": venue.is_online,
        }
        if venue
        else None,
        "host": {
            "name": m.host_organisation.name,
            "municipality": m.host_organisation.municipality,
            "activity": m.host_activity,
        }
        if m.host_organisation_id
        else None,
        "target_groups": _named(m.target_groups.all()),
        "target_group_note": m.target_group_note,
        "registration": reg,
        "programme": [
            {
                "start_time": _time(item.start_time),
                "end_time": _time(item.end_time),
                "kind": item.kind,
                "kind_label": choice_label(AgendaItemKind, item.kind),
                "title": item.title,
                "description": item.description,
                "speakers": item.speakers,
                "bullets": item.bullets,
            }
            for item in m.agenda_items.all()
        ],
        "workshops": [{"title": w.title, "description": w.description, "room": w.room} for w in m.workshops.all()],
        "links": {
            "page": page,
            "signup": f"{page}#tilmelding" if reg["state"] in SIGNUP_STATES else None,
            "calendar": absolute(reverse("public:meeting_calendar", kwargs={"code": m.code})),
            "api": api_url("meeting_detail", code=m.code),
        },
    }


def calendar_event(m: Meeting, *, now: dt.datetime) -> dict:
    if m.venue_id:
        location = m.venue.one_line_address
    else:
        location = choice_label(MeetingFormat, m.format) if m.is_online else ""
    return {
        "code": m.code,
        "title": m.title,
        "kind": m.kind,
        "kind_label": choice_label(MeetingKind, m.kind),
        "starts_at": _local(m.starts_at),
        "ends_at": _local(m.ends_at),
        "cancelled": m.status == MeetingStatus.CANCELLED,
        "network": m.network.slug if m.network_id else None,
        "location": location,
        "registration_state": meeting_registration_state(meeting=m, seats_taken=m.seats_taken or 0, now=now).value,
        "url": absolute(m.get_absolute_url()),
        "ics": absolute(reverse("public:meeting_calendar", kwargs={"code": m.code})),
    }
