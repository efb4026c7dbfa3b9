"""Admin pages of a meeting's programme: paste a programme, consider a warning.

The meeting admin routes to these views (``MeetingAdmin.get_urls``). Each
finds the meeting through the admin's own ``get_object`` and needs the right
to change that meeting (``has_change_permission(request, obj)``), so the
admin's access rules apply here as on the change page.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import services
from .enums import AgendaItemKind
from .programme_check import programme_check, programme_warning_find
from .programme_paste import parse_programme

PASTE_MAX_CHARS = 20_000


class PasteProgrammeForm(forms.Form):
    APPEND, REPLACE = "append", "replace"

    text = forms.CharField(
        label=gettext_lazy("Programme as text"),
        max_length=PASTE_MAX_CHARS,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "cols": 90, "spellcheck": "false"}),
        help_text=gettext_lazy(
            "One item per time: “09.30-10.00 Velkommen” or the time on a line and the title on the next. "
            "Bullets start with • or -, speakers follow “v.”. An item without an end time ends when the next "
            "one starts."
        ),
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("The meeting's present programme"),
        choices=[
            (APPEND, gettext_lazy("Keep it and add the pasted items")),
            (REPLACE, gettext_lazy("Replace it with the pasted items")),
        ],
        initial=APPEND,
        required=False,  # nothing to keep or replace when the meeting has no programme yet
        widget=forms.RadioSelect,
    )


class ConsiderWarningForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 70}),
        help_text=gettext_lazy("For example: “We know: it is a full theme day with lunch and two breaks.”"),
    )


def _meeting_to_change(model_admin, request, object_id):
    meeting = model_admin.get_object(request, unquote(object_id))
    if meeting is None:
        raise Http404
    if not model_admin.has_change_permission(request, meeting):
        raise PermissionDenied
    return meeting


def _context(model_admin, request, meeting, title, **extra):
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "meeting": meeting,
        "original": meeting,
        "title": title,
        "change_url": reverse("admin:meetings_meeting_change", args=[meeting.pk]),
        **extra,
    }


def paste_programme_view(model_admin, request, object_id):
    """Paste a programme, review what was read, then add it to the meeting."""
    meeting = _meeting_to_change(model_admin, request, object_id)
    existing = meeting.agenda_items.count()
    form = PasteProgrammeForm(request.POST if request.method == "POST" else None)
    parsed = None
    if form.is_valid():
        parsed = parse_programme(form.cleaned_data["text"])
        if "confirm" in request.POST and parsed.items:
            created = services.meeting_programme_add(
                meeting=meeting,
                items=parsed.items,
                replace=form.cleaned_data["mode"] == PasteProgrammeForm.REPLACE,
                user=request.user,
            )
            model_admin.message_user(
                request,
                ngettext(
                    "%(n)d agenda item added to the programme.",
                    "%(n)d agenda items added to the programme.",
                    len(created),
                )
                % {"n": len(created)},
                messages.SUCCESS,
            )
            # To the top of the meeting: the message, then the programme check of the new programme.
            return redirect(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
        if not parsed.items:
            form.add_error(
                "text", _("No agenda item found: each item starts with a time, e.g. “09.30-10.00 Velkommen”.")
            )
    kinds = dict(AgendaItemKind.choices)
    rows = [(item, kinds.get(item.kind, item.kind)) for item in parsed.items] if parsed else []
    return TemplateResponse(
        request,
        "admin/meetings/meeting/paste_programme.html",
        _context(
            model_admin,
            request,
            meeting,
            _("Paste a programme into %(meeting)s") % {"meeting": meeting},
            form=form,
            parsed=parsed,
            rows=rows,
            existing=existing,
        ),
    )


def consider_warning_view(model_admin, request, object_id):
    """Mark a programme warning as considered (with a note), or show a considered one again."""
    meeting = _meeting_to_change(model_admin, request, object_id)
    data = request.POST if request.method == "POST" else request.GET
    code, fingerprint = data.get("code", ""), data.get("fingerprint", "")
    change_url = reverse("admin:meetings_meeting_change", args=[meeting.pk]) + "#programme-check"
    warning = programme_warning_find(meeting=meeting, code=code, fingerprint=fingerprint)
    if warning is None:
        model_admin.message_user(
            request,
            _("The programme or the meeting has changed since; the warning no longer reads the same. Look again."),
            messages.WARNING,
        )
        return redirect(change_url)
    check = programme_check(meeting=meeting)
    considered = next((note for w, note in check.considered if w.fingerprint == fingerprint), None)
    form = ConsiderWarningForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if "reopen" in request.POST:
            services.programme_warning_reopen(meeting=meeting, code=code, fingerprint=fingerprint)
            model_admin.message_user(request, _("The warning is shown again."), messages.SUCCESS)
            return redirect(change_url)
        if form.is_valid():
            try:
                services.programme_warning_consider(
                    meeting=meeting,
                    code=code,
                    fingerprint=fingerprint,
                    note=form.cleaned_data["note"],
                    user=request.user,
                )
            except services.ProgrammeChanged:
                model_admin.message_user(
                    request, _("The programme has changed meanwhile; look at the warning again."), messages.WARNING
                )
            else:
                model_admin.message_user(
                    request,
                    _("The warning is marked as considered and stays quiet until the programme changes."),
                    messages.SUCCESS,
                )
            return redirect(change_url)
    return TemplateResponse(
        request,
        "admin/meetings/meeting/consider_warning.html",
        _context(
            model_admin,
            request,
            meeting,
            _("Programme warning for %(meeting)s") % {"meeting": meeting},
            form=form,
            warning=warning,
            considered=considered,
            code=code,
            fingerprint=fingerprint,
        ),
    )
