"""My pages, joining a network and the network's closed group space."""

from __future__ import annotations

import json
from functools import wraps

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings.models import Meeting
from netvaerk.enums import NetworkStatus
from netvaerk.models import Network
from registration import services as registration_services

from . import group_space, selectors, services
from . import privacy as member_privacy
from .access import group_access
from .forms import (
    DeleteAccountForm,
    JoinForm,
    MaterialForm,
    MembershipDecisionForm,
    MinutesForm,
    NotificationForm,
    PostForm,
    ProfileForm,
    ReplyForm,
)
from .models import Material, Membership, Minutes, Post

DIRECTORY_PAGE_SIZE = 60


def _no_store(response):
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
                "can_edit": registration_services.registration_can_edit(registration, now=now),
                "can_cancel": registration_services.registration_can_cancel(registration, now=now),
            }
        )
    upcoming = [row for row in rows if row["registration"].meeting.ends_at >= now]
    past = [row for row in rows if row["registration"].meeting.ends_at < now]
    past.reverse()
    return _no_store(
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
        return _no_store(render(request, "members/profile_form.html", {"form": form, "section": "profile"}, status=400))
    return _no_store(render(request, "members/profile_form.html", {"form": form, "section": "profile"}))


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
    return _no_store(response)


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


def _network(slug) -> Network:
    return get_object_or_404(Network.objects.select_related("coordinator", "organiser"), slug=slug)


@login_required
def join(request, slug):
    network = _network(slug)
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
    network = _network(slug)
    membership = get_object_or_404(Membership, network=network, user=request.user)
    try:
        services.membership_leave(membership=membership)
    except services.MembersError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You have left %(network)s.") % {"network": network.name})
    return redirect("members:home")


# --- The group space ---------------------------------------------------------------------


def group_view(*, moderator: bool = False, hide: bool = False):
    """Load the network and check access; the view gets (request, access, ...).

    Anonymous visitors go to the login page. Someone who may not see the group
    space gets a 403 page that explains how to join (a 404 for a network that
    is not public, and for file downloads with ``hide``).
    """

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, slug, *args, **kwargs):
            network = _network(slug)
            access = group_access(user=request.user, network=network)
            if not access.can_view:
                if hide or not network.is_public:
                    raise Http404
                return render(
                    request, "members/group_forbidden.html", {"network": network, "access": access}, status=403
                )
            if moderator and not access.can_moderate:
                raise PermissionDenied
            return view(request, access, *args, **kwargs)

        return wrapper

    return decorator


def _group_render(request, access, template, context, *, status=200, tab=""):
    network = access.network
    base = {
        "network": network,
        "access": access,
        "tab": tab,
        "pending_count": selectors.pending_requests(network=network).count() if access.can_moderate else 0,
    }
    return _no_store(render(request, template, {**base, **context}, status=status))


@group_view()
def group(request, access):
    return redirect("members:board", slug=access.network.slug)


@group_view()
def board(request, access):
    network = access.network
    form = PostForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            group_space.post_create(network=network, author=request.user, **form.cleaned_data)
            messages.success(request, _("Your post is on the board."))
            return redirect("members:board", slug=network.slug)
        status = 400
    notify_form = None
    if access.is_member:
        notify_form = NotificationForm(initial={"notify_new_posts": access.membership.notify_new_posts})
    return _group_render(
        request,
        access,
        "members/group_board.html",
        {"posts": selectors.board_posts(network=network), "form": form, "notify_form": notify_form},
        status=status,
        tab="board",
    )


def _post(access, pk) -> Post:
    return get_object_or_404(
        Post.objects.select_related("author", "network"),
        network=access.network,
        pk=pk,
        parent__isnull=True,
        removed_at__isnull=True,
    )


@group_view()
def post_detail(request, access, pk):
    post = _post(access, pk)
    form = ReplyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            group_space.post_create(network=access.network, author=request.user, parent=post, **form.cleaned_data)
            messages.success(request, _("Your reply is posted."))
            return redirect("members:post_detail", slug=access.network.slug, pk=post.pk)
        status = 400
    post = selectors.board_posts(network=access.network).get(pk=post.pk)
    return _group_render(
        request, access, "members/post_detail.html", {"post": post, "form": form}, status=status, tab="board"
    )


@require_POST
@group_view(moderator=True)
def post_pin(request, access, pk):
    post = _post(access, pk)
    group_space.post_set_pinned(post=post, by=request.user, pinned=not post.is_pinned)
    messages.success(request, _("The post is pinned.") if post.is_pinned else _("The post is no longer pinned."))
    return redirect("members:board", slug=access.network.slug)


@require_POST
@group_view()
def post_remove(request, access, pk):
    post = get_object_or_404(Post, network=access.network, pk=pk, removed_at__isnull=True)
    group_space.post_remove(post=post, by=request.user)
    messages.success(request, _("The post is removed."))
    if post.parent_id:
        return redirect("members:post_detail", slug=access.network.slug, pk=post.parent_id)
    return redirect("members:board", slug=access.network.slug)


