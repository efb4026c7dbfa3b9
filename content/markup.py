"""A small, safe text format for blog posts, offers and comments.

Consultants write posts and offers in a Markdown-like plain text; members
and guests write comments in plain text. Nothing they type is ever passed
through as HTML: every piece of text is escaped, and the only tags in the
output are the ones this module writes itself. So there is no HTML to
sanitise and no allow-list to get wrong.

The format (documented for consultants in the admin's help text):

    ## Heading            ### Smaller heading
    - point               1. numbered point
    > quotation
    **bold**  *italic*    [link text](https://example.dk)
    [billede 1]           (on its own line: the post's uploaded image no. 1)

A blank line starts a new paragraph; a single line break stays a line break.
Links may go to an ``https://`` address or a path on this site
(``netvaerk.text.safe_link``); anything else (``http:``, ``mailto:``,
``javascript:``, ``/\\host``, a user name before the host) is shown as
plain text. Bare ``https://`` addresses become links too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from netvaerk.text import safe_link

# The format in one sentence: the help text of every field written in it.
TEXT_FORMAT_HELP = _(
    "Plain text. A blank line starts a new paragraph. '## ' starts a heading, '- ' a bullet point, "
    "'1. ' a numbered point, '> ' a quotation. **bold**, *italic*, links as [text](https://…)."
)

_HEADING = re.compile(r"^(#{2,3})\s+(.+?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*[-*•–]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")
_QUOTE = re.compile(r"^\s*>\s?(.*)$")
_IMAGE = re.compile(r"^\s*\[(?:billede|image)\s+(\d{1,3})\]\s*$", re.IGNORECASE)
_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\(([^()\s]{1,2000})\)")
# A bare address ends before trailing punctuation, so "se https://x.dk." links x.dk; it is
# linked only if safe_link accepts all of it, else shown as typed.
_URL = re.compile(r"https?://[^\s<>\"'`\[\]]+[^\s<>\"'`\[\].,;:!?)]", re.IGNORECASE)
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")


@dataclass(frozen=True)
class Image:
    """An uploaded image that ``[billede N]`` can place."""

    url: str
    alt: str
    caption: str = ""
    width: int | None = None
    height: int | None = None


def _anchor(url: str, label_html: str, rel: str) -> str:
    rel_attr = f' rel="{rel}"' if rel else ""
    return f'<a href="{escape(url)}"{rel_attr}>{label_html}</a>'


def _emphasis(escaped: str) -> str:
    # Runs on escaped text: the asterisks are the only markup left in it.
    escaped = _BOLD.sub(r"<strong>\1</strong>", escaped)
    return _ITALIC.sub(r"<em>\1</em>", escaped)


def _autolink(text: str, *, rel: str, emphasis: bool) -> str:
    out: list[str] = []
    position = 0
    for match in _URL.finditer(text):
        before = escape(text[position : match.start()])
        out.append(_emphasis(before) if emphasis else before)
        url = match.group(0)
        out.append(_anchor(url, escape(url), rel) if safe_link(url) else escape(url))
        position = match.end()
    rest = escape(text[position:])
    out.append(_emphasis(rest) if emphasis else rest)
    return "".join(out)


def inline(text: str, *, rel: str = "", links: bool = True) -> str:
    """One line or paragraph of text as escaped HTML with emphasis and links."""
    out: list[str] = []
    position = 0
    if links:
        for match in _LINK.finditer(text):
            out.append(_autolink(text[position : match.start()], rel=rel, emphasis=True))
            label, url = match.group(1), safe_link(match.group(2))
            label_html = _emphasis(escape(label))
            out.append(_anchor(url, label_html, rel) if url else escape(match.group(0)))
            position = match.end()
    out.append(_autolink(text[position:], rel=rel, emphasis=True))
    return "".join(out)


def _figure(image: Image, alt: str | None = None) -> str:
    size = ""
    if image.width and image.height:
        size = f' width="{int(image.width)}" height="{int(image.height)}"'
    caption = f"<figcaption>{escape(image.caption)}</figcaption>" if image.caption else ""
    return (
        f'<figure class="content-figure"><img src="{escape(image.url)}" alt="{escape(alt or image.alt)}"'
        f'{size} loading="lazy">{caption}</figure>'
    )


def render(
    text: str,
    *,
    images: Sequence[Image] = (),
    rel: str = "",
    append_unused_images: bool = True,
    heading_offset: int = 0,
) -> SafeString:
    """The text format (see the module docstring) as safe HTML.

    ``images`` are numbered from 1 in the order given; images the text does
    not place are shown after it. ``heading_offset`` demotes headings (1 turns
    ``##`` into ``<h3>``) where the page around them already has an h2.
    """
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    html: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    list_tag = ""
    quote: list[str] = []
    used: set[int] = set()

    def flush_paragraph():
        if paragraph:
            html.append("<p>" + "<br>".join(inline(line.strip(), rel=rel) for line in paragraph) + "</p>")
            paragraph.clear()

    def flush_list():
        nonlocal list_tag
        if items:
            html.append(f"<{list_tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{list_tag}>")
            items.clear()
        list_tag = ""

    def flush_quote():
        if quote:
            html.append("<blockquote><p>" + "<br>".join(inline(q, rel=rel) for q in quote) + "</p></blockquote>")
            quote.clear()

    def flush_all():
        flush_paragraph()
        flush_list()
        flush_quote()

    for raw in lines:
        line = raw.rstrip()
        if not line.strip():
            flush_all()
            continue
        if match := _IMAGE.match(line):
            flush_all()
            number = int(match.group(1))
            if 1 <= number <= len(images):
                used.add(number)
                html.append(_figure(images[number - 1]))
            continue
        if match := _HEADING.match(line):
            flush_all()
            level = min(len(match.group(1)) + heading_offset, 6)
            html.append(f"<h{level}>{inline(match.group(2), rel=rel)}</h{level}>")
            continue
        bullet = _BULLET.match(line)
        numbered = None if bullet else _NUMBERED.match(line)
        if bullet or numbered:
            flush_paragraph()
            flush_quote()
            tag = "ul" if bullet else "ol"
            if list_tag and list_tag != tag:
                flush_list()
            list_tag = tag
            items.append(inline((bullet or numbered).group(1).strip(), rel=rel))
            continue
        if match := _QUOTE.match(line):
            flush_paragraph()
            flush_list()
            quote.append(match.group(1).strip())
            continue
        if items and raw[:1].isspace():
            # An indented line continues the list item above it.
            items[-1] += "<br>" + inline(line.strip(), rel=rel)
            continue
        flush_list()
        flush_quote()
        paragraph.append(line)
    flush_all()
    if append_unused_images:
        html.extend(_figure(image) for number, image in enumerate(images, start=1) if number not in used)
    return mark_safe("\n".join(html))


def render_comment(text: str) -> SafeString:
    """A visitor's comment: escaped text, paragraphs and line breaks, links search engines do not follow.

    No emphasis and no ``[text](url)`` links: what a visitor typed is shown as
    typed, only bare web addresses become (nofollow, ugc) links.
    """
    paragraphs = [p for p in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip()) if p.strip()]
    out = []
    for paragraph in paragraphs:
        lines = [_autolink(line.strip(), rel="nofollow ugc noopener", emphasis=False) for line in paragraph.split("\n")]
        out.append("<p>" + "<br>".join(lines) + "</p>")
    return mark_safe("\n".join(out))


def plain(text: str) -> str:
    """The text without its markup, for summaries, feeds, emails and meeting descriptions."""
    out: list[str] = []
    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if _IMAGE.match(line):
            continue
        if match := _HEADING.match(line):
            line = match.group(2)
        elif match := _BULLET.match(line):
            line = "• " + match.group(1).strip()
        elif match := _QUOTE.match(line):
            line = match.group(1).strip()
        line = _LINK.sub(r"\1", line)
        line = _BOLD.sub(r"\1", line)
        line = _ITALIC.sub(r"\1", line)
        out.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()


def first_paragraph(text: str, *, limit: int = 240) -> str:
    """The first paragraph of plain text, cut at a word before ``limit`` characters."""
    for block in re.split(r"\n\s*\n", plain(text)):
        block = " ".join(block.split())
        if block and not block.startswith("• "):
            if len(block) <= limit:
                return block
            cut = block[:limit].rsplit(" ", 1)[0].rstrip(".,;:–-")
            return cut + " …"
    return ""


def lines(text: str) -> list[str]:
    """Non-empty lines without bullet characters (for 'one point per line' fields)."""
    return [line.strip(" •-*\t") for line in (text or "").splitlines() if line.strip(" •-*\t")]
