"""The email log in the admin (the secretariat's): every outgoing email, its status, a preview, resend."""

import base64

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import escape, format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from netvaerk.admin import CalendarFiltersMixin, SecretariatOnlyMixin
from netvaerk.admin_scale import CappedCountPaginator, IndexedValuesFieldListFilter

from .enums import EmailStatus
from .models import OutgoingEmail
from .registry import EMAIL_TEMPLATES
from .render import email_render
from .sweep import email_resend

# An email's HTML is styled with style="" attributes (what mail programs read), and the
# srcdoc frame inherits the page's Content-Security-Policy: the two pages that show one
# allow inline style attributes, nothing more (no inline <style>, no scripts).
_EMAIL_PREVIEW_CSP = csp_update({"style-src-attr": [UNSAFE_INLINE]})


def _html_frame(html: str):
    # The body goes into srcdoc escaped (escape(), not format_html's
    # conditional escaping: freshly rendered HTML is already marked safe), and
    # the empty sandbox forbids scripts, forms and same-origin access: an
    # email's HTML cannot act on the admin.
    return format_html(
        '<iframe sandbox="" srcdoc="{}" title="{}" class="email-html-preview"></iframe>',
        escape(html),
        _("HTML version"),
    )


def _whole_address(term: str) -> bool:
    term = term.strip()
    if not term or " " in term:
        return False
    try:
        validate_email(term)
    except ValidationError:
        return False
    return True


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(SecretariatOnlyMixin, CalendarFiltersMixin, admin.ModelAdmin):
    """The email log: read-only, with a preview of what went out and a resend for failures."""

    list_display = ["recipient", "subject", "template", "language", "status", "attempts", "created_at", "sent_at"]
    # Ten years hold 600,000 emails (README "Data scale"): the values of a filter come from the
    # column's index, the date is a list filter (a date hierarchy reads every row for its years),
    # and each search field has its index (netvaerk/db_indexes.py); ids are matched exactly.
    list_filter = [
        "status",
        ("template", IndexedValuesFieldListFilter),
        ("language", IndexedValuesFieldListFilter),
        ("ref_type", IndexedValuesFieldListFilter),
        ("created_at", admin.DateFieldListFilter),
    ]
    search_fields = ["recipient", "subject", "idempotency_key", "message_id__exact", "ref_id__exact"]
    # Counted up to 10,000 (a count of 600,000 rows read a whole index on every page).
    show_full_result_count = False
    paginator = CappedCountPaginator
    actions = ["resend_failed"]
    change_list_template = "admin/outbox/outgoingemail/change_list.html"
    readonly_fields = ["reference", "text_preview", "html_preview", "attachment_list"]
    fieldsets = (
        (None, {"fields": ("recipient", "subject", "status", "attempts", "last_error")}),
        (_("Message"), {"fields": ("text_preview", "html_preview", "attachment_list")}),
        (
            _("Details"),
            {
                "fields": (
                    "template",
                    "language",
                    "from_email",
                    "reply_to",
                    "reference",
                    "idempotency_key",
                    "message_id",
                    "created_at",
                    "last_attempt_at",
                    "next_attempt_at",
                    "sent_at",
                )
            },
        ),
    )

    class Media:
        css = {"all": ["css/portal-admin.css"]}

    @_EMAIL_PREVIEW_CSP
    def change_view(self, request, object_id, form_url="", extra_context=None):
        return super().change_view(request, object_id, form_url, extra_context)

    def get_search_fields(self, request):
        # A whole address (what staff paste to see what one person was sent) is matched exactly on
        # its index: a contains-search for it also lists longer addresses that contain it
        # ("bo@x.dk" in "jakobo@x.dk") and, at 600,000 emails, spent 120-200 ms in the trigram index.
        if _whole_address(request.GET.get("q", "")):
            return ["recipient__iexact", "subject", "idempotency_key"]
        return super().get_search_fields(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # What was sent is a record; staff read it and may only resend.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_resend_permission(self, request):
        return request.user.has_perm("outbox.change_outgoingemail")

    def lookup_allowed(self, lookup, value, request=None):
        # Links from other admin pages, e.g. ?ref_type=meetings.meeting&ref_id=7.
        if lookup in ("ref_id", "ref_id__exact"):
            return True
        return super().lookup_allowed(lookup, value, request)

    @admin.display(description=_("reference"))
    def reference(self, obj):
        return f"{obj.ref_type} #{obj.ref_id}" if obj.ref_type else "-"

    @admin.display(description=_("text version"))
    def text_preview(self, obj):
        return format_html('<pre class="email-text-preview">{}</pre>', obj.text_body)

    @admin.display(description=_("HTML version"))
    def html_preview(self, obj):
        return _html_frame(obj.html_body) if obj.html_body else "-"

    @admin.display(description=_("attachments"))
    def attachment_list(self, obj):
        if not obj.attachments:
            return "-"
        return format_html_join(
            "",
            "<div>{} ({}, {} bytes)</div>",
            ((a["filename"], a["content_type"], len(base64.b64decode(a["content"]))) for a in obj.attachments),
        )

    @admin.action(description=_("Resend selected failed emails"), permissions=["resend"])
    def resend_failed(self, request, queryset):
        ids = list(queryset.filter(status=EmailStatus.FAILED).values_list("pk", flat=True))
        resent = sum(email_resend(email_id=email_id) for email_id in ids)
        self.message_user(
            request,
            ngettext("%(count)d email queued again.", "%(count)d emails queued again.", resent) % {"count": resent},
            messages.SUCCESS,
        )
        skipped = queryset.count() - resent
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d selected email was not failed and was left alone.",
                    "%(count)d selected emails were not failed and were left alone.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    # Previews of every registered email template with demo data.

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "previews/",
                self.admin_site.admin_view(self.preview_list_view),
                name=f"{info[0]}_{info[1]}_previews",
            ),
            path(
                "previews/<str:name>/",
                self.admin_site.admin_view(self.preview_view),
                name=f"{info[0]}_{info[1]}_preview",
            ),
            *super().get_urls(),
        ]

    def preview_list_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Email templates"),
            "templates": sorted(EMAIL_TEMPLATES.values(), key=lambda t: t.name),
        }
        return TemplateResponse(request, "admin/outbox/outgoingemail/preview_list.html", context)

    @_EMAIL_PREVIEW_CSP
    def preview_view(self, request, name):
        if not self.has_view_permission(request):
            raise PermissionDenied
        spec = EMAIL_TEMPLATES.get(name)
        if spec is None:
            raise Http404(name)
        languages = settings.LANGUAGES
        language = request.GET.get("lang")
        if language not in dict(languages):
            language = settings.LANGUAGE_CODE
        rendered = email_render(template=name, context=spec.demo_context(), language=language)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Preview: %(name)s") % {"name": name},
            "spec": spec,
            "language": language,
            "languages": languages,
            "rendered": rendered,
            "html_frame": _html_frame(rendered.html),
        }
        return TemplateResponse(request, "admin/outbox/outgoingemail/preview.html", context)
