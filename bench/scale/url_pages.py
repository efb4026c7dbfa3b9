"""The staff, members' and public pages, found in the URL patterns; all pages (``collect_pages``)."""

from __future__ import annotations

import re

from bench.scale.admin_pages import admin_pages
from bench.scale.context import Context, Page


def _url_patterns():
    """(route, namespace, name) of every named URL pattern, following includes."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                ns = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield prefix + str(pattern.pattern), namespace, pattern.name

    yield from walk(get_resolver().url_patterns, "", "")


SKIPPED_PREFIXES = ("admin/", "konto/", "i18n/", "health/", "^")


def _section(route: str, namespace: str) -> str | None:
    if route.startswith(SKIPPED_PREFIXES):
        return None
    if route.startswith("personale/"):
        return "staff"
    if namespace in ("members", "craft") and "<token>" not in route and "<str:token>" not in route:
        return "members"
    return "public"


def _parameters(section: str, namespace: str, name: str, params: list[str], ctx: Context) -> list[dict]:
    """Values for a pattern's parameters (one dict per page); [] when the benchmark cannot fill them."""
    from craft.services import evaluation_token
    from registration.exports.lists import MEETING_EXPORTERS

    full = f"{namespace}:{name}"
    values: dict = {}
    for param in params:
        if param == "code":
            meeting = {
                "staff": ctx.staff_meeting,
                "public": ctx.public_meeting,
            }.get(section) or (ctx.evaluated_meeting if "evaluation" in name else ctx.past_group_meeting)
            if meeting is None:
                return []
            values["code"] = meeting.code
        elif param == "slug":
            if namespace == "content" and name.startswith("post_tag"):
                obj = ctx.blog_tag
            elif namespace == "content" and name.startswith(("post", "comment")):
                obj = ctx.blog_post
            elif namespace == "content" and name.startswith("offer"):
                obj = ctx.offer
            else:
                obj = ctx.network
            if obj is None:
                return []
            values["slug"] = obj.slug
        elif param == "token":
            if full == "craft:evaluation":
                if ctx.evaluation_registration is None:
                    return []
                values["token"] = evaluation_token(registration=ctx.evaluation_registration)
            elif ctx.registration is not None:
                values["token"] = ctx.registration.token
            else:
                return []
        elif param == "pk":
            obj = {
                "members:board_post_detail": ctx.board_post,
                "members:board_post_pin": ctx.board_post,
                "members:board_post_remove": ctx.board_post,
                "craft:idea_detail": ctx.idea,
                "craft:proposal_plan": ctx.proposal,
                "craft:proposal_decline": ctx.proposal,
            }.get(full)
            if obj is None:
                return []
            values["pk"] = obj.pk
        elif param in ("kind", "fmt"):
            continue
        else:
            return []
    if "kind" in params and "fmt" in params:
        # Every list of the meeting in every format it offers.
        return [
            {**values, "kind": kind, "fmt": fmt}
            for kind, exporter in MEETING_EXPORTERS.items()
            for fmt in exporter.formats
        ]
    if "fmt" in params:
        return [{**values, "fmt": fmt} for fmt in ("csv", "xlsx", "pdf")]
    return [values]


# The site search is opened with queries that take each of its paths: a common word, part of compounds
# (trigrams), a typo, several words, a word that matches nothing, and the second page of many results.
SEARCH_QUERIES = [
    ("q=beboerdemokrati", "a word"),
    ("q=demokrati", "part of compounds"),
    ("q=beboerdemokarti", "a typo"),
    ("q=trivsel+i+afdelingsbestyrelsen", "three words"),
    ("q=flodhest", "no match"),
    ("q=m%C3%B8de&side=2", "many matches, page 2"),
]


# Query strings a page is also opened with: the network export for this year (the form's default) and for
# all years; the search with its queries.
def _variants(full_name: str) -> list[tuple[str, str]]:
    if full_name == "search:search":
        return [("", "")] + [(f"?{query}", label) for query, label in SEARCH_QUERIES]
    if full_name != "registration:staff_network_export":
        return [("", "")]
    from django.utils import timezone

    today = timezone.localdate()
    return [
        (f"?fra={today.year}-01-01&til={today.year}-12-31", "this year"),
        (f"?fra={today.year - 10}-01-01&til={today.year + 1}-12-31", "all years"),
    ]


def url_pages(ctx: Context) -> list[Page]:
    from django.urls import reverse

    pages = []
    for route, namespace, name in _url_patterns():
        section = _section(route, namespace)
        if section is None:
            continue
        params = [part.split(":")[-1] for part in re.findall(r"<([^>]+)>", route)]
        full = f"{namespace}:{name}" if namespace else name
        choices = _parameters(section, namespace, name, params, ctx)
        if not choices:
            ctx.not_found.append(f"/{route}: no value for {', '.join(params)}")
            continue
        who = {"staff": "secretariat", "public": "anonymous"}.get(section) or (
            "member" if route.startswith("mine-sider/") else "coordinator"
        )
        for kwargs in choices:
            url = reverse(full, kwargs=kwargs)
            label = "/" + route
            for param in params:
                label = re.sub(rf"<(\w+:)?{param}>", kwargs[param] if param in ("kind", "fmt") else f"<{param}>", label)
            for query, variant in _variants(full):
                optional = "fmt" in params and "kind" not in params
                pages.append(Page(section, label + (f" ({variant})" if variant else ""), url + query, who, optional))
    return pages


def collect_pages(ctx: Context) -> list[Page]:
    return admin_pages(ctx) + url_pages(ctx)