@require_POST
@group_view()
def notifications(request, access):
    if not access.is_member:
        raise PermissionDenied
    form = NotificationForm(request.POST)
    form.is_valid()
    services.membership_set_notifications(
        membership=access.membership, notify_new_posts=form.cleaned_data.get("notify_new_posts", False)
    )
    messages.success(request, _("Your email settings are saved."))
    return redirect("members:board", slug=access.network.slug)


@group_view()
def directory(request, access):
    network = access.network
    # In pages: the largest network has 1,600 members (README "Data scale").
    page = Paginator(selectors.directory_members(network=network), DIRECTORY_PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    return _group_render(
        request,
        access,
        "members/group_directory.html",
        {
            "page": page,
            "members": page.object_list,
            "hidden_count": selectors.directory_hidden_count(network=network),
        },
        tab="directory",
    )


@group_view()
def material(request, access):
    network = access.network
    form = MaterialForm(request.POST or None, request.FILES or None, network=network)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                group_space.material_add(
                    network=network,
                    by=request.user,
                    title=data["title"],
                    description=data["description"],
                    meeting=data["meeting"],
                    upload=data["file"],
                    content_type=form.content_type,
                    url=data["url"],
                )
            except services.MembersError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The material is shared with the network."))
                return redirect("members:material", slug=network.slug)
        status = 400
    return _group_render(
        request,
        access,
        "members/group_material.html",
        {"materials": selectors.network_materials(network=network), "form": form},
        status=status,
        tab="material",
    )


def _file_response(fieldfile, *, filename: str, content_type: str):
    try:
        handle = fieldfile.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    return _no_store(response)


@group_view(hide=True)
def material_download(request, access, pk):
    item = get_object_or_404(Material, network=access.network, pk=pk, kind="file")
    return _file_response(item.file, filename=item.original_name, content_type=item.content_type)


@require_POST
@group_view(hide=True)
def material_delete(request, access, pk):
    item = get_object_or_404(Material, network=access.network, pk=pk)
    group_space.material_delete(material=item, by=request.user)
    messages.success(request, _("The material is deleted."))
    return redirect("members:material", slug=access.network.slug)


@group_view()
def minutes_list(request, access):
    return _group_render(
        request,
        access,
        "members/group_minutes.html",
        {"meetings": selectors.network_past_meetings_with_minutes(network=access.network)},
        tab="minutes",
    )


@group_view(moderator=True)
def minutes_edit(request, access, code):
    meeting = get_object_or_404(
        Meeting.objects.select_related("minutes_record"),
        network=access.network,
        code=code,
        starts_at__lt=timezone.now(),
    )
    existing = getattr(meeting, "minutes_record", None)
    form = MinutesForm(
        request.POST or None,
        request.FILES or None,
        initial={"text": existing.text if existing else "", "outputs": existing.outputs if existing else ""},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                group_space.minutes_save(
                    meeting=meeting,
                    by=request.user,
                    text=form.cleaned_data["text"],
                    outputs=form.cleaned_data["outputs"],
                    upload=form.cleaned_data["file"],
                    content_type=form.content_type,
                    remove_file=form.cleaned_data["remove_file"],
                )
            except services.MembersError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The minutes are saved."))
                return redirect("members:minutes", slug=access.network.slug)
        status = 400
    return _group_render(
        request,
        access,
        "members/minutes_form.html",
        {
            "meeting": meeting,
            "minutes": existing,
            "form": form,
            "attendance": selectors.meeting_attendance(meeting=meeting),
        },
        status=status,
        tab="minutes",
    )


@group_view(hide=True)
def minutes_download(request, access, pk):
    item = get_object_or_404(Minutes, meeting__network=access.network, pk=pk)
    if not item.file:
        raise Http404
    return _file_response(item.file, filename=item.original_name, content_type=item.content_type)


@group_view(moderator=True)
def requests(request, access):
    network = access.network
    status = 200
    if request.method == "POST":
        form = MembershipDecisionForm(request.POST, requests=selectors.pending_requests(network=network))
        if form.is_valid():
            return _decide(request, network, form.cleaned_data["membership"], form.cleaned_data["decision"])
        # A request answered meanwhile (another tab, another coordinator), or a forged value.
        messages.error(request, _("That request is not waiting any more. Answer one of the requests below."))
        status = 400
    return _group_render(
        request,
        access,
        "members/group_requests.html",
        {
            "requests": selectors.pending_requests(network=network),
            "members": selectors.network_members_all(network=network),
        },
        tab="requests",
        status=status,
    )


def _decide(request, network, membership, decision):
    try:
        if decision == "approve":
            services.membership_approve(membership=membership, by=request.user)
            messages.success(request, _("%(name)s is now a member.") % {"name": membership.user})
        else:
            services.membership_decline(membership=membership, by=request.user)
            messages.success(request, _("The request from %(name)s is declined.") % {"name": membership.user})
    except services.MembersError as error:
        messages.error(request, error.message)
    return redirect("members:requests", slug=network.slug)
