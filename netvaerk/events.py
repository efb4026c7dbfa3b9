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

# Events between the apps only, never offered to integrations (their payload is whole model
# instances): ``meeting.saved`` (before, after) after every save of a meeting through its service,
# whatever the door; registration tells the participants what changed, and each handler returns how
# many people it will tell (``emit`` returns the handlers' answers).
MEETING_SAVED = "meeting.saved"
# ``meeting.duplicated`` (source, copy) in the transaction of "Duplicate meeting": the apps above copy
# what they keep of a meeting (registration: its own questions).
MEETING_DUPLICATED = "meeting.duplicated"
INTERNAL_EVENTS = {MEETING_SAVED, MEETING_DUPLICATED}

Handler = Callable[..., object]
_handlers: dict[str, list[Handler]] = {}


def subscribe(name: str, handler: Handler) -> None:
    """Call ``handler(name=..., **payload)`` whenever ``name`` is emitted (once per handler)."""
    if name not in EVENT_TYPES and name not in INTERNAL_EVENTS:
        raise ValueError(f"Unknown event {name!r}")
    handlers = _handlers.setdefault(name, [])
    if handler not in handlers:
        handlers.append(handler)


def unsubscribe(name: str, handler: Handler) -> None:
    handlers = _handlers.get(name, [])
    if handler in handlers:
        handlers.remove(handler)


def emit(name: str, **payload) -> list:
    """Tell every handler of ``name``; call it inside the transaction that makes the change.

    Returns what the handlers returned, in the order they subscribed."""
    if name not in EVENT_TYPES and name not in INTERNAL_EVENTS:
        raise ValueError(f"Unknown event {name!r}")
    return [handler(name=name, **payload) for handler in list(_handlers.get(name, ()))]
