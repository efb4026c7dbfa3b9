"""Links that apps above add to My pages' navigation (members does not import them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MyPagesLink:
    section: str  # the ``section`` a page passes to mark the link as the current one
    label: str
    url_name: str


MY_PAGES_LINKS: list[MyPagesLink] = []


def my_pages_link_register(*, section: str, label, url_name: str) -> None:
    if all(link.section != section for link in MY_PAGES_LINKS):
        MY_PAGES_LINKS.append(MyPagesLink(section=section, label=label, url_name=url_name))
