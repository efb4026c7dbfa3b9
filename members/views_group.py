"""A network's closed group space: board, members' directory, material, minutes, requests to join."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings.models import Meeting

from . import group_space, selectors, services
from .access import group_access
from .forms import (
    BoardPostForm,
    MaterialForm,
    MembershipDecisionForm,
    MinutesForm,
    NotificationForm,
    ReplyForm,
)
from .models import BoardPost, Material, Minutes
from .views import network_or_404, no_store

DIRECTORY_PAGE_SIZE = 60


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
            network = network_or_404(slug)
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
    return no_store(render(request, template, {**base, **context}, status=status))


@group_view()
def group(request, access):
    return redirect("members:board", slug=access.network.slug)


@group_view()
def board(request, access):
    network = access.network
    form = BoardPostForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            group_space.board_post_create(network=network, author=request.user, **form.cleaned_data)
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


def _post(access, pk) -> BoardPost:
    return get_object_or_404(
        BoardPost.objects.select_related("author", "network"),
        network=access.network,
        pk=pk,
        parent__isnull=True,
        removed_at__isnull=True,
    )


@group_view()
def board_post_detail(request, access, pk):
    post = _post(access, pk)
    form = ReplyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            group_space.board_post_create(network=access.network, author=request.user, parent=post, **form.cleaned_data)
            messages.success(request, _("Your reply is posted."))
            return redirect("members:board_post_detail", slug=access.network.slug, pk=post.pk)
        status = 400
    post = selectors.board_posts(network=access.network).get(pk=post.pk)
    return _group_render(
        request, access, "members/board_post_detail.html", {"post": post, "form": form}, status=status, tab="board"
    )


@require_POST
@group_view(moderator=True)
def board_post_pin(request, access, pk):
    post = _post(access, pk)
    group_space.board_post_set_pinned(post=post, by=request.user, pinned=not post.is_pinned)
    messages.success(request, _("The post is pinned.") if post.is_pinned else _("The post is no longer pinned."))
    return redirect("members:board", slug=access.network.slug)


@require_POST
@group_view()
def board_post_remove(request, access, pk):
    post = get_object_or_404(BoardPost, network=access.network, pk=pk, removed_at__isnull=True)
    group_space.board_post_remove(post=post, by=request.user)
    messages.success(request, _("The post is removed."))
    if post.parent_id:
        return redirect("members:board_post_detail", slug=access.network.slug, pk=post.parent_id)
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
    return no_store(response)


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
