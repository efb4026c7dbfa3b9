"""Which other websites may show the portal's meeting lists in an iframe.

Each organiser keeps the origins of the websites that may embed its lists
(``Organiser.embed_origins``, one https origin a line). The embed pages send
them as the Content-Security-Policy's ``frame-ancestors``; every other page
keeps ``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``.

- A network's list: its organiser's origins.
- The list of all meetings: every organiser's origins together, plus the
  site's own ``EMBED_ORIGINS`` (for a website that is no organiser's, e.g. a
  ministry). An organiser's website shows the portal's own public list, so
  allowing it there gives nothing away that the network lists do not.

With no origin at all the page says ``frame-ancestors 'none'``: it cannot be
framed anywhere until an origin is configured.

The origins are read once per version of the public pages
(``netvaerk.pagecache``, bumped by every save of an organiser or network), so
a page served from the page cache makes no database query for its header.
"""

from __future__ import annotations

import re
from collections import OrderedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.translation import gettext as _

from . import pagecache

MAX_ORIGINS = 20
MAX_ORIGIN_LENGTH = 200


# https, a host name of letters, digits, hyphens and dots (international names in their xn-- form), an optional port.
ORIGIN_RE = re.compile(
    r"https://((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(:[0-9]{1,5})?/?"
)

# Only with EMBED_ALLOW_LOCAL_HTTP (development, and the browser test's second local origin).
LOCAL_RE = re.compile(r"(http://(?:localhost|127\.0\.0\.1)(?::[0-9]{1,5})?)/?")


def _origin(line: str) -> str | None:
    """The https origin written on a line (``https://host[:port]``), or None if it is not one.

    Nothing else gets through: the origin goes into a response header, so a ``;``, a quote or a
    space must never reach it.
    """
    if len(line) > MAX_ORIGIN_LENGTH:
        return None
    if settings.EMBED_ALLOW_LOCAL_HTTP and (local := LOCAL_RE.fullmatch(line.lower())):
        return local.group(1)
    match = ORIGIN_RE.fullmatch(line.lower())
    if match is None or (match.group(2) and not 0 < int(match.group(2)[1:]) < 65536):
        return None
    return "https://" + match.group(1) + (match.group(2) or "")


def parse_origins(text: str) -> list[str]:
    """The origins of a stored field, one per line, normalised; lines that are not an origin are left out."""
    origins = []
    for line in (text or "").splitlines():
        origin = _origin(line.strip())
        if origin and origin not in origins:
            origins.append(origin)
    return origins


def validate_embed_origins(text: str) -> None:
    """Every non-empty line is an https origin (scheme and host, no path); at most MAX_ORIGINS."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    wrong = [line for line in lines if _origin(line) is None]
    if wrong:
        raise ValidationError(
            _("Not a website address of the form https://www.example.dk (https, no path): %(lines)s"),
            code="invalid_origin",
            params={"lines": ", ".join(line[:80] for line in wrong[:5])},
        )
    if len(lines) > MAX_ORIGINS:
        raise ValidationError(_("At most %(max)d websites."), code="too_many_origins", params={"max": MAX_ORIGINS})


# Origins by (page version, list), kept in the process; a bump makes old entries unreachable.
_memo: OrderedDict[tuple, list[str]] = OrderedDict()
MEMO_ENTRIES = 500


def _remembered(key: str, read) -> list[str]:
    current = pagecache.version()
    if current is None:  # the shared cache is away: nothing may be kept
        return read()
    memo_key = (current, key)
    if memo_key not in _memo:
        _memo[memo_key] = read()
        while len(_memo) > MEMO_ENTRIES:
            _memo.popitem(last=False)
    return _memo[memo_key]


def network_origins(slug: str) -> list[str]:
    """The websites that may embed a network's list: its organiser's."""
    from .models import Organiser

    def read():
        texts = Organiser.objects.filter(networks__slug=slug).values_list("embed_origins", flat=True)
        return parse_origins("\n".join(texts))

    return _remembered(f"network:{slug}", read)


def all_meetings_origins() -> list[str]:
    """The websites that may embed the list of all meetings: every organiser's and the site's own."""
    from .models import Organiser

    def read():
        texts = Organiser.objects.exclude(embed_origins="").values_list("embed_origins", flat=True)
        return parse_origins("\n".join([*texts, *settings.EMBED_ORIGINS]))

    return _remembered("all", read)


def snippet(path: str, *, title: str) -> str:
    """The ``<iframe>`` code another website pastes in to show the list at ``path``."""
    return format_html(
        '<iframe src="{}" title="{}" width="100%" height="600" loading="lazy"></iframe>',
        settings.SITE_URL + path,
        title,
    )


def network_snippet(network) -> str:
    return snippet(
        reverse("public:embed_network", kwargs={"slug": network.slug}),
        title=_("Coming meetings in %(network)s") % {"network": network.name},
    )


def all_meetings_snippet() -> str:
    return snippet(reverse("public:embed_meetings"), title=_("Coming meetings"))


def snippet_box(code: str, *, origins: list[str]) -> str:
    """The admin's read-only field: the code in a box to copy, and who may show it."""
    if origins:
        allowed = _("Websites allowed to show it: %(origins)s") % {"origins": ", ".join(origins)}
    else:
        allowed = _(
            "No website may show it yet: add the websites' addresses to the organiser "
            "(websites that may embed the meeting lists)."
        )
    return format_html(
        '<textarea class="vLargeTextField embed-snippet" rows="3" readonly aria-label="{}">{}</textarea>'
        '<div class="help">{}</div>',
        _("Code to paste into the other website"),
        escape(code),  # the code as text, not a frame in the admin
        allowed,
    )
