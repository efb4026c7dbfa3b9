"""The craft's pages: idea catalogue, agenda proposals and evaluations in the group space;
the public evaluation form; the staff pages for cadence and planning a year."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings import planning as meeting_planning
from meetings import selectors as meeting_selectors
from meetings.models import Meeting
from members import selectors as member_selectors
from members.access import can_plan, can_see_evaluations
from members.views_group import group_view
from netvaerk.access import networks_planned
from netvaerk.models import Network
from netvaerk.throttle import limit_per_ip
from registration.exports.services import export_log_create
from registration.exports.writers import export_response
from registration.models import Registration

from . import selectors, services
from .charts import evaluation_chart
from .exports import EvaluationScoresExport
from .forms import CommentForm, EvaluationForm, IdeaForm, PlanFormSet, ProposalForm, ProposalPlanForm, YearForm
from .models import AgendaProposal, Evaluation, Idea, IdeaComment


def _no_store(response):
    response["Cache-Control"] = "private, no-store"
    return response


def _render(request, access, template, context, *, tab, status=200):
    """A page of the group space, with the members app's tabs and header."""
    network = access.network
    base = {
        "network": network,
        "access": access,
        "tab": tab,
        "pending_count": member_selectors.pending_requests(network=network).count() if access.can_moderate else 0,
        "can_plan": can_plan(user=request.user, network=network, access=access),
    }
    return _no_store(render(request, template, {**base, **context}, status=status))


# --- The idea catalogue ---------------------------------------------------------------


@group_view()
def ideas(request, access):
    network = access.network
    tag = request.GET.get("tag", "")[:60]
    meeting_code = request.GET.get("moede", "")[:12]
    return _render(
        request,
        access,
        "craft/idea_list.html",
        {
            "ideas": selectors.network_ideas(network=network, tag=tag, meeting_code=meeting_code),
            "tags": selectors.network_idea_tags(network=network),
            "tag": tag,
            "meeting_code": meeting_code,
        },
        tab="ideas",
    )


@group_view()
def idea_add(request, access):
    network = access.network
    if not can_plan(user=request.user, network=network, access=access):
        raise PermissionDenied
    initial = {}
    code = request.GET.get("meeting")
    if code:
        initial["meeting"] = Meeting.objects.filter(network=network, code=code[:12]).first()
    form = IdeaForm(request.POST or None, network=network, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                idea = services.idea_create(network=network, by=request.user, **form.cleaned_data)
            except services.CraftError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The idea is in the catalogue."))
                return redirect("craft:idea_detail", slug=network.slug, pk=idea.pk)
        status = 400
    return _render(request, access, "craft/idea_form.html", {"form": form}, tab="ideas", status=status)


@group_view()
def idea_detail(request, access, pk):
    network = access.network
    try:
        idea = selectors.idea_detail(network=network, pk=pk)
    except Idea.DoesNotExist:
        raise Http404 from None
    form = CommentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.idea_comment_create(idea=idea, by=request.user, body=form.cleaned_data["body"])
            except services.CraftError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Your comment is posted."))
                return redirect("craft:idea_detail", slug=network.slug, pk=idea.pk)
        status = 400
    return _render(request, access, "craft/idea_detail.html", {"idea": idea, "form": form}, tab="ideas", status=status)


@require_POST
@group_view()
def idea_comment_remove(request, access, pk, comment_pk):
    comment = get_object_or_404(
        IdeaComment.objects.select_related("idea__network"),
        idea__network=access.network,
        idea__pk=pk,
        pk=comment_pk,
        removed_at__isnull=True,
    )
    services.idea_comment_remove(comment=comment, by=request.user)
    messages.success(request, _("The comment is removed."))
    return redirect("craft:idea_detail", slug=access.network.slug, pk=pk)


# --- Agenda proposals -----------------------------------------------------------------------


@group_view()
def proposals(request, access):
    network = access.network
    form = ProposalForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.agenda_proposal_create(network=network, by=request.user, **form.cleaned_data)
            except services.CraftError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Thank you. The working group sees your proposal when it plans."))
                return redirect("craft:proposals", slug=network.slug)
        status = 400
    planner = can_plan(user=request.user, network=network, access=access)
    meetings = list(selectors.planning_meetings(network=network)) if planner else []
    return _render(
        request,
        access,
        "craft/proposal_list.html",
        {
            **selectors.network_proposals(network=network),
            "form": form,
            "planning_meetings": meetings,
        },
        tab="proposals",
        status=status,
    )


def _proposal(access, pk) -> AgendaProposal:
    return get_object_or_404(AgendaProposal.objects.select_related("network"), network=access.network, pk=pk)


@require_POST
@group_view()
def proposal_plan(request, access, pk):
    network = access.network
    proposal = _proposal(access, pk)
    if not can_plan(user=request.user, network=network, access=access):
        raise PermissionDenied
    form = ProposalPlanForm(request.POST, meetings=selectors.planning_meetings(network=network))
    if not form.is_valid():
        messages.error(request, _("Choose one of the network's coming meetings."))
        return redirect("craft:proposals", slug=network.slug)
    meeting = form.cleaned_data["meeting"]
    try:
        item = services.agenda_proposal_plan(proposal=proposal, meeting=meeting, by=request.user)
    except services.CraftError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("“%(title)s” is on the programme of %(meeting)s at %(time)s. Adjust the time in the programme.")
            % {"title": item.title, "meeting": meeting.title, "time": item.start_time.strftime("%H.%M")},
        )
    return redirect("craft:proposals", slug=network.slug)


