"""Staff pages: the overview of what is coming, a meeting's lists, and the downloads.

Every view needs a login (anonymous users go to the login page) and the
permission to export participant lists (others get 403 before any data is
read). Consultants only reach the meetings and networks they plan; the
secretariat reaches all (the access policy, netvaerk/access.py).
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Meeting
from netvaerk.models import Network

from . import selectors
from .charts import attendance_charts, fill_rate_chart
from .enums import ExportKind, RegistrationStatus
from .exports.arrangements import CateringExport
from .exports.figures import FillRateExport
from .exports.invoices import InvoiceBasisAcrossExport
from .exports.links import meeting_list_links
from .exports.lists import (
    MEETING_EXPORTERS,
    AttendanceExport,
    NetworkRegistrationsExport,
    ParticipantsExport,
    SignInSheetExport,
)
from .exports.services import export_log_create, export_preference_save
from .exports.writers import export_response
from .forms_staff import DateRangeForm, InvoiceBasisForm, NetworkRegistrationsForm, ParticipantListForm, YearRangeForm


def staff_export_required(view):
    return login_required(permission_required(selectors.EXPORT_PERMISSION, raise_exception=True)(view))


def _meeting(request, code) -> Meeting:
    try:
        meeting = selectors.meeting_for_staff(user=request.user, code=code)
    except Meeting.DoesNotExist:
        raise Http404 from None
    if meeting is None:
        raise PermissionDenied
    return meeting


def _network(request, slug) -> Network:
    network = get_object_or_404(Network, slug=slug)
    if not request.user.has_perm(selectors.EXPORT_PERMISSION, network):
        raise PermissionDenied
    return network


def _remembered(user, kind) -> dict:
    preference = selectors.export_preference(user=user, kind=kind)
    if preference is None:
        return {}
    return {"columns": preference.columns, **preference.options}


def _download(exporter, fmt):
    export_log_create(exporter=exporter, fmt=fmt)
    return export_response(exporter, fmt)


# Coming meetings a page: at ten years a secretariat plans 130 ahead, each row with a dozen list
# links (400 KB of HTML and half a second to draw on one page; README "Data scale").
OVERVIEW_PAGE_SIZE = 25


@staff_export_required
def overview(request):
    rows = selectors.upcoming_meetings_overview(user=request.user)
    page = Paginator(rows, OVERVIEW_PAGE_SIZE).get_page(request.GET.get("side"))
    return render(
        request,
        "registration/staff/overview.html",
        {
            "page": page,
            "rows": [(row, meeting_list_links(row.meeting, has_workshops=row.workshops > 0)) for row in page],
            "sees_all": selectors.sees_all_meetings(user=request.user),
            "fill_chart": fill_rate_chart(rows),
        },
    )


@staff_export_required
def fill_rate_export(request, fmt):
    """The fill-rate chart's figures, for every coming meeting with a number of seats."""
    if fmt not in FillRateExport.formats:
        raise Http404
    return _download(FillRateExport(user=request.user), fmt)


@staff_export_required
def meeting_lists(request, code):
    """A meeting's lists; the participant list's columns are chosen here and remembered."""
    meeting = _meeting(request, code)
    exporter = ParticipantsExport(
        user=request.user, meeting=meeting, **_remembered(request.user, ExportKind.PARTICIPANTS)
    )
    if request.method == "POST":
        form = ParticipantListForm(request.POST, exporter=exporter)
        if form.is_valid():
            export_preference_save(
                user=request.user,
                kind=ExportKind.PARTICIPANTS,
                columns=form.chosen_columns(),
                options={"scope": form.cleaned_data["scope"]},
            )
            return redirect(
                "registration:staff_meeting_export",
                code=meeting.code,
                kind=ParticipantsExport.slug,
                fmt=form.cleaned_data["format"],
            )
    else:
        form = ParticipantListForm(exporter=exporter, initial={"scope": exporter.scope})
    counts = selectors.meeting_status_counts(meeting=meeting)
    workshops = selectors.meeting_workshops(meeting=meeting)
    catering = CateringExport(user=request.user, meeting=meeting)
    return render(
        request,
        "registration/staff/meeting_lists.html",
        {
            "meeting": meeting,
            "form": form,
            "confirmed": counts.get(RegistrationStatus.CONFIRMED, 0),
            "waiting": counts.get(RegistrationStatus.WAITING, 0),
            "cancelled": counts.get(RegistrationStatus.CANCELLED, 0),
            "workshops": workshops,
            "catering": [(what, n) for what, n, _names in catering.objects()],
            "lists": meeting_list_links(meeting, has_workshops=bool(workshops)),
            # Writing to the participants (registration/views_messages.py): whoever plans the meeting.
            "can_write": request.user.has_perm("meetings.plan_meeting", meeting),
            "desk": request.user.has_perm("registration.desk", meeting),
            # The sign-in sheet can carry each participant's workshop (an option of the download).
            "sign_in_with_workshop_url": reverse(
                "registration:staff_meeting_export",
                kwargs={"code": meeting.code, "kind": SignInSheetExport.slug, "fmt": "pdf"},
            )
            + "?workshop=1"
            if workshops
            else None,
        },
    )


@staff_export_required
def meeting_export(request, code, kind, fmt):
    exporter_class = MEETING_EXPORTERS.get(kind)
    if exporter_class is None or fmt not in exporter_class.formats:
        raise Http404
    meeting = _meeting(request, code)
    options = _remembered(request.user, exporter_class.kind) if exporter_class.choosable else {}
    options.update(exporter_class.query_options(request.GET))
    return _download(exporter_class(user=request.user, meeting=meeting, **options), fmt)


@staff_export_required
def network_registrations(request):
    """Choose a network, a date range and the columns; the choice of columns is remembered."""
    networks = selectors.networks_for_staff(user=request.user).order_by("name")
    exporter = NetworkRegistrationsExport(
        user=request.user, **_remembered(request.user, ExportKind.NETWORK_REGISTRATIONS)
    )
    form = NetworkRegistrationsForm(request.POST or None, exporter=exporter, networks=networks)
    if request.method == "POST" and form.is_valid():
        export_preference_save(user=request.user, kind=ExportKind.NETWORK_REGISTRATIONS, columns=form.chosen_columns())
        url = reverse(
            "registration:staff_network_export",
            kwargs={"slug": form.cleaned_data["network"].slug, "fmt": form.cleaned_data["format"]},
        )
        query = urlencode({"fra": form.cleaned_data["fra"].isoformat(), "til": form.cleaned_data["til"].isoformat()})
        return redirect(f"{url}?{query}")
    return render(request, "registration/staff/network_registrations.html", {"form": form})


@staff_export_required
def network_export(request, slug, fmt):
    if fmt not in NetworkRegistrationsExport.formats:
        raise Http404
    network = _network(request, slug)
    dates = DateRangeForm(request.GET)
    if not dates.is_valid():
        problems = [str(message) for messages in dates.errors.values() for message in messages]
        return HttpResponseBadRequest(
            " ".join([_("Give a valid date range as ?fra=YYYY-MM-DD&til=YYYY-MM-DD."), *problems]),
            content_type="text/plain; charset=utf-8",
        )
    exporter = NetworkRegistrationsExport(
        user=request.user,
        network=network,
        start=dates.cleaned_data["fra"],
        end=dates.cleaned_data["til"],
        **_remembered(request.user, ExportKind.NETWORK_REGISTRATIONS),
    )
    return _download(exporter, fmt)


def _attendance_query(request):
    """The years asked for; none asked (no field in the address): this year and last, not ten years
    of every network (README "Data scale"). Empty fields ask for every year."""
    if "year_from" in request.GET or "year_to" in request.GET:
        return request.GET
    this_year = timezone.localdate().year
    return {"year_from": str(this_year - 1), "year_to": str(this_year)}


@staff_export_required
def attendance(request):
    form = YearRangeForm(_attendance_query(request))
    years = form.cleaned_data if form.is_valid() else {}
    exporter = AttendanceExport(user=request.user, **years)
    # Empty fields stay in the address: the download then has every year, as the page.
    query = urlencode({key: years.get(key) or "" for key in ("year_from", "year_to")})
    rows = list(exporter.rows())
    return render(
        request,
        "registration/staff/attendance.html",
        {
            "form": form,
            "header": exporter.header(),
            "rows": rows,
            "charts": attendance_charts(exporter.objects()),
            "downloads": [
                (fmt.upper(), reverse("registration:staff_attendance_export", kwargs={"fmt": fmt}) + f"?{query}")
                for fmt in AttendanceExport.formats
            ],
        },
    )


@staff_export_required
def attendance_export(request, fmt):
    if fmt not in AttendanceExport.formats:
        raise Http404
    form = YearRangeForm(_attendance_query(request))
    if not form.is_valid():
        return HttpResponseBadRequest(_("Give the years as numbers."))
    return _download(AttendanceExport(user=request.user, **form.cleaned_data), fmt)


# --- The invoice basis across meetings (one meeting's is among its lists: meeting_export) ---------------

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,140}")
NETWORK_PARAMETER = "netvaerk"


@staff_export_required
def invoice_basis(request):
    networks = selectors.networks_for_staff(user=request.user).order_by("name")
    form = InvoiceBasisForm(request.POST or None, networks=networks)
    if request.method == "POST" and form.is_valid():
        url = reverse("registration:staff_invoice_basis_export", kwargs={"fmt": form.cleaned_data["format"]})
        query = {"fra": form.cleaned_data["fra"].isoformat(), "til": form.cleaned_data["til"].isoformat()}
        if form.cleaned_data["network"] is not None:
            query[NETWORK_PARAMETER] = form.cleaned_data["network"].slug
        return redirect(f"{url}?{urlencode(query)}")
    return render(request, "registration/staff/invoice_basis.html", {"form": form})


@staff_export_required
def invoice_basis_export(request, fmt):
    if fmt not in InvoiceBasisAcrossExport.formats:
        raise Http404
    dates = DateRangeForm(request.GET)
    if not dates.is_valid():
        problems = [str(message) for messages in dates.errors.values() for message in messages]
        return HttpResponseBadRequest(
            " ".join([_("Give a valid date range as ?fra=YYYY-MM-DD&til=YYYY-MM-DD."), *problems]),
            content_type="text/plain; charset=utf-8",
        )
    slug = request.GET.get(NETWORK_PARAMETER, "")
    if slug and not SLUG.fullmatch(slug):
        raise Http404
    # Another network's slug is refused (403), an unknown one is 404, before anything is read.
    network = _network(request, slug) if slug else None
    exporter = InvoiceBasisAcrossExport(
        user=request.user, network=network, start=dates.cleaned_data["fra"], end=dates.cleaned_data["til"]
    )
    return _download(exporter, fmt)
