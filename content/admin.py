from django.contrib import admin, messages
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from netvaerk.admin import (
    URL_FIELDS_ASSUME_HTTPS,
    CalendarFiltersMixin,
    HistoryAdmin,
    ScopedAdminMixin,
    ScopedChoicesMixin,
    ScopedInlineMixin,
)

from . import services
from .enums import CommentAction, CommentStatus, OfferRequestStatus, PostStatus
from .forms import CreateMeetingForm, OfferAdminForm
from .models import Author, BlogPost, Comment, Offer, OfferRequest, PostImage, Provider, Tag


def _date(value):
    return f"{timezone.localtime(value):%d.%m.%Y %H.%M}" if value else ""


class _ContentAdminMedia:
    css = {"all": ["css/content-admin.css"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["__str__", "presentation", "post_count"]
    search_fields = ["user__first_name", "user__last_name", "user__email", "presentation"]
    autocomplete_fields = ["user"]
    list_select_related = ["user"]
    # Explicit: the annotation below groups rows, and grouped queries ignore Meta.ordering.
    ordering = ["user__first_name", "user__last_name", "pk"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_posts=Count("posts"))

    @admin.display(description=_("posts"), ordering="_posts")
    def post_count(self, obj):
        return obj._posts


class PostImageInline(ScopedInlineMixin, admin.TabularInline):
    model = PostImage
    extra = 0
    fields = ["order", "image", "alt_text", "caption"]


@admin.register(BlogPost)
class PostAdmin(ScopedAdminMixin, CalendarFiltersMixin, admin.ModelAdmin):
    list_display = ["title", "author", "status", "publication", "network", "comments_waiting"]
    list_filter = ["status", "tags", ("network", admin.RelatedOnlyFieldListFilter), "author"]
    search_fields = ["title", "teaser", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["author", "network", "tags"]
    list_select_related = ["author__user", "network"]
    readonly_fields = ["preview"]
    inlines = [PostImageInline]
    actions = ["publish_posts", "unpublish_posts"]
    save_on_top = True
    date_hierarchy = "published_at"
    ordering = ["-published_at", "-pk"]
    fieldsets = (
        (None, {"fields": ("title", "slug", "author", ("status", "published_at"))}),
        (_("Text"), {"fields": ("teaser", "body", "preview")}),
        (_("Tags, network and comments"), {"fields": ("tags", "network", "comments_open")}),
    )
    Media = _ContentAdminMedia

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_waiting=Count("comments", filter=Q(comments__status=CommentStatus.PENDING)))
        )

    @admin.display(description=_("publication date"), ordering="published_at")
    def publication(self, obj):
        return _date(obj.published_at)

    @admin.display(description=_("comments awaiting moderation"), ordering="_waiting")
    def comments_waiting(self, obj):
        if not obj._waiting:
            return "0"
        url = reverse("admin:content_comment_changelist") + f"?post__id__exact={obj.pk}&status__exact=pending"
        return format_html('<a href="{}">{}</a>', url, obj._waiting)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        if not obj.pk:
            return _("Save the post to see a preview here.")
        return format_html(
            '<p><a href="{}" target="_blank" rel="noopener">{}</a></p><div class="content-preview">{}</div>',
            obj.get_absolute_url(),
            _("Open the page as readers will see it (drafts only for you)"),
            obj.body_html(),
        )

    @admin.action(description=_("Publish the chosen posts"))
    def publish_posts(self, request, queryset):
        for post in queryset.exclude(status=PostStatus.PUBLISHED):
            post.status = PostStatus.PUBLISHED
            post.save(update_fields=["status", "updated_at"])

    @admin.action(description=_("Make the chosen posts drafts again"))
    def unpublish_posts(self, request, queryset):
        for post in queryset.filter(status=PostStatus.PUBLISHED):
            post.status = PostStatus.DRAFT
            post.save(update_fields=["status", "updated_at"])


@admin.register(Comment)
class CommentAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "post", "writer", "guest", "status", "written"]
    list_filter = ["status", ("post", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["body", "name", "email", "post__title", "user__email", "user__first_name", "user__last_name"]
    list_select_related = ["post", "user"]
    readonly_fields = ["post", "user", "name", "email", "body", "created_at", "moderated_at", "moderated_by"]
    fields = ["post", "user", "name", "email", "body", "status", "created_at", "moderated_at", "moderated_by"]
    actions = ["publish_comments", "hide_comments"]

    def get_queryset(self, request):
        # The change form shows the post, the writer and the moderator (read-only): one query, with or
        # without a writer or a moderator.
        return super().get_queryset(request).select_related("post", "user", "moderated_by")

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("written by"))
    def writer(self, obj):
        return obj.display_name

    @admin.display(description=_("guest"), boolean=True)
    def guest(self, obj):
        return obj.user_id is None

    @admin.display(description=_("written"), ordering="created_at")
    def written(self, obj):
        return _date(obj.created_at)

    def save_model(self, request, obj, form, change):
        # Publishing and hiding go through the service (who may, when, by whom).
        if change and "status" in form.changed_data and obj.status != CommentStatus.PENDING:
            action = CommentAction.PUBLISH if obj.status == CommentStatus.PUBLISHED else CommentAction.HIDE
            services.comment_moderate(comment=obj, action=action, user=request.user)
            return
        super().save_model(request, obj, form, change)

    def _moderate(self, request, queryset, action):
        count = 0
        for comment in queryset.select_related("post__author"):
            services.comment_moderate(comment=comment, action=action, user=request.user)
            count += 1
        return count

    @admin.action(description=_("Publish the chosen comments"), permissions=["change"])
    def publish_comments(self, request, queryset):
        count = self._moderate(request, queryset, CommentAction.PUBLISH)
        self.message_user(request, _("Published: %(count)d") % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Hide the chosen comments"), permissions=["change"])
    def hide_comments(self, request, queryset):
        count = self._moderate(request, queryset, CommentAction.HIDE)
        self.message_user(request, _("Hidden: %(count)d") % {"count": count}, messages.SUCCESS)


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    list_display = ["__str__", "contact_name", "email", "phone"]
    search_fields = ["organisation__name", "contact_name", "email"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation"]


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    form = OfferAdminForm
    list_display = ["title", "kind", "provider", "status", "order", "requests_new"]
    list_editable = ["order"]
    list_filter = ["status", "kind", "provider"]
    search_fields = ["title", "subtitle", "teaser", "introduction", "description"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["provider", "organiser"]
    list_select_related = ["provider__organisation"]
    ordering = ["order", "title"]
    save_on_top = True
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "status", "order")}),
        (_("Content"), {"fields": ("subtitle", "teaser", "audience", "introduction")}),
        (_("What the day covers"), {"fields": ("points_heading", "points", "description")}),
        (_("Format and price"), {"fields": ("formats", "format_note", "price_note")}),
        (_("Provider and secretariat"), {"fields": ("provider", "organiser")}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_new=Count("requests", filter=Q(requests__status=OfferRequestStatus.NEW)))
        )

    @admin.display(description=_("new requests"), ordering="_new")
    def requests_new(self, obj):
        return obj._new


