"""Forms of the registration desk: a registration entered by staff, a walk-in, a move, a cancellation."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.enums import MeetingStatus
from meetings.models import Meeting
from netvaerk import access
from netvaerk.fields import VisibleFormEmailField

from .enums import RegistrationChannel
from .errors import MeetingFull, RegistrationClosed
from .forms import RegistrationForm, _CleanCharField

STAFF_CHANNELS = [choice for choice in RegistrationChannel.choices if choice[0] != RegistrationChannel.WEB]
DESK_FIELDS = ("channel", "no_email", "override_capacity", "capacity_reason", "override_deadline", "deadline_reason")


class OverridesMixin(forms.Form):
    """ "No email" and the two overrides, each of which needs a reason."""

    no_email = forms.BooleanField(
        label=_("No email"),
        help_text=_("The person gets no email about this (for example when they have been told on the phone)."),
        required=False,
    )
    override_capacity = forms.BooleanField(
        label=_("Above capacity"),
        help_text=_("A seat even when the meeting is full or people are waiting."),
        required=False,
    )
    capacity_reason = _CleanCharField(label=_("Reason for going above capacity"), max_length=500, required=False)
    override_deadline = forms.BooleanField(
        label=_("After the deadline"),
        help_text=_("Registration outside the sign-up period, until the meeting ends."),
        required=False,
    )
    deadline_reason = _CleanCharField(
        label=_("Reason for registering after the deadline"), max_length=500, required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("override_capacity") and not data.get("capacity_reason"):
            self.add_error("capacity_reason", _("Write why the person gets a seat above the capacity."))
        if data.get("override_deadline") and not data.get("deadline_reason"):
            self.add_error("deadline_reason", _("Write why the person is registered after the deadline."))
        return data

    def override_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "send_emails": not data.get("no_email"),
            "override_capacity_reason": data.get("capacity_reason", "") if data.get("override_capacity") else "",
            "override_deadline_reason": data.get("deadline_reason", "") if data.get("override_deadline") else "",
        }

    def refusal(self, error) -> None:
        """Put the service's refusal on the form, naming the override that would let it through."""
        if isinstance(error, MeetingFull) and not self.cleaned_data.get("override_capacity"):
            self.add_error(
                "override_capacity",
                _("The meeting is fully booked. Tick “Above capacity” and write a reason to give a seat anyway."),
            )
        elif isinstance(error, RegistrationClosed) and not self.cleaned_data.get("override_deadline"):
            self.add_error(
                "override_deadline",
                _(
                    "Registration is closed for this meeting. Tick “After the deadline” and write a reason to register anyway."
                ),
            )
        else:
            self.add_error(None, error.message)


class StaffRegistrationForm(OverridesMixin, RegistrationForm):
    """The public form's fields and checks, entered by staff for someone who phoned, wrote or came."""

    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=STAFF_CHANNELS,
        initial=RegistrationChannel.PHONE,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, meeting=meeting, **kwargs)
        del self.fields["website"]
        self.fields["email"].required = False
        self.fields["email"].help_text = _("Can be left out only for someone at the door.")
        self.fields["privacy"].label = _(
            "The person knows the privacy notice and agrees that the registration is stored"
        )
        self.fields["sensitive_consent"].label = _(
            "The person agrees that their dietary requirements and accessibility needs are stored for this meeting"
        )

    def clean(self):
        data = super().clean()
        if not data.get("email") and data.get("channel") != RegistrationChannel.DOOR:
            self.add_error("email", _("Enter the person's email address (it can be left out only at the door)."))
        return data

    @property
    def is_spam(self) -> bool:
        return False

    def service_data(self) -> dict:
        return {key: value for key, value in super().service_data().items() if key not in DESK_FIELDS}


class WalkInForm(forms.Form):
    """Someone at the door without a registration: a name is enough."""

    name = _CleanCharField(label=_("Name"), max_length=200)
    organisation = _CleanCharField(label=_("Organisation"), max_length=200, required=False)
    email = VisibleFormEmailField(label=_("Email"), max_length=254, required=False)


class MoveForm(OverridesMixin, forms.Form):
    to_meeting = forms.ModelChoiceField(label=_("Move to"), queryset=Meeting.objects.none())

    field_order = ["to_meeting"]

    def __init__(self, *args, registration, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Published meetings that have not ended, of the networks the person plans.
        meetings = Meeting.objects.filter(status=MeetingStatus.PUBLISHED, ends_at__gt=timezone.now())
        self.fields["to_meeting"].queryset = (
            access.scope_queryset(user, meetings).exclude(pk=registration.meeting_id).order_by("starts_at", "code")
        )
        self.fields["to_meeting"].label_from_instance = lambda meeting: (
            f"{meeting.code} · {timezone.localtime(meeting.starts_at):%d.%m.%Y} · {meeting.title}"
        )


class CancelForm(forms.Form):
    no_email = forms.BooleanField(
        label=_("No email"),
        help_text=_("The person gets no email about the cancellation."),
        required=False,
    )
