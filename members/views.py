"""My pages, and joining or leaving a network. The closed group space is in ``views_group``."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netvaerk.enums import NetworkStatus
from netvaerk.models import Network
from registration import services as registration_services

from . import privacy as member_privacy
from . import selectors, services
from .access import group_access
from .forms import (
    DeleteAccountForm,
    JoinForm,
    ProfileForm,
)
from .models import Membership


def no_store(response):
    # Personal data: never kept by a shared browser cache or a proxy.
    response["Cache-Control"] = "private, no-store"
    return response


# --- My pages ---------------------------------------------------------------------


@login_required
def home(request):
    memberships = list(selectors.my_memberships(user=request.user))
    now = timezone.now()
    registrations = list(selectors.my_registrations(user=request.user))
    upcoming = [r for r in registrations if r.meeting.ends_at >= now and r.is_active]
    return render(
        request,
        "members/my_home.html",
        {
            "memberships": memberships,
            "upcoming": upcoming[:5],
            "profile": services.profile_get_or_create(user=request.user),
            "section": "home",
        },
    )


@login_required
def my_registrations(request):
    now = timezone.now()
    rows = []
    for registration in selectors.my_registrations(user=request.user):
        rows.append(
            {
                "registration": registration,
                "can_edit": registration_services.registration_can_edit(registration=registration, now=now),
                "can_cancel": registration_services.registration_can_cancel(registration=registration, now=now),
            }
        )
    upcoming = [row for row in rows if row["registration"].meeting.ends_at >= now]
    past = [row for row in rows if row["registration"].meeting.ends_at < now]
    past.reverse()
    return no_store(
        render(
            request,
            "members/my_registrations.html",
            {"upcoming": upcoming, "past": past, "section": "registrations"},
        )
    )


@login_required
def profile_edit(request):
    profile = services.profile_get_or_create(user=request.user)
    form = ProfileForm(request.POST or None, instance=profile, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            services.profile_update(user=request.user, data=form.service_data())
            messages.success(request, _("Your profile is saved."))
            return redirect("members:profile")
        return no_store(render(request, "members/profile_form.html", {"form": form, "section": "profile"}, status=400))
    return no_store(render(request, "members/profile_form.html", {"form": form, "section": "profile"}))


@login_required
def privacy(request):
    return render(request, "members/privacy.html", {"section": "privacy", "delete_form": DeleteAccountForm()})


@login_required
def data_export(request):
    data = member_privacy.member_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="mine-data.json"'
    return no_store(response)


@login_required
def account_delete(request):
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        member_privacy.member_account_delete(user=user)
        messages.success(request, _("Your account is deleted. Thank you for taking part."))
        return redirect("public:home")
    status = 400 if request.method == "POST" else 200
    return render(request, "members/account_delete.html", {"form": form, "section": "privacy"}, status=status)


# --- Joining and leaving ----------------------------------------------------------------


def network_or_404(slug) -> Network:
    return get_object_or_404(Network.objects.select_related("coordinator", "organiser"), slug=slug)


@login_required
def join(request, slug):
    network = network_or_404(slug)
    access = group_access(user=request.user, network=network)
    if not network.is_public and not access.can_view:
        raise Http404
    form = JoinForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_request(network=network, user=request.user, message=form.cleaned_data["message"])
        except services.MembersError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you. The coordinator has been told and will answer you by email."))
        return redirect("members:join", slug=network.slug)
    return render(
        request,
        "members/join.html",
        {
            "network": network,
            "access": access,
            "membership": access.membership,
            "form": form,
            "is_closed": network.status == NetworkStatus.CLOSED,
        },
    )


@require_POST
@login_required
def leave(request, slug):
    network = network_or_404(slug)
    membership = get_object_or_404(Membership, network=network, user=request.user)
    try:
        services.membership_leave(membership=membership)
    except services.MembersError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You have left %(network)s.") % {"network": network.name})
    return redirect("members:home")