@admin.register(OfferRequest)
class OfferRequestAdmin(ScopedChoicesMixin, HistoryAdmin):
    list_display = [
        "received",
        "organisation_name",
        "offer",
        "contact_name",
        "participants",
        "format",
        "status",
        "meeting_link",
    ]
    list_display_links = ["received", "organisation_name"]
    list_filter = ["status", "offer", "format"]
    search_fields = ["organisation_name", "contact_name", "email", "wishes", "offer__title"]
    list_select_related = ["offer", "meeting"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["organisation"]
    readonly_fields = [
        "offer",
        "organisation_name",
        "contact_name",
        "email",
        "phone",
        "format",
        "period",
        "participants",
        "wishes",
        "language",
        "created_at",
        "status_changed_at",
        "meeting_link",
    ]
    fieldsets = (
        (_("Request"), {"fields": ("offer", "created_at", "format", "period", "participants", "wishes", "language")}),
        (_("Customer"), {"fields": ("organisation_name", "contact_name", "email", "phone", "organisation")}),
        (_("Follow-up"), {"fields": ("status", "status_changed_at", "staff_note", "meeting_link")}),
    )
    actions = ["mark_in_dialogue", "mark_agreed", "mark_declined", "create_meeting"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("received"), ordering="created_at")
    def received(self, obj):
        return _date(obj.created_at)

    @admin.display(description=_("meeting"))
    def meeting_link(self, obj):
        if not obj.meeting_id:
            return "-"
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:meetings_meeting_change", args=[obj.meeting_id]), obj.meeting
        )

    def save_model(self, request, obj, form, change):
        new_status = obj.status
        if change and "status" in form.changed_data:
            obj.status = form.initial["status"]
        super().save_model(request, obj, form, change)
        if change and "status" in form.changed_data:
            try:
                services.offer_request_set_status(offer_request=obj, status=new_status)
            except services.ContentError as exc:
                self.message_user(request, exc.message, messages.ERROR)

    def _set_status(self, request, queryset, status):
        done = 0
        for offer_request in queryset:
            try:
                services.offer_request_set_status(offer_request=offer_request, status=status)
            except services.ContentError as exc:
                self.message_user(request, f"{offer_request}: {exc.message}", messages.ERROR)
                continue
            done += 1
        label = OfferRequestStatus(status).label
        self.message_user(
            request, _("%(count)d set to “%(status)s”.") % {"count": done, "status": label}, messages.SUCCESS
        )

    @admin.action(description=_("Mark as in dialogue"), permissions=["change"])
    def mark_in_dialogue(self, request, queryset):
        self._set_status(request, queryset, OfferRequestStatus.IN_DIALOGUE)

    @admin.action(description=_("Mark as agreed"), permissions=["change"])
    def mark_agreed(self, request, queryset):
        self._set_status(request, queryset, OfferRequestStatus.AGREED)

    @admin.action(description=_("Mark as declined"), permissions=["change"])
    def mark_declined(self, request, queryset):
        self._set_status(request, queryset, OfferRequestStatus.DECLINED)

    @admin.action(description=_("Make the agreed request a draft theme day"), permissions=["change"])
    def create_meeting(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one request."), messages.ERROR)
            return None
        offer_request = queryset.select_related("offer").get()
        if offer_request.status != OfferRequestStatus.AGREED or offer_request.meeting_id:
            self.message_user(
                request,
                _("Only an agreed request without a meeting can become a meeting. Mark it as agreed first."),
                messages.ERROR,
            )
            return None
        if not request.user.has_perm("meetings.add_meeting"):
            self.message_user(request, _("You may not create meetings."), messages.ERROR)
            return None
        if "apply" in request.POST:
            form = CreateMeetingForm(request.POST)
            if form.is_valid():
                starts_at, ends_at = form.starts_ends()
                try:
                    meeting = services.offer_request_create_meeting(
                        offer_request=offer_request, starts_at=starts_at, ends_at=ends_at, by=request.user
                    )
                except services.ContentError as exc:
                    self.message_user(request, exc.message, messages.ERROR)
                    return None
                self.message_user(
                    request,
                    _("Created the draft theme day %(code)s hosted by %(host)s. Add venue and programme, then publish.")
                    % {"code": meeting.code, "host": meeting.host_organisation},
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
        else:
            form = CreateMeetingForm(initial=CreateMeetingForm.initial_for(offer_request))
        return render(
            request,
            "admin/content/offerrequest/create_meeting.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Theme day for %(organisation)s") % {"organisation": offer_request.organisation_name},
                "offer_request": offer_request,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )
