"""What a visitor typed, made safe to search for, and the words in it."""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 200
MAX_TERMS = 8
# Words of websearch syntax, not words to look for.
_OPERATORS = {"or", "and", "og", "eller"}
_WORD_RE = re.compile(r"\w+")


def clean_query(text: str) -> str:
    """The query without control, invisible or private-use characters (NUL among them), spaces collapsed."""
    kept = "".join(
        " " if unicodedata.category(char) in {"Cc", "Zl", "Zp"} else char
        for char in text
        if unicodedata.category(char) not in {"Cf", "Cs", "Co", "Cn"}
    )
    return " ".join(kept.split())


def query_terms(query: str) -> list[str]:
    """The words to look for, in lower case, once each: not excluded ones ("-word") nor "or"."""
    terms: list[str] = []
    for token in query.split():
        if token.startswith("-"):
            continue
        for word in _WORD_RE.findall(token.casefold()):
            if len(word) > 1 and word not in _OPERATORS and word not in terms:
                terms.append(word)
    return terms[:MAX_TERMS]


def excluded_terms(query: str) -> list[str]:
    """The words to leave out ("-word"), in lower case."""
    return [
        word
        for token in query.split()
        if token.startswith("-")
        for word in _WORD_RE.findall(token.casefold())
        if len(word) > 1
    ][:MAX_TERMS]
