"""The read API, /api/v1/: networks, meetings and the calendar for everyone; participant lists with a token.

django-ninja builds the OpenAPI schema (/api/v1/openapi.json) and its docs
(/api/v1/docs, Swagger UI from our own static files) from the type hints of
these functions and the schemas in schemas.py.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Query, Router
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer

from meetings.models import Meeting
from meetings.selectors import next_state_change
from netvaerk.models import Network
from netvaerk.pagecache import cache_public_page

from . import presenters, selectors, services
from .enums import TokenScope
from .http import (
    any_origin,
    cache_until_from_request,
    limited,
    page_of,
    private_answer,
    public_cache,
    validation_problem,
)
from .models import ApiToken
from .schemas import (
    CalendarOut,
    MeetingFilter,
    MeetingOut,
    MeetingPage,
    MeetingQuery,
    NetworkOut,
    NetworkPage,
    NetworkQuery,
    ParticipantList,
    ParticipantQuery,
    Problem,
    WorkAreaOut,
)


class Utf8JSONRenderer(JSONRenderer):
    """Danish letters as themselves (UTF-8), not as \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=Utf8JSONRenderer(),
    title=gettext_lazy("Network portal API"),
    version="1",
    description=gettext_lazy(
        "Public networks, meetings and the calendar of the network portal, as JSON. "
        "Only published meetings of public networks; never personal data. "
        "The participant lists need a staff member's API token (created in the admin)."
    ),
    urls_namespace="api-v1",
)


# --- Errors in Danish, as JSON ------------------------------------------------------------------


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    return api.create_response(request, validation_problem(exc.errors), status=400)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    response = api.create_response(
        request, {"detail": _("A valid API token is needed (Authorization: Bearer <token>).")}, status=401
    )
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": _("The token may not read this.")}, status=403)


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


# --- Public ---------------------------------------------------------------------------------------

public = Router(tags=["public"])
# Decorators added first wrap innermost. The limit is checked before anything; then the public pages' cache
# (netvaerk.pagecache: emptied by any change the pages show, kept until the next change by the clock);
# the cache headers and the ETag go on every answer, from the cache or not; the CORS header on every answer.
public.add_decorator(cache_until_from_request, mode="view")
public.add_decorator(cache_public_page, mode="view")
public.add_decorator(public_cache, mode="view")
public.add_decorator(limited, mode="view")
public.add_decorator(any_origin, mode="view")


def _range(filters: MeetingFilter) -> dict:
    return {
        "network": filters.network,
        "kind": filters.kind.value if filters.kind else None,
        "start": filters.from_date,
        "end": filters.to_date,
        "work_area": filters.work_area,
    }


@public.get("/networks", response=NetworkPage, url_name="network_list", summary="Public networks")
def network_list(request, query: Query[NetworkQuery]):
    qs = selectors.network_list_public(work_area=query.work_area)
    return page_of(request, qs, page=query.page, page_size=query.page_size, present=presenters.network)


@public.get(
    "/networks/{slug}", response={200: NetworkOut, 404: Problem}, url_name="network_detail", summary="One network"
)
def network_detail(request, slug: str):
    try:
        return presenters.network(selectors.network_detail_public(slug=slug))
    except Network.DoesNotExist:
        raise Http404 from None


@public.get("/work-areas", response=list[WorkAreaOut], url_name="work_area_list", summary="Work areas (filter values)")
def work_area_list(request):
    base = presenters.api_url("network_list")
    return [
        {"slug": area.slug, "name": area.name, "networks": f"{base}?work_area={area.slug}"}
        for area in selectors.work_areas_public()
    ]


@public.get("/meetings", response=MeetingPage, url_name="meeting_list", summary="Published meetings")
def meeting_list(request, query: Query[MeetingQuery]):
    now = timezone.now()
    qs = selectors.meetings_public(**_range(query), now=now)
    request.api_cache_until = selectors.next_change(qs=qs, now=now)
    return page_of(
        request, qs, page=query.page, page_size=query.page_size, present=lambda m: presenters.meeting(m, now=now)
    )


@public.get(
    "/meetings/{code}",
    response={200: MeetingOut, 404: Problem},
    url_name="meeting_detail",
    summary="One meeting with its programme",
)
def meeting_detail(request, code: str):
    try:
        meeting = selectors.meeting_public(code=code)
    except Meeting.DoesNotExist:
        raise Http404 from None
    request.api_cache_until = next_state_change(meeting=meeting)
    return presenters.meeting(meeting)


@public.get("/calendar", response=CalendarOut, url_name="calendar", summary="The public calendar")
def calendar(request, query: Query[MeetingFilter]):
    """Every public meeting starting in a date range (default: today and 90 days on; at most 366 days)."""
    now = timezone.now()
    start = query.from_date or (
        query.to_date - dt.timedelta(days=selectors.CALENDAR_DEFAULT_DAYS) if query.to_date else timezone.localdate(now)
    )
    end = query.to_date or start + dt.timedelta(days=selectors.CALENDAR_DEFAULT_DAYS)
    if (end - start).days >= selectors.CALENDAR_MAX_DAYS:
        raise HttpError(400, _("The calendar shows at most 366 days at a time."))
    filters = {**_range(query), "start": start, "end": end}
    meetings = selectors.calendar_public(**filters, now=now)
    # Without dates the range starts today: the answer also changes at midnight.
    midnight = timezone.make_aware(dt.datetime.combine(timezone.localdate(now) + dt.timedelta(days=1), dt.time.min))
    changes = [selectors.next_change(qs=meetings, now=now), midnight if query.from_date is None else None]
    request.api_cache_until = min((moment for moment in changes if moment is not None), default=None)
    events = [presenters.calendar_event(m, now=now) for m in meetings]
    return {"start": start, "end": end, "count": len(events), "events": events}


# --- Staff, with a token ------------------------------------------------------------------------------


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        return services.api_token_authenticate(raw=token)


staff = Router(tags=["staff"], auth=TokenAuth())
staff.add_decorator(private_answer, mode="view")
staff.add_decorator(limited, mode="view")


@staff.get(
    "/meetings/{code}/participants",
    response={200: ParticipantList, 401: Problem, 403: Problem, 404: Problem},
    url_name="meeting_participants",
    summary="A meeting's participant list (token with participants:read)",
)
def meeting_participants(request, code: str, query: Query[ParticipantQuery]):
    """The list the staff CSV export gives the token's owner, for the meetings they may download; logged."""
    token: ApiToken = request.auth
    if not token.has_scope(TokenScope.PARTICIPANTS):
        raise PermissionDenied
    try:
        meeting = Meeting.objects.select_related("network", "venue", "organiser").get(code=code)
    except Meeting.DoesNotExist:
        raise Http404 from None
    if not token.user.has_perm("meetings.view_meeting", meeting):
        # Another network's meeting is as unknown as a code that does not exist (drafts included).
        raise Http404
    items = services.participants_read(token=token, meeting=meeting, scope=query.scope)
    return {"meeting": meeting.code, "count": len(items), "items": items}


api.add_router("", public)
api.add_router("", staff)
