"""The registration list's filters at ten years of data (3,000 meetings; README "Data scale").

A meeting is listed once its network is chosen (or when it is the chosen one, as from a meeting's
"registrations" link), a workshop once its meeting is chosen: a filter of every meeting and
workshop would read every registration and list thousands of names.
"""

from netvaerk.admin_scale import NarrowedRelatedFieldListFilter


class MeetingOfNetworkFilter(NarrowedRelatedFieldListFilter):
    narrowed_by = ("meeting__network__id__exact", "network_id")
    ordering = ("-starts_at", "-id")


class WorkshopOfMeetingFilter(NarrowedRelatedFieldListFilter):
    narrowed_by = ("meeting__id__exact", "meeting_id")
    ordering = ("order", "id")
