"""Public pages of the blog and the offers: lists, a post with its comments, an offer, its PDF and the request form."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from netvaerk.pagecache import cache_public_page

from . import selectors, services
from .enums import CommentAction
from .forms import CommentForm, OfferRequestForm
from .models import BlogPost, Comment, Offer, Tag
from .pdf import offer_pdf

PAGE_SIZE = 10
PENDING_NOTICE = "venter"


def _comment_rate(group, request):
    return settings.BLOG_COMMENT_RATE_LIMIT


def _request_rate(group, request):
    return settings.OFFER_REQUEST_RATE_LIMIT


# --- blog ------------------------------------------------------------------------------------


def _post_list_page(request, *, tag: Tag | None = None):
    posts = selectors.post_list_public(tag_slug=tag.slug if tag else None)
    page = Paginator(posts, PAGE_SIZE).get_page(request.GET.get("side"))
    response = render(
        request,
        "content/post_list.html",
        {"page": page, "posts": page.object_list, "tag": tag, "tags": selectors.tags_in_use()},
    )
    # A scheduled post appears by itself: the cached list is valid until then.
    response.page_cache_until = selectors.post_next_publication()
    return response


@cache_public_page
def post_list(request):
    return _post_list_page(request)


@cache_public_page
def post_tag(request, slug):
    try:
        tag = selectors.tag_public(slug=slug)
    except Tag.DoesNotExist:
        raise Http404 from None
    return _post_list_page(request, tag=tag)


def _post_for(request, slug) -> BlogPost:
    """A public post, or a draft for its author and staff (a preview); 404 for everybody else."""
    try:
        post = selectors.post_detail(slug=slug, include_unpublished=request.user.is_authenticated)
    except BlogPost.DoesNotExist:
        raise Http404 from None
    if not post.is_public and not services.post_can_preview(user=request.user, post=post):
        raise Http404
    return post


def _post_page(request, post, *, form=None, status=200, error=None):
    moderator = services.comment_can_moderate(user=request.user, post=post)
    if form is None and post.comments_open and post.is_public:
        form = CommentForm(member=request.user.is_authenticated)
    context = {
        "post": post,
        "body_html": post.body_html(),
        "comments": selectors.post_comments(post=post, include_unpublished=moderator),
        "form": form,
        "moderator": moderator,
        "error": error,
        "pending_notice": request.GET.get("kommentar") == PENDING_NOTICE,
        "latest": selectors.post_latest(limit=4, exclude_id=post.pk),
    }
    return render(request, "content/post_detail.html", context, status=status)


@cache_public_page
@ratelimit(key="ip", rate=_comment_rate, method="POST", block=False)
def post_detail(request, slug):
    post = _post_for(request, slug)
    if request.method != "POST":
        return _post_page(request, post)
    member = request.user.is_authenticated
    form = CommentForm(request.POST, member=member)
    if getattr(request, "limited", False):
        error = _("Too many comments from your network in a short time. Wait a minute and try again.")
        return _post_page(request, post, form=form, status=429, error=error)
    if not form.is_valid():
        return _post_page(request, post, form=form, status=400)
    if form.is_spam:
        # Same answer as a real guest comment: a bot learns nothing.
        return redirect(f"{post.get_absolute_url()}?kommentar={PENDING_NOTICE}#kommentarer")
    data = form.cleaned_data
    try:
        comment = services.comment_create(
            post=post,
            body=data["body"],
            user=request.user if member else None,
            name=data.get("name", ""),
            email=data.get("email", ""),
        )
    except services.ContentError as exc:
        return _post_page(request, post, form=form, status=409, error=exc.message)
    if member:
        messages.success(request, _("Your comment is published."))
        return redirect(f"{post.get_absolute_url()}#kommentar-{comment.pk}")
    # Guests get no session (and so no flash message): the notice rides on the
    # address, which the page cache keeps apart from the plain page.
    return redirect(f"{post.get_absolute_url()}?kommentar={PENDING_NOTICE}#kommentarer")


@require_POST
@login_required
def comment_moderate(request, slug, pk):
    comment = get_object_or_404(Comment.objects.select_related("post__author"), pk=pk, post__slug=slug)
    action = request.POST.get("action")
    if action not in CommentAction.values:
        return HttpResponseBadRequest()
    services.comment_moderate(comment=comment, action=action, user=request.user)
    if action == CommentAction.HIDE:
        messages.success(request, _("The comment is hidden."))
    else:
        messages.success(request, _("The comment is published."))
    return redirect(f"{comment.post.get_absolute_url()}#kommentar-{comment.pk}")


# --- offers -------------------------------------------------------------------------------------


def _offer_for(request, slug) -> Offer:
    """A published offer, or any offer for staff who edit offers (their preview); 404 otherwise."""
    include = request.user.is_authenticated and request.user.has_perm("content.change_offer")
    try:
        return selectors.offer_detail(slug=slug, include_unpublished=include)
    except Offer.DoesNotExist:
        raise Http404 from None


@cache_public_page
def offer_list(request):
    return render(request, "content/offer_list.html", {"offers": selectors.offer_list_public()})


@cache_public_page
def offer_detail(request, slug):
    return render(request, "content/offer_detail.html", {"offer": _offer_for(request, slug)})


def offer_pdf_download(request, slug):
    offer = _offer_for(request, slug)
    response = HttpResponse(offer_pdf(offer=offer, language=get_language() or "da"), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{offer.slug}.pdf"'
    return response


def _request_page(request, offer, *, form=None, status=200, error=None):
    return render(
        request,
        "content/offer_request_form.html",
        {"offer": offer, "form": form or OfferRequestForm(offer=offer), "error": error},
        status=status,
    )


@cache_public_page
@ratelimit(key="ip", rate=_request_rate, method="POST", block=False)
def offer_request(request, slug):
    offer = _offer_for(request, slug)
    if request.method != "POST":
        return _request_page(request, offer)
    form = OfferRequestForm(request.POST, offer=offer)
    if getattr(request, "limited", False):
        error = _("Too many requests from your network in a short time. Wait a minute and try again.")
        return _request_page(request, offer, form=form, status=429, error=error)
    if not form.is_valid():
        return _request_page(request, offer, form=form, status=400)
    if not form.is_spam:
        try:
            services.offer_request_create(offer=offer, data=form.service_data(), language=get_language() or "da")
        except services.ContentError as exc:
            return _request_page(request, offer, form=form, status=409, error=exc.message)
    return redirect("content:offer_request_thanks", slug=offer.slug)


@cache_public_page
def offer_request_thanks(request, slug):
    return render(request, "content/offer_request_thanks.html", {"offer": _offer_for(request, slug)})
