"""The registration desk in the registration admin: its audit history (on the change page and the
history page), links to move or cancel a registration for the person (registration/views_desk.py), and the
change form's edits that are desk actions, through the desk's services:

- another meeting is a move (``desk.registration_move``): the target's rules, both meetings locked, the
  person told, the move in the history;
- the status "cancelled" is the desk's cancel on the person's behalf (``status_edits`` hands it to
  ``services.registration_cancel``); every other status goes through ``status_edits.registration_status_set``;
- the reasons to go above the capacity or past the deadline, and "no email", as on the desk's pages.

The history is a read-only field rather than an inline, so the admin's change form posts as before."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import desk, services, status_edits
from .models import Registration, RegistrationAudit
from .views_desk import outcome_message

# The form's own fields (not the registration's): they go with a move or a status.
DESK_FORM_FIELDS = ("override_capacity_reason", "override_deadline_reason", "no_email")


class RegistrationAdminForm(forms.ModelForm):
    """The model and the fields come from the admin (ModelAdmin.fields)."""

    # A status that adds a confirmed seat above the capacity, or a move into a full meeting, needs a reason
    # (registration/status_edits.py, registration/overrides.py); a reason that changes nothing is not recorded.
    override_capacity_reason = forms.CharField(
        label=_("Reason to confirm above the capacity"),
        required=False,
        max_length=500,
        help_text=_(
            "Only when setting the status to confirmed, or moving the registration to another meeting, "
            "while the meeting is full or people are waiting."
        ),
    )
    override_deadline_reason = forms.CharField(
        label=_("Reason for registering after the deadline"),
        required=False,
        max_length=500,
        help_text=_("Only when moving the registration to a meeting outside its sign-up period."),
    )
    no_email = forms.BooleanField(
        label=_("No email"),
        required=False,
        help_text=_("The person gets no email about the move or the cancellation."),
    )

    def clean(self):
        data = super().clean()
        # Another meeting is a move to a new registration of that meeting (desk.registration_move), which
        # copies the person's details as they are saved. Changed together with other fields, either those
        # would land on the old, cancelled registration or a refused move would keep half of the save; so
        # the move goes alone, and the form comes back with everything that was typed.
        if self.instance.pk and "meeting" in self.changed_data:
            others = [name for name in self.changed_data if name != "meeting" and name not in DESK_FORM_FIELDS]
            if others:
                self.add_error(
                    "meeting",
                    _(
                        "Change the meeting on its own: it moves the person to a new registration. "
                        "Save or undo the other changes first (%(fields)s)."
                    )
                    % {"fields": ", ".join(str(self.fields[name].label) for name in others)},
                )
        return data


class RegistrationDeskAdminMixin:
    """The change form's save: a new meeting is a move, a status goes through the status rules.

    Only the fields staff changed are written: never a status read before a concurrent change of it.
    A move is done in ``save_related``, which sees the inlines (who pays): a move changes nothing else.
    """

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
            return
        if "meeting" in form.changed_data:
            return  # the move alone (RegistrationAdminForm.clean), in save_related
        columns = {field.name for field in obj._meta.concrete_fields}
        changed = [name for name in form.changed_data if name in columns and name != "status"]
        wanted = obj.status
        if changed:
            obj.save(update_fields=[*changed, *({"updated_at"} & columns)])
        if "status" not in form.changed_data:
            return
        try:
            saved = status_edits.registration_status_set(
                registration=obj,
                status=wanted,
                by=request.user,
                override_capacity_reason=form.cleaned_data.get("override_capacity_reason", ""),
                notify=not form.cleaned_data.get("no_email"),
            )
        except services.RegistrationError as error:
            request.registration_status_refused = True  # per request: the admin object is shared by threads
            self.message_user(request, error.message, messages.ERROR)
            return
        for name in ("status", "confirmed_at", "waiting_since", "cancelled_at", "workshop_id"):
            setattr(obj, name, getattr(saved, name))

    def save_related(self, request, form, formsets, change):
        if not (change and "meeting" in form.changed_data):
            super().save_related(request, form, formsets, change)
            return
        request.registration_move = True
        if any(formset.has_changed() for formset in formsets):
            # Who pays belongs to the old registration; a move with it would save it on a cancelled one.
            self._move_refused(request, gettext("Change the meeting on its own: save the other changes first."))
            return
        data = form.cleaned_data
        # The registration as stored: the service checks the right over the meeting it leaves, not the form's.
        current = Registration.objects.select_related("meeting").get(pk=form.instance.pk)
        try:
            result = desk.registration_move(
                registration=current,
                to_meeting=data["meeting"],
                by=request.user,
                send_emails=not data.get("no_email"),
                override_capacity_reason=data.get("override_capacity_reason", ""),
                override_deadline_reason=data.get("override_deadline_reason", ""),
            )
        except services.RegistrationError as error:
            self._move_refused(request, error.message)
            return
        request.registration_moved_to = result

    def _move_refused(self, request, message) -> None:
        # Nothing was written (save_model left the row alone): the form again, with the service's message.
        request.registration_move_refused = True
        self.message_user(request, message, messages.ERROR)

    def construct_change_message(self, request, form, formsets, add=False):
        # The inlines were not saved with a move (save_related), so they have no saved objects to name.
        if getattr(request, "registration_move", False):
            return []
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        # A refused move changed nothing; a done one is in the desk's history of both registrations
        # (with who, when and the other meeting), which the history page shows beside this log.
        if getattr(request, "registration_move", False):
            return None
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        # Refused: back to the form with the message only (a refused status keeps the other changes).
        if getattr(request, "registration_move_refused", False) or getattr(
            request, "registration_status_refused", False
        ):
            return redirect(request.path)
        result = getattr(request, "registration_moved_to", None)
        if result is not None:
            moved = result.registration
            self.message_user(
                request,
                gettext("Moved to %(meeting)s. %(outcome)s")
                % {"meeting": moved.meeting, "outcome": outcome_message(result)},
                messages.SUCCESS,
            )
            return redirect(reverse("admin:registration_registration_change", args=[moved.pk]))
        return super().response_change(request, obj)

    @admin.display(description=_("registration desk"))
    def desk_links(self, obj):
        if not obj.pk or not obj.is_active:
            return "-"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("registration:staff_registration_move", args=[obj.pk]),
            _("Move to another meeting"),
            reverse("registration:staff_registration_cancel", args=[obj.pk]),
            _("Cancel for the person"),
        )

    @admin.display(description=_("registration desk history"))
    def desk_history(self, obj):
        entries = list(obj.audit_entries.select_related("other_meeting")) if obj.pk else []
        if not entries:
            return "-"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} · {} · {} · {}{}</li>",
                (
                    (
                        timezone.localtime(entry.created_at).strftime("%d.%m.%Y %H.%M"),
                        entry.get_action_display(),
                        entry.by_email or "-",
                        entry.get_channel_display(),
                        _reasons(entry),
                    )
                    for entry in entries
                ),
            ),
        )

    def history_view(self, request, object_id, extra_context=None):
        # The desk's entries (who, channel, overrides) beside the admin's own log of the object.
        entries = RegistrationAudit.objects.none()
        if str(object_id).isdigit() and len(str(object_id)) < 19:
            entries = RegistrationAudit.objects.filter(registration_id=int(object_id)).select_related("other_meeting")
        return super().history_view(request, object_id, {**(extra_context or {}), "desk_history": entries})


def _reasons(entry) -> str:
    parts = []
    if entry.other_meeting_id:
        parts.append(str(entry.other_meeting))
    if entry.override_capacity_reason:
        parts.append(f"{_('Above capacity')}: {entry.override_capacity_reason}")
    if entry.override_deadline_reason:
        parts.append(f"{_('After the deadline')}: {entry.override_deadline_reason}")
    if not entry.emails_sent:
        parts.append(str(_("No email")))
    return "".join(f" · {part}" for part in parts)
