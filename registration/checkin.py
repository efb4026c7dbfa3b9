"""Check-in at the door by code: the QR code on the badge, in the email and on the personal page.

A scan answers in one of three colours: green (checked in now), amber
(already checked in, with the time) or red (unknown code, another meeting's
code, a cancelled registration or one on the waiting list). The check-in is
one conditional UPDATE (``attended`` false to true), so two scans of the same
code at the same moment, on two phones, count the person once.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

import segno
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from meetings.models import Meeting
from netvaerk import access

from .enums import RegistrationStatus
from .models import Registration
from .models.registrations import CHECK_IN_ALPHABET, CHECK_IN_CODE_LENGTH

GREEN, AMBER, RED = "green", "amber", "red"

_CODE = re.compile(f"[{CHECK_IN_ALPHABET}]{{{CHECK_IN_CODE_LENGTH}}}")


def code_normalise(*, text: str) -> str:
    """The code as stored: capitals, without spaces or dashes (a code read aloud or typed by hand)."""
    return re.sub(r"[\s-]", "", text or "").upper()


def is_code(*, text: str) -> bool:
    """Whether ``text`` has the form of a check-in code (capitals as a scanner types them, or typed by hand)."""
    return bool(_CODE.fullmatch(code_normalise(text=text)))


def is_scanned_code(*, text: str) -> bool:
    """Exactly a code as a scanner types it (capitals, nothing else): a name search never looks like this."""
    return bool(_CODE.fullmatch((text or "").strip()))


@dataclass(frozen=True)
class ScanResult:
    colour: str  # green, amber or red
    message: str
    registration: Registration | None = None

    @property
    def counted(self) -> bool:
        return self.colour == GREEN


def attendance_set(*, registration: Registration, attended: bool, now: dt.datetime) -> bool:
    """Set ``attended`` (and ``checked_in_at``) only if it is not already so; True if this call changed it.

    One UPDATE with the old value in its WHERE: of two concurrent calls, one
    changes the row and the other finds it done, and the first check-in time
    stays. ``registration`` is refreshed to what the database holds.
    """
    changed = Registration.objects.filter(pk=registration.pk, attended=not attended).update(
        attended=attended, checked_in_at=now if attended else None, updated_at=now
    )
    if changed:
        registration.attended, registration.checked_in_at = attended, (now if attended else None)
    else:
        registration.refresh_from_db(fields=["attended", "checked_in_at"])
    return bool(changed)


def registration_check_in_by_code(*, meeting: Meeting, code: str, by, now: dt.datetime | None = None) -> ScanResult:
    """Check in the holder of ``code`` at ``meeting``'s door; ``by`` checks in at the meeting (else PermissionDenied)."""
    access.require(by, "registration.check_in", meeting)
    now = now or timezone.now()
    code = code_normalise(text=code)
    registration = (
        Registration.objects.filter(check_in_code=code).select_related("meeting").first()
        if is_code(text=code)
        else None
    )
    if registration is None:
        return ScanResult(RED, _("Unknown code. Find the person by name instead."))
    if registration.meeting_id != meeting.pk:
        # Nothing about the person or the other meeting: it may belong to another network.
        return ScanResult(RED, _("This code is for another meeting."))
    name = registration.name
    if registration.status == RegistrationStatus.CANCELLED:
        return ScanResult(RED, _("%(name)s has cancelled the registration.") % {"name": name}, registration)
    if registration.status != RegistrationStatus.CONFIRMED:
        return ScanResult(RED, _("%(name)s is on the waiting list, without a seat.") % {"name": name}, registration)
    if attendance_set(registration=registration, attended=True, now=now):
        return ScanResult(GREEN, _("%(name)s is checked in.") % {"name": name}, registration)
    at = timezone.localtime(registration.checked_in_at).strftime("%H.%M") if registration.checked_in_at else ""
    return ScanResult(
        AMBER, _("%(name)s was already checked in at %(time)s.") % {"name": name, "time": at}, registration
    )


# The QR code ------------------------------------------------------------------------------------


def _qr(code: str) -> segno.QRCode:
    # Medium error correction: a badge folded at a corner or a cracked phone screen still reads.
    return segno.make_qr(code, error="m")


def qr_svg(*, code: str, title: str = "") -> str:
    """The QR code as an inline ``<svg>`` (no style attribute: the CSP allows it), scaled by CSS."""
    svg = _qr(code).svg_inline(
        scale=4, border=2, title=title or None, svgclass="checkin-qr", lineclass=None, omitsize=True
    )
    # A white background drawn by CSS would not print on every phone in dark mode; the title names it.
    return svg.replace("<svg ", '<svg role="img" ', 1)


def qr_png(*, code: str, scale: int = 8, border: int = 4) -> bytes:
    """A black-on-white PNG. Drawn by Pillow: segno's own PNG writer takes 10 ms, and the confirmation
    email (with this image) is stored while the sign-up holds the meeting's seat lock."""
    matrix = _qr(code).matrix
    size = len(matrix) + 2 * border
    image = Image.new("1", (size, size), 1)
    image.putdata([0 if dark else 1 for row in _bordered(matrix, border) for dark in row])
    out = io.BytesIO()
    image.resize((size * scale, size * scale), Image.Resampling.NEAREST).save(out, format="PNG", optimize=False)
    return out.getvalue()


def _bordered(matrix, border: int):
    width = len(matrix) + 2 * border
    blank = [0] * width
    for _row in range(border):
        yield blank
    for row in matrix:
        yield [0] * border + list(row) + [0] * border
    for _row in range(border):
        yield blank


def door_search(*, registrations, query: str):
    """The door page's search: a check-in code (scanner or typed) finds its holder, anything else a name.

    Text of the code's form that is no one's code is searched as a name, unless it
    came exactly as a scanner types it.
    """
    if query and is_code(text=query):
        found = registrations.filter(check_in_code=code_normalise(text=query))
        if is_scanned_code(text=query) or found.exists():
            return found, True
    if query:
        return registrations.filter(Q(name__icontains=query) | Q(organisation__icontains=query)), False
    return registrations, False