@require_POST
@group_view()
def proposal_decline(request, access, pk):
    proposal = _proposal(access, pk)
    try:
        services.agenda_proposal_decline(proposal=proposal, by=request.user)
    except services.CraftError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The proposal is set aside."))
    return redirect("craft:proposals", slug=access.network.slug)


# --- Evaluations in the group space ------------------------------------------------------


def _require_evaluations(request, access):
    if not can_see_evaluations(user=request.user, network=access.network, access=access):
        raise PermissionDenied


@group_view()
def evaluations(request, access):
    _require_evaluations(request, access)
    rows = selectors.network_evaluations(network=access.network)
    chart = evaluation_chart(rows, network_name=access.network.name)
    rows.reverse()  # newest first in the table; the chart reads over time
    return _render(request, access, "craft/evaluation_network.html", {"rows": rows, "chart": chart}, tab="evaluations")


@group_view()
def evaluations_export(request, access, fmt):
    """The evaluation figures of the network's meetings as CSV (the chart's figures), logged like every download."""
    _require_evaluations(request, access)
    if fmt not in EvaluationScoresExport.formats:
        raise Http404
    exporter = EvaluationScoresExport(user=request.user, network=access.network)
    export_log_create(exporter=exporter, fmt=fmt)
    return export_response(exporter, fmt)


@group_view()
def evaluation_meeting(request, access, code):
    _require_evaluations(request, access)
    meeting = get_object_or_404(Meeting, network=access.network, code=code)
    summary, answers = selectors.meeting_evaluation(meeting=meeting)
    return _render(
        request,
        access,
        "craft/evaluation_meeting.html",
        {
            "meeting": meeting,
            "summary": summary,
            "answers": answers,
            "invited": selectors.meeting_evaluation_invited(meeting=meeting),
        },
        tab="evaluations",
    )


# --- The participant's evaluation (public, no login) -----------------------------------------


