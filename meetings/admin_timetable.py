"""The programme in the meeting admin as a compact timetable: one row per agenda item.

The form is the whole behaviour without JavaScript: times typed the Danish
way ("9.30", "09:30", "930"), and a duration that sets the end. The
timetable script (static/js/timetable.js) adds the keyboard, a new row
where the previous one ended, moving rows and shifting the items after a
change; what it sends is these same fields.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import AgendaItem

TIME_FORMAT = "%H.%M"
# "9.30", "09:30", "09:30:00", "930" and "9" all mean what a Danish programme means by them.
# ("%H" before "%H%M", which would read "10" as 01.00.)
TIME_INPUT_FORMATS = [TIME_FORMAT, "%H:%M", "%H:%M:%S", "%H", "%H%M"]
DEFAULT_MINUTES = 30
SNAP_MINUTES = 5


def _time_input():
    return forms.TimeInput(
        format=TIME_FORMAT,
        attrs={"class": "timetable-time", "size": 5, "maxlength": 8, "autocomplete": "off", "spellcheck": "false"},
    )


class AgendaItemTimetableForm(forms.ModelForm):
    """An agenda item as a timetable row: start, end or duration, title, kind, speakers."""

    default_minutes = DEFAULT_MINUTES  # a new row's length (the timetable script reads it from the page)
    snap_minutes = SNAP_MINUTES

    start_time = forms.TimeField(label=_("start"), input_formats=TIME_INPUT_FORMATS, widget=_time_input())
    end_time = forms.TimeField(label=_("end"), input_formats=TIME_INPUT_FORMATS, widget=_time_input(), required=False)
    duration = forms.IntegerField(
        label=pgettext_lazy("length of an agenda item", "minutes"),
        required=False,
        min_value=1,
        max_value=24 * 60,
        widget=forms.NumberInput(attrs={"class": "timetable-minutes", "step": SNAP_MINUTES, "min": SNAP_MINUTES}),
    )

    class Meta:
        model = AgendaItem
        fields = [
            "start_time",
            "end_time",
            "duration",
            "title",
            "kind",
            "speakers",
            "bullet_points",
            "description",
            "order",
        ]
        widgets = {
            "title": forms.TextInput(attrs={"placeholder": _("New item"), "autocomplete": "off"}),
            "speakers": forms.TextInput(attrs={"autocomplete": "off"}),
            "order": forms.NumberInput(attrs={"class": "timetable-order", "min": 0}),
            "bullet_points": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.end_time:
            self.initial.setdefault("duration", self.instance.minutes)

    def clean(self):
        data = super().clean()
        start, end, minutes = data.get("start_time"), data.get("end_time"), data.get("duration")
        if start is not None and minutes is not None:
            end = data["end_time"] = self._end_meant(start, end, minutes)
        if start is not None and end is not None and end <= start:
            self.add_error("end_time", _("The end must be after the start."))
        return data

    def _end_meant(self, start: dt.time, end: dt.time | None, minutes: int) -> dt.time | None:
        """The end by the duration when the end is empty or only the duration changed; else the end typed."""
        ends_at = dt.datetime.combine(dt.date.min, start) + dt.timedelta(minutes=minutes)
        if ends_at.date() != dt.date.min:
            self.add_error("duration", _("The item would end after midnight."))
            return end
        by_duration = ends_at.time()
        changed = set(self.changed_data)
        if end is None or ("duration" in changed and "end_time" not in changed):
            return by_duration
        if end != by_duration and {"duration", "end_time"} <= changed:
            self.add_error(
                "duration",
                _("The end and the duration disagree: %(minutes)s minutes after %(start)s is %(end)s.")
                % {"minutes": minutes, "start": start.strftime(TIME_FORMAT), "end": by_duration.strftime(TIME_FORMAT)},
            )
        return end
