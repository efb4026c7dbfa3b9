"""Snippets of a result with the words that matched marked.

Which words matched is decided here, in Python, the same way on every
database: a word of the text matches a word of the query when they share the
Danish stem ("mødet", "møder" for "møde"), when the query word is part of it
("beboerdemokratiet" for "demokrati"), or when it is the same word with a
typo ("bæredygtighed" for "bæredygtihed"). Every piece of text is escaped
before the ``<mark>`` tags are put around the matches: a title or text can
never bring its own HTML to the page.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_WORD_RE = re.compile(r"\w+")
_STEMMER = snowballstemmer.stemmer("danish")
# A query word of this length or more is also found inside a longer word and with a typo.
PART_MIN_LENGTH = 5
TYPO_RATIO = 0.8


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """The Danish stem of a word in lower case (Snowball, the algorithm PostgreSQL's "danish" uses)."""
    word = word.casefold()
    stemmed = _STEMMER.stemWord(word)
    return stemmed if len(stemmed) >= 3 else word


class Matcher:
    """Tells whether a word of a text matches one of the query's words."""

    def __init__(self, terms: list[str]):
        self.terms = [term.casefold() for term in terms]
        self.stems = [stem(term) for term in self.terms]
        self._seen: dict[str, bool] = {}

    def __bool__(self):
        return bool(self.terms)

    def matches(self, word: str) -> bool:
        word = word.casefold()
        if word not in self._seen:
            self._seen[word] = self._matches(word)
        return self._seen[word]

    def _matches(self, word: str) -> bool:
        word_stem = stem(word)
        for term, term_stem in zip(self.terms, self.stems, strict=True):
            if word == term or word_stem == term_stem or word.startswith(term_stem):
                return True
            if len(term) >= PART_MIN_LENGTH:
                if term in word:
                    return True
                if (
                    abs(len(word) - len(term)) <= 2
                    and word[0] == term[0]
                    and SequenceMatcher(None, word, term).ratio() >= TYPO_RATIO
                ):
                    return True
        return False


def highlight(text: str, matcher: Matcher) -> SafeString:
    """The text escaped, with each matching word in ``<mark>``."""
    out: list[str] = []
    position = 0
    for found in _WORD_RE.finditer(text):
        if matcher.matches(found.group()):
            out.append(escape(text[position : found.start()]))
            out.append(f"<mark>{escape(found.group())}</mark>")
            position = found.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def snippet(text: str, matcher: Matcher, *, length: int = 240) -> SafeString:
    """About ``length`` characters of the text around its first match (its start if none), highlighted."""
    text = " ".join(text.split())
    if len(text) <= length:
        return highlight(text, matcher)
    start = 0
    for found in _WORD_RE.finditer(text):
        if matcher.matches(found.group()):
            start = found.start()
            break
    # Some words of context before the match, cut at a space.
    begin = max(0, start - length // 4)
    if begin > 0:
        space = text.find(" ", begin)
        begin = space + 1 if 0 <= space < start else begin
    end = min(len(text), begin + length)
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > start else end
    piece = highlight(text[begin:end], matcher)
    return mark_safe(("… " if begin > 0 else "") + piece + (" …" if end < len(text) else ""))  # noqa: S308
