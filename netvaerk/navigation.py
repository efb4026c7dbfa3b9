"""The staff pages' navigation, contributed by the apps that have staff pages.

The staff lists' menu, the admin front page's "Lists for staff" box and the
site header's "Lists" link show the pages apps register here in their
AppConfig.ready() (registration's lists, the export log, ...), each shown only
to those holding its permission; the core names none of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class StaffPage:
    url_name: str  # a URL name without arguments, e.g. "registration:staff_overview"
    label: str  # a lazy translation
    permission: str  # "app_label.codename"; the page still checks its own access
    order: int = 100
    admin_label: str = ""  # the longer label of the admin front page's box, if different


STAFF_PAGES: list[StaffPage] = []


def staff_page_register(url_name: str, *, label, permission: str, order: int = 100, admin_label="") -> None:
    if any(page.url_name == url_name for page in STAFF_PAGES):
        return
    STAFF_PAGES.append(
        StaffPage(url_name=url_name, label=label, permission=permission, order=order, admin_label=admin_label)
    )
    STAFF_PAGES.sort(key=lambda page: page.order)


@dataclass(frozen=True)
class StaffLink:
    url: str
    url_name: str
    label: str
    admin_label: str


def staff_links(user) -> list[StaffLink]:
    """The registered staff pages this user may open, in order."""
    if not getattr(user, "is_authenticated", False):
        return []
    return [
        StaffLink(
            url=reverse(page.url_name),
            url_name=page.url_name.rpartition(":")[2],
            label=page.label,
            admin_label=page.admin_label or page.label,
        )
        for page in STAFF_PAGES
        if user.has_perm(page.permission)
    ]
