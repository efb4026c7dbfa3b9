from django import forms
from django.utils.translation import gettext_lazy as _

from netvaerk.forms import MonthField
from netvaerk.models import Network, TargetGroup, Theme, WorkArea

from .enums import MeetingKind


class NetworkFilterForm(forms.Form):
    work_area = forms.ModelChoiceField(
        WorkArea.objects.all(), to_field_name="slug", required=False, label=_("Work area"), empty_label=_("All")
    )
    target_group = forms.ModelChoiceField(
        TargetGroup.objects.all(), to_field_name="slug", required=False, label=_("Target group"), empty_label=_("All")
    )
    theme = forms.ModelChoiceField(
        Theme.objects.all(), to_field_name="slug", required=False, label=_("Theme"), empty_label=_("All")
    )


class MeetingFilterForm(forms.Form):
    WHEN_CHOICES = [("upcoming", _("Upcoming")), ("past", _("Past"))]

    when = forms.ChoiceField(choices=WHEN_CHOICES, required=False, label=_("When"))
    network = forms.ModelChoiceField(
        Network.objects.public(), to_field_name="slug", required=False, label=_("Network"), empty_label=_("All")
    )
    kind = forms.ChoiceField(choices=[("", _("All"))] + list(MeetingKind.choices), required=False, label=_("Kind"))
    month = MonthField(required=False, label=_("Month"), help_text=_("Year and month, e.g. 2026-10."))
