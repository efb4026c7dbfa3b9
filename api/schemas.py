"""The API's shapes: query parameters in, JSON out (pydantic through django-ninja, which writes the OpenAPI schema).

Nothing here names a person: no contact names, emails or phone numbers, no
coordinator, no online link (that is for confirmed participants). The only
names are those the organiser publishes in the programme (``speakers``).
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import BaseModel, field_validator

from meetings.enums import MeetingKind
from netvaerk.forms import CalendarDateField

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_PAGE = 100_000
SLUG_MAX = 200


def _calendar_date(value):
    """A YYYY-MM-DD date inside the portal's calendar, read as the staff pages read dates (a Danish message)."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return CalendarDateField(input_formats=["%Y-%m-%d"]).clean(str(value))
    except forms.ValidationError as error:
        raise ValueError(" ".join(error.messages)) from None


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items per page (at most 100).")


class NetworkQuery(PageQuery):
    work_area: str | None = Field(None, max_length=SLUG_MAX, description="A work area's slug (see /work-areas).")


class MeetingFilter(Schema):
    network: str | None = Field(None, max_length=SLUG_MAX, description="A network's slug.")
    kind: MeetingKind | None = Field(None, description="The kind of meeting.")
    from_date: dt.date | None = Field(
        None,
        alias="from",
        description="Meetings starting on or after this date (YYYY-MM-DD, Copenhagen). "
        "Without from and to: meetings that have not ended yet.",
    )
    to_date: dt.date | None = Field(
        None, alias="to", description="Meetings starting on or before this date (YYYY-MM-DD, Copenhagen)."
    )
    work_area: str | None = Field(
        None, max_length=SLUG_MAX, description="A work area's slug: meetings of its networks."
    )

    @field_validator("from_date", "to_date", mode="before")
    @classmethod
    def _in_calendar(cls, value):
        return _calendar_date(value)

    @field_validator("to_date")
    @classmethod
    def _after_from(cls, value, info):
        start = info.data.get("from_date")
        if value is not None and start is not None and value < start:
            raise ValueError(_("The end date must not lie before the start date."))
        return value


class MeetingQuery(MeetingFilter, PageQuery):
    pass


class ParticipantQuery(Schema):
    scope: str | None = Field(
        None,
        pattern="^(confirmed|waiting|active|all)$",
        description="confirmed (default), waiting, active (confirmed and waiting) or all (also cancelled).",
    )


# --- Out ------------------------------------------------------------------------------------------


class Out(BaseModel):
    """An answer's shape. A plain pydantic model, not ninja's Schema: the presenters hand over plain dicts,
    and Schema's validator reads every field of every item through its getter for ORM objects (a page of
    20 meetings with their programmes: 2,300 attribute reads, a third of the answer's CPU)."""


class Named(Out):
    slug: str
    name: str


class OrganiserOut(Out):
    name: str
    website: str


class NetworkRef(Out):
    slug: str
    name: str
    url: str
    api_url: str


class NetworkLinks(Out):
    page: str
    calendar: str
    meetings: str


class NetworkOut(Out):
    slug: str
    name: str
    teaser: str
    description: str
    form: str
    status: str
    theme: Named | None
    work_areas: list[Named]
    work_area_note: str
    target_groups: list[Named]
    target_group_note: str
    virtual_meetings_per_year: int
    physical_meetings_per_year: int
    cadence_note: str
    is_free: bool
    price_note: str
    join_info: str
    organiser: OrganiserOut
    links: NetworkLinks


class VenueOut(Out):
    name: str
    address: str
    postal_code: str
    city: str
    directions: str
    accessibility: str
    is_online: bool


class HostOut(Out):
    name: str
    municipality: str
    activity: str


class AgendaItemOut(Out):
    start_time: str = Field(description="HH:MM, Copenhagen.")
    end_time: str | None
    kind: str
    kind_label: str
    title: str
    description: str
    speakers: str
    bullets: list[str]


class WorkshopOut(Out):
    title: str
    description: str
    room: str


class RegistrationOut(Out):
    state: str = Field(description="not_yet_open, open, waiting_list, full, closed, cancelled or past.")
    state_label: str
    opens_at: dt.datetime | None
    deadline: dt.datetime
    seats_left: int | None = Field(
        description="Free seats while registration is open, when the organiser shows them; else null."
    )
    waiting_list: bool
    price: str = Field(description="DKK, as a decimal string.")


class MeetingLinks(Out):
    page: str
    signup: str | None = Field(description="The sign-up form on the portal, while signing up is possible.")
    calendar: str
    api: str


class MeetingOut(Out):
    code: str
    title: str
    kind: str
    kind_label: str
    format: str
    format_label: str
    status: str = Field(description="published or cancelled.")
    cancellation_reason: str
    teaser: str
    description: str
    purpose: str
    expected_output: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    network: NetworkRef | None
    organiser: OrganiserOut
    venue: VenueOut | None
    host: HostOut | None
    target_groups: list[Named]
    target_group_note: str
    registration: RegistrationOut
    programme: list[AgendaItemOut]
    workshops: list[WorkshopOut]
    links: MeetingLinks


class CalendarEvent(Out):
    code: str
    title: str
    kind: str
    kind_label: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    cancelled: bool
    network: str | None = Field(description="The network's slug.")
    location: str
    registration_state: str
    url: str
    ics: str


class CalendarOut(Out):
    start: dt.date = Field(description="The first day shown (from).")
    end: dt.date = Field(description="The last day shown (to).")
    count: int
    events: list[CalendarEvent]


class Page(Out):
    count: int
    page: int
    page_size: int
    pages: int
    next: str | None
    previous: str | None


class NetworkPage(Page):
    items: list[NetworkOut]


class MeetingPage(Page):
    items: list[MeetingOut]


class WorkAreaOut(Named):
    networks: str = Field(description="The networks of this work area, in the API.")


class Problem(Out):
    detail: str


class ParticipantOut(Out):
    name: str
    organisation: str
    job_title: str
    email: str
    phone: str
    status: str = Field(description="confirmed, waiting or cancelled.")
    workshop: str | None
    registered_at: dt.datetime
    diets: list[str] | None = Field(
        None, description="Dietary requirements; null unless the token and its owner have the sensitive right."
    )
    diet_note: str | None = None
    accessibility_needs: str | None = None


class ParticipantList(Out):
    meeting: str
    count: int
    items: list[ParticipantOut]
