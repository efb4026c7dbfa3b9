"""Text that other programs run or follow: invisible characters, spreadsheet formulas, links.

Three rules, each in one function that every caller shares:

* ``strip_format_characters``: invisible format characters (Unicode category
  Cf: zero-width space and joiners, bidirectional overrides and isolates, the
  byte order mark, soft hyphen, tag characters) are removed from names,
  organisations, job titles and email addresses when they are saved (through
  ``netvaerk.fields``). They let one name pose as another, reverse what a
  reader sees, or hide a formula character from a check. Ordinary spaces stay.
* ``spreadsheet_safe``: text a spreadsheet would run as a formula gets a
  leading apostrophe, also when the formula character hides behind spaces or
  invisible characters. CSV and XLSX both use it.
* ``safe_link``: a link may only go to an ``https://`` address whose host is
  exactly what the text shows, or to a path on this site. Everything else
  (other schemes, backslashes, whitespace or invisible characters, user
  names before the host, numeric or percent-encoded hosts) is refused, so
  the caller shows it as text. Browsers parse links by the WHATWG URL
  standard, which reads a backslash as a slash and drops tabs and newlines
  anywhere; the tests hold this function against a WHATWG parser.
"""

from __future__ import annotations

import re
import unicodedata

# --- Invisible format characters ------------------------------------------------------------


def is_format_character(char: str) -> bool:
    return unicodedata.category(char) == "Cf"


def strip_format_characters(text: str) -> str:
    """The text without invisible format characters (category Cf); spaces and line breaks stay."""
    if text.isascii():  # the usual case, and ASCII has no format characters
        return text
    return "".join(char for char in text if unicodedata.category(char) != "Cf")


# --- Spreadsheet formulas -------------------------------------------------------------------

# A cell that starts with one of these runs as a formula (OWASP "CSV injection").
FORMULA_CHARACTERS = frozenset("=+-@")
# Tab and carriage return at the very start split or shift cells in some programs.
FORMULA_PREFIXES = ("\t", "\r")
# Characters that show nothing: a spreadsheet, or a person trimming the cell, may drop them.
_BLANK_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})
# Letters that render as blank space (Hangul fillers, braille blank).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _blank(char: str) -> bool:
    return char.isspace() or char in _BLANK_LETTERS or unicodedata.category(char) in _BLANK_CATEGORIES


def spreadsheet_safe(text: str) -> str:
    """Text that a spreadsheet would read as a formula, made inert with a leading apostrophe.

    The formula character counts also behind spaces, no-break spaces and
    invisible or bidirectional characters, and in its full-width or small
    forms (``＝``, ``﹢``), which some spreadsheets read as the ASCII ones.
    """
    if not text:
        return text
    first = text[0]
    if first.isascii() and first.isalnum():  # most cells: a letter or digit starts no formula
        return text
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    for char in text:
        if _blank(char):
            continue
        if char in FORMULA_CHARACTERS or unicodedata.normalize("NFKC", char) in FORMULA_CHARACTERS:
            return "'" + text
        break
    return text


# --- Links ----------------------------------------------------------------------------------

# A DNS name in ASCII whose last label is letters only, so no browser reads it as an IPv4
# address ("https://2130706433", "https://0x7f.1"); no user name, no trailing dot.
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HTTPS = re.compile(rf"https://((?:{_LABEL}\.)+[a-z]{{2,63}})(?::([0-9]{{1,5}}))?([/?#].*)?", re.IGNORECASE | re.DOTALL)
# Never in a link: a backslash is a slash to a browser; the rest ends or breaks an attribute.
_FORBIDDEN = frozenset('\\<>"`')


def _plain_characters(text: str) -> bool:
    """No backslash, quote or angle bracket, and nothing invisible: no control, format or space character."""
    return not any(char in _FORBIDDEN or unicodedata.category(char)[0] in "CZ" for char in text)


def _valid_host(host: str) -> bool:
    for label in host.split("."):
        if label[2:4] == "--":
            # "xn--" is punycode: it must decode, or browsers refuse the address.
            try:
                label.encode("ascii").decode("idna")
            except UnicodeError:
                return False
    return True


def safe_link(url: str) -> str | None:
    """The link if it may be followed, else None (the caller then shows the text as text).

    Allowed: ``https://<host>[:port][/path][?query][#fragment]`` with a plain
    ASCII host name, and paths on this site (``/moeder/``, ``#programme``).
    """
    url = (url or "").strip(" ")
    if not url or len(url) > 2000 or not _plain_characters(url):
        return None
    if url.startswith("/"):
        # "//host" is another host; "/\host" too, but backslashes are refused above.
        return url if not url.startswith("//") else None
    if url.startswith("#"):
        return url
    match = _HTTPS.fullmatch(url)
    if match is None or not _valid_host(match.group(1)):
        return None
    port = match.group(2)
    if port is not None and not 0 < int(port) <= 65535:
        return None
    return url