@limit_per_ip(setting="EVALUATION_LINK_RATE_LIMIT", group="craft.evaluation_link")
def evaluation(request, token):
    if len(token) > 200:
        raise Http404
    try:
        registration = services.evaluation_registration(token=token)
    except services.CraftError as error:
        return _no_store(render(request, "craft/evaluation_form.html", {"closed": error.message}, status=410))
    except Registration.DoesNotExist:
        raise Http404 from None
    meeting = registration.meeting
    existing = Evaluation.objects.filter(registration=registration).first()
    form = None if existing else EvaluationForm(request.POST or None)
    status = 200
    if form is not None and request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.evaluation_submit(
                    registration=registration,
                    rating=form.cleaned_data["rating"],
                    comment=form.cleaned_data["comment"],
                )
            except services.CraftError as error:
                form.add_error(None, error.message)
                status = 409
            else:
                messages.success(request, _("Thank you for your evaluation."))
                return redirect("craft:evaluation", token=token)
    return _no_store(
        render(
            request,
            "craft/evaluation_form.html",
            {"meeting": meeting, "form": form, "existing": existing},
            status=status,
        )
    )


# --- Staff: cadence of all networks and planning a year ------------------------------------------


def _year(request, default: int) -> int:
    form = YearForm(request.GET or None)
    if form.is_valid() and form.cleaned_data["aar"]:
        return form.cleaned_data["aar"]
    return default


@login_required
@permission_required("meetings.view_meeting", raise_exception=True)
def cadence(request):
    year = _year(request, timezone.localdate().year)
    rows = meeting_selectors.network_cadence_overview(year=year, networks=networks_planned(request.user))
    return _no_store(
        render(
            request,
            "craft/cadence_overview.html",
            {"rows": rows, "year": year, "behind": sum(1 for row in rows if row.is_behind)},
        )
    )


@login_required
@permission_required("meetings.add_meeting", raise_exception=True)
def plan_year(request, slug):
    network = get_object_or_404(Network.objects.select_related("organiser"), slug=slug)
    if not request.user.has_perm("netvaerk.plan_network", network):
        raise PermissionDenied
    year = _year(request, timezone.localdate().year + 1)
    suggestions = selectors.host_suggestions(network=network)
    organisations = selectors.network_member_organisations(network=network).order_by("name")
    slots = meeting_planning.network_plan_slots(network=network, year=year)
    if request.method == "POST":
        formset = PlanFormSet(request.POST, organisations=organisations, year=year)
        if formset.is_valid():
            created = []
            with transaction.atomic():
                for data in formset.cleaned_data:
                    if not data.get("create"):
                        continue
                    created.append(
                        meeting_planning.meeting_plan_draft(
                            network=network,
                            starts_on=data["starts_on"],
                            meeting_format=data["format"],
                            number=data["number"],
                            count=data["count"],
                            host_organisation=data["host"],
                            by=request.user,
                        )
                    )
            messages.success(
                request,
                _("%(count)d draft meetings created for %(year)d. Write the purpose and the programme of each.")
                % {"count": len(created), "year": year},
            )
            return redirect(reverse("admin:meetings_meeting_changelist") + f"?network__id__exact={network.pk}")
        status = 400
    else:
        hosts = [suggestion.organisation for suggestion in suggestions]
        initial = []
        physical_index = 0
        for slot in slots:
            host = None
            if slot.is_physical and hosts:
                host = hosts[physical_index % len(hosts)]
                physical_index += 1
            initial.append(
                {
                    "create": True,
                    "starts_on": slot.starts_on,
                    "format": slot.format,
                    "host": host,
                    "number": slot.number,
                    "count": slot.count,
                }
            )
        formset = PlanFormSet(initial=initial, organisations=organisations, year=year)
        status = 200
    return _no_store(
        render(
            request,
            "craft/plan_year.html",
            {
                "network": network,
                "year": year,
                "formset": formset,
                "suggestions": suggestions,
                "cadence": meeting_selectors.network_cadence(network=network, year=year),
                "open_proposals": selectors.network_proposals(network=network)["open"],
                "past_hosts": meeting_selectors.network_past_hosts(network=network),
            },
            status=status,
        )
    )
