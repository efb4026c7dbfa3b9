"""Meetings, their venues and their parts.

Django finds an app's models in ``meetings.models``: the meeting and its venue
live in ``meeting.py``, the programme, workshops and considered warnings in
``programme.py``; both are imported here.
"""

from .meeting import Meeting, MeetingCodeSequence, MeetingQuerySet, Venue
from .programme import AgendaItem, ConsideredWarning, Workshop

__all__ = ["AgendaItem", "ConsideredWarning", "Meeting", "MeetingCodeSequence", "MeetingQuerySet", "Venue", "Workshop"]
