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
# Per event name, in the order of subscription: (handler, takes_batches).
_handlers: dict[str, list[tuple[Handler, bool]]] = {}


def _known(name: str) -> None:
    if name not in EVENT_TYPES and name not in INTERNAL_EVENTS:
        raise ValueError(f"Unknown event {name!r}")


def subscribe(name: str, handler: Handler) -> None:
    """Call ``handler(name=..., **payload)`` whenever ``name`` is emitted (once per handler)."""
    _known(name)
    handlers = _handlers.setdefault(name, [])
    if (handler, False) not in handlers:
        handlers.append((handler, False))


def subscribe_batch(name: str, handler: Handler) -> None:
    """Call ``handler(name=..., payloads=[...])`` once per ``emit_each`` (and with one payload per ``emit``).

    For a handler whose work per event is a query (webhooks look up their subscriptions): a batch of
    events, such as the registrations of a group sign-up, then costs that query once.
    """
    _known(name)
    handlers = _handlers.setdefault(name, [])
    if (handler, True) not in handlers:
        handlers.append((handler, True))


def unsubscribe(name: str, handler: Handler) -> None:
    _handlers[name] = [entry for entry in _handlers.get(name, []) if entry[0] != handler]


def emit(name: str, **payload) -> list:
    """Tell every handler of ``name``; call it inside the transaction that makes the change.

    Returns what the handlers returned, in the order they subscribed."""
    _known(name)
    return [
        handler(name=name, payloads=[payload]) if batch else handler(name=name, **payload)
        for handler, batch in list(_handlers.get(name, ()))
    ]


def emit_each(name: str, *, payloads: list[dict]) -> list:
    """``emit(name, **payload)`` for each payload, in order, as one batch.

    A handler subscribed with ``subscribe_batch`` is called once with all of them; any other once per
    payload. Returns what the handlers returned, in the order they subscribed (a plain handler: a list).
    """
    _known(name)
    if not payloads:
        return []
    return [
        handler(name=name, payloads=list(payloads)) if batch else [handler(name=name, **p) for p in payloads]
        for handler, batch in list(_handlers.get(name, ()))
    ]
