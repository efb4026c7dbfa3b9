"""Domain events: a lower app says what happened, an upper app listens.

The services of ``registration`` and ``meetings`` call ``emit()`` when a
registration is created, cancelled or promoted, and when a meeting is
published, changed, unpublished or cancelled. An app above them (``webhooks``)
connects a handler in its ``AppConfig.ready()`` with ``subscribe()``, so the
lower apps never import it.

Handlers run synchronously, inside the caller's transaction (often while the
caller holds the meeting's seat lock): a handler that stores rows stores them
with the change, and nothing of it remains if the change rolls back. So a
handler must be quick (a query or two, an insert) and hand slow work (HTTP)
to a worker after commit (``netvaerk.aftercommit``). An exception in a
handler rolls back the change, like any other error in the transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

REGISTRATION_CREATED = "registration.created"
REGISTRATION_CANCELLED = "registration.cancelled"
REGISTRATION_PROMOTED = "registration.promoted"
MEETING_PUBLISHED = "meeting.published"
MEETING_CHANGED = "meeting.changed"
MEETING_UNPUBLISHED = "meeting.unpublished"
MEETING_CANCELLED = "meeting.cancelled"


@dataclass(frozen=True)
class EventType:
    name: str
    label: str
    description: str


# Every event a service may emit, with what its keyword arguments are.
EVENT_TYPES: dict[str, EventType] = {
    event.name: event
    for event in [
        EventType(
            REGISTRATION_CREATED,
            _("Registration created"),
            "registration, meeting: a sign-up, confirmed or on the waiting list",
        ),
        EventType(REGISTRATION_CANCELLED, _("Registration cancelled"), "registration, meeting"),
        EventType(
            REGISTRATION_PROMOTED,
            _("Registration promoted from the waiting list"),
            "registration, meeting: by staff or when a seat was freed",
        ),
        EventType(
            MEETING_PUBLISHED, _("Meeting published"), "meeting: became published (new, from draft or cancelled)"
        ),
        EventType(MEETING_CHANGED, _("Meeting changed"), "meeting, changed: a published meeting's public fields"),
        EventType(MEETING_UNPUBLISHED, _("Meeting unpublished"), "meeting: a published meeting back to draft"),
        EventType(MEETING_CANCELLED, _("Meeting cancelled"), "meeting: a published meeting cancelled"),
    ]
}

Handler = Callable[..., None]
_handlers: dict[str, list[Handler]] = {}


def subscribe(name: str, handler: Handler) -> None:
    """Call ``handler(name=..., **payload)`` whenever ``name`` is emitted (once per handler)."""
    if name not in EVENT_TYPES:
        raise ValueError(f"Unknown event {name!r}")
    handlers = _handlers.setdefault(name, [])
    if handler not in handlers:
        handlers.append(handler)


def unsubscribe(name: str, handler: Handler) -> None:
    handlers = _handlers.get(name, [])
    if handler in handlers:
        handlers.remove(handler)


def emit(name: str, **payload) -> None:
    """Tell every handler of ``name``; call it inside the transaction that makes the change."""
    if name not in EVENT_TYPES:
        raise ValueError(f"Unknown event {name!r}")
    for handler in list(_handlers.get(name, ())):
        handler(name=name, **payload)
