"""Step 1 of writing to participants: who (filters), what (subject, text) and an optional PDF."""

from __future__ import annotations

import logging

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from netvaerk.forms import CalendarDateField

from .enums import RegistrationStatus
from .participant_messages import MAX_ATTACHMENT_BYTES
from .placeholders import ALIASES, PLACEHOLDERS, placeholders_problems

logger = logging.getLogger(__name__)

CHECKED_IN_CHOICES = [("", _("Everyone")), ("yes", _("Only those checked in")), ("no", _("Only those not checked in"))]


def pdf_problem(upload) -> str | None:
    """Why ``upload`` is not an attachment we send (too big, not a PDF), or None."""
    if upload.size > MAX_ATTACHMENT_BYTES:
        return str(_("The file is too big: at most 2 MB."))
    from pypdf import PdfReader

    upload.seek(0)
    if upload.read(5) != b"%PDF-":
        upload.seek(0)
        return str(_("The file is not a PDF. Only PDF files can be attached."))
    upload.seek(0)
    try:
        # Reading every page's object finds a file that only starts like a PDF.
        if len(PdfReader(upload).pages) < 1:
            return str(_("The PDF file has no pages."))
    except Exception as error:  # pypdf raises many kinds for broken files; any of them means "not a PDF we send"
        logger.info("Attachment refused as a PDF: %s", error)
        return str(_("The file could not be read as a PDF. Save it as PDF again and try once more."))
    finally:
        upload.seek(0)
    return None


class ParticipantMessageForm(forms.Form):
    statuses = forms.MultipleChoiceField(
        label=_("Registrations with the status"),
        choices=RegistrationStatus.choices,
        initial=[RegistrationStatus.CONFIRMED],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    workshop = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Only the workshop"),
        empty_label=_("All"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    checked_in = forms.ChoiceField(
        label=_("Checked in"),
        choices=CHECKED_IN_CHOICES,
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    registered_from = CalendarDateField(label=_("Signed up on or after"), required=False)
    registered_to = CalendarDateField(label=_("Signed up on or before"), required=False)
    subject = forms.CharField(
        label=_("Subject"), max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    body = forms.CharField(
        label=_("Message"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 12, "class": "form-control"})
    )
    attachment = forms.FileField(
        label=_("Attachment (PDF, at most 2 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": "application/pdf,.pdf"}),
    )
    remove_attachment = forms.BooleanField(label=_("Remove the attachment"), required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workshop"].queryset = meeting.workshops.order_by("title")
        for name in ("registered_from", "registered_to"):
            self.fields[name].widget.attrs["class"] = "form-control"
        self.fields["remove_attachment"].widget.attrs["class"] = "form-check-input"

    @staticmethod
    def placeholder_help() -> list[tuple[str, str, list[str]]]:
        return [
            (name, label, [alias for alias, target in ALIASES.items() if target == name and alias != name])
            for name, label in PLACEHOLDERS.items()
        ]

    def _clean_placeholders(self, name):
        text = self.cleaned_data[name]
        problems = placeholders_problems(text)
        if problems:
            raise ValidationError([problem.message() for problem in problems])
        return text

    def clean_subject(self):
        return self._clean_placeholders("subject")

    def clean_body(self):
        return self._clean_placeholders("body")

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            problem = pdf_problem(upload)
            if problem:
                raise ValidationError(problem)
        return upload

    def clean(self):
        data = super().clean()
        start, end = data.get("registered_from"), data.get("registered_to")
        if start and end and end < start:
            self.add_error("registered_to", _("The end date is before the start date."))
        return data

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "statuses": list(data["statuses"]),
            "workshop": data["workshop"].pk if data.get("workshop") else None,
            "checked_in": data.get("checked_in") or "",
            "registered_from": data["registered_from"].isoformat() if data.get("registered_from") else None,
            "registered_to": data["registered_to"].isoformat() if data.get("registered_to") else None,
        }

    @classmethod
    def initial_from(cls, message) -> dict:
        """The form's values for an existing draft (going back from the preview)."""
        filters = message.filters or {}
        return {
            "statuses": filters.get("statuses") or [RegistrationStatus.CONFIRMED],
            "workshop": filters.get("workshop"),
            "checked_in": filters.get("checked_in") or "",
            "registered_from": filters.get("registered_from"),
            "registered_to": filters.get("registered_to"),
            "subject": message.subject,
            "body": message.body,
        }
