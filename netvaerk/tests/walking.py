"""Walk every URL pattern of the URLconf: the patterns, real addresses for them, and what they read.

``url_patterns()`` lists every pattern of the URLconf (its route spelled as
``ResolverMatch.route`` spells it), so a test parametrized by it covers a new
pattern without being told. ``crawl()`` follows the links and forms of the
site from a few entry pages, one fetch per pattern and client, and keeps per
pattern: a real address (so its path parameters), the query parameter names
and values that links and GET forms send to it, the names its view reads from
``request.GET`` (noted by a middleware installed only for the crawl), and the
POST forms that point to it. A pattern that no page links to gets its path
parameters from candidate values (the database's slugs, codes, ids, tokens).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, unquote, urljoin, urlsplit

from django.conf import settings
from django.http import QueryDict
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils.encoding import repercent_broken_unicode

# --- The URLconf ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    route: str
    name: str
    params: dict  # parameter name -> regex of its value; unnamed regex groups are "_0", "_1", ...

    def __str__(self):
        return self.route


def _join(route1: str, route2: str) -> str:
    # As django.urls.resolvers joins the routes of ResolverMatch.route.
    if not route1:
        return route2
    return route1 + route2.removeprefix("^")


def _groups(text: str) -> list[tuple[int, int, str | None, str]]:
    """(start, end, name or None, inner regex) of the top-level capturing groups of a regex."""
    found, depth, start, i = [], 0, 0, 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i += 1
            while i < len(text) and text[i] != "]":
                i += 2 if text[i] == "\\" else 1
        elif char == "(":
            if depth == 0:
                start = i
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                group = text[start : i + 1]
                named = re.match(r"\(\?P<(\w+)>", group)
                if named:
                    found.append((start, i + 1, named.group(1), group[named.end() : -1]))
                elif not group.startswith("(?"):
                    found.append((start, i + 1, None, group[1:-1]))
        i += 1
    return found


def url_patterns() -> list[Pattern]:
    """Every URL pattern of the URLconf, in resolution order."""
    found: list[Pattern] = []

    def walk(entries, route, namespace, params):
        for entry in entries:
            text = str(entry.pattern)
            own = {name: converter.regex for name, converter in getattr(entry.pattern, "converters", {}).items()}
            if not own and "(" in text:
                unnamed = 0
                for _start, _end, name, inner in _groups(text):
                    if name is None:
                        name, unnamed = f"_{unnamed}", unnamed + 1
                    own[name] = inner
            joined, merged = _join(route, text), {**params, **own}
            if isinstance(entry, URLResolver):
                ns = entry.namespace
                walk(entry.url_patterns, joined, f"{namespace}:{ns}" if namespace and ns else ns or namespace, merged)
            else:
                name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name or ""
                found.append(Pattern(joined, name, merged))

    walk(get_resolver().url_patterns, "", None, {})
    return found


def _template(pattern: Pattern) -> str:
    """The route with each parameter as \x01name\x02 and the rest literal."""
    route = pattern.route
    if "(" in route or "^" in route:
        parts, last, unnamed = [], 0, 0
        for start, end, name, _inner in _groups(route):
            if name is None:
                name, unnamed = f"_{unnamed}", unnamed + 1
            parts += [route[last:start], f"\x01{name}\x02"]
            last = end
        parts.append(route[last:])
        route = "".join(parts).replace("^", "").replace("$", "").replace("\\Z", "")
        route = re.sub(r"\\(.)", r"\1", route)
    return re.sub(r"<(?:\w+:)?(\w+)>", lambda m: f"\x01{m.group(1)}\x02", route)


def fill(pattern: Pattern, values: dict) -> str | None:
    """The percent-encoded path of the pattern for these parameter values (str or bytes), or None
    when the path would reach another pattern (or none)."""
    template = _template(pattern)

    def raw(value) -> bytes:
        return value if isinstance(value, bytes) else str(value).encode()

    quoted = "/" + re.sub("\x01(\\w+)\x02", lambda m: quote(raw(values.get(m.group(1), "")), safe=""), template)
    # What Django's request.path_info will be: invalid UTF-8 stays percent-encoded.
    decoded = "/" + re.sub(
        "\x01(\\w+)\x02",
        lambda m: repercent_broken_unicode(raw(values.get(m.group(1), ""))).decode(),
        template,
    )
    try:
        match = resolve(decoded)
    except Resolver404:
        return None
    return quoted if match.route == pattern.route else None


# --- What a view reads from the query string --------------------------------------------------------

READS: dict[str, set[str]] = defaultdict(set)


class _RecordingQueryDict(QueryDict):
    route = ""

    def _note(self, key):
        if isinstance(key, str):
            READS[self.route].add(key)

    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self._note(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self._note(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self._note(key)
        return super().getlist(key, default)


class RecordQueryReadsMiddleware:
    """Installed only during the crawl: request.GET notes every name the view asks for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        recording = _RecordingQueryDict(request.META.get("QUERY_STRING", ""), encoding=request.encoding)
        recording.route = request.resolver_match.route
        request.GET = recording


# --- Pages -----------------------------------------------------------------------------------------------


@dataclass
class Form:
    method: str
    action: str
    fields: list[tuple[str, str]] = field(default_factory=list)  # (name, a value the page offers)
    kinds: dict[str, str] = field(default_factory=dict)  # name -> input type
    maxlength: dict[str, int | None] = field(default_factory=dict)  # name -> its maxlength attribute


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {key: value or "" for key, value in attrs}
        form, name = self._form, a.get("name")
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
            return
        if tag == "form":
            self._form = Form(method=(a.get("method") or "get").lower(), action=a.get("action", ""))
            self.forms.append(self._form)
            return
        if form is None or not name and tag != "option":
            return
        if tag in ("input", "textarea"):
            form.maxlength.setdefault(name, int(a["maxlength"]) if a.get("maxlength", "").isdigit() else None)
        if tag in ("input", "button"):
            kind = "submit" if tag == "button" else (a.get("type") or "text").lower()
            if kind != "file":
                form.fields.append((name, a.get("value") or ("on" if kind in ("checkbox", "radio") else "")))
            form.kinds.setdefault(name, kind)
        elif tag == "select":
            self._select = name
            form.kinds.setdefault(name, "select")
        elif tag == "option" and self._select:
            form.fields.append((self._select, a.get("value", "")))
        elif tag == "textarea":
            form.fields.append((name, ""))
            form.kinds.setdefault(name, "textarea")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


# --- The crawl ---------------------------------------------------------------------------------------------


@dataclass
class Target:
    """What the walk learnt about one pattern."""

    pattern: Pattern
    values: dict | None = None  # path parameter values (strings) of a real address
    path: str | None = None
    status: int | None = None
    who: str | None = None  # the client that reached it
    query_names: set[str] = field(default_factory=set)
    query_values: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    forms: list[tuple[str, str, Form]] = field(default_factory=list)  # (who, path, form) of POST forms to it


@dataclass
class Walk:
    targets: dict[str, Target]
    users: dict[str, object]

    def client(self, who: str) -> Client:
        client = Client()
        if self.users.get(who) is not None:
            client.force_login(self.users[who])
        return client


@functools.cache
def _resolve(path: str):
    # Cached for one crawl (cleared at its start and end): its pages link the same paths thousands of times.
    try:
        return resolve(path)
    except Resolver404:
        return None


def _values_of(match) -> dict:
    """The path parameters of a resolved address as the strings that were in it."""
    values = {name: str(value) for name, value in match.captured_kwargs.items()}
    values.update({f"_{index}": str(value) for index, value in enumerate(match.args)})
    return values


def crawl(*, starts: dict[str, list[str]], users: dict[str, object], candidates: dict[str, list[str]]) -> Walk:
    """Follow the links and forms from each client's start pages; one fetch per pattern and client."""
    _resolve.cache_clear()
    targets = {pattern.route: Target(pattern=pattern) for pattern in url_patterns()}
    walk = Walk(targets=targets, users=users)
    READS.clear()
    with override_settings(MIDDLEWARE=[*settings.MIDDLEWARE, "netvaerk.tests.walking.RecordQueryReadsMiddleware"]):
        for who, urls in starts.items():
            _crawl_as(walk, who, urls)
        for target in targets.values():
            if target.path is None:
                _probe(walk, target, candidates)
    for route, names in READS.items():
        if route in targets:
            targets[route].query_names |= names
    for target in targets.values():
        # An admin changelist shows its date hierarchy's links only when rows have dates.
        model_admin = getattr(_resolve(unquote(target.path)).func, "model_admin", None) if target.path else None
        if model_admin is not None and model_admin.date_hierarchy and target.pattern.name.endswith("_changelist"):
            target.query_names |= {f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")}
    _resolve.cache_clear()
    return walk


def _crawl_as(walk: Walk, who: str, urls: list[str]) -> None:
    targets = walk.targets
    client = walk.client(who)
    queue, done = list(urls), set()
    while queue:
        url = queue.pop(0)
        parts = urlsplit(url)
        match = _resolve(parts.path)
        if match is None or match.route in done:
            continue
        done.add(match.route)
        target = targets[match.route]
        response = client.get(url)
        if target.path is None or _better(response.status_code, target.status):
            target.values, target.status, target.who = _values_of(match), response.status_code, who
            target.path = quote(parts.path, safe="/%")
        if response.status_code in (301, 302, 303):
            queue.append(urljoin(url, response["Location"]))
            continue
        if response.streaming or "html" not in response.get("Content-Type", ""):
            continue
        parser = _PageParser()
        parser.feed(response.content.decode("utf-8", "replace"))
        for href in parser.links:
            link = urljoin(url, href)
            split = urlsplit(link)
            linked = _resolve(split.path) if split.netloc in ("", "testserver") else None
            if linked is None:
                continue
            for name, value in parse_qsl(split.query, keep_blank_values=True):
                targets[linked.route].query_names.add(name)
                targets[linked.route].query_values[name].add(value)
            queue.append(link)
        for form in parser.forms:
            action = urljoin(url, form.action or url)
            split = urlsplit(action)
            linked = _resolve(split.path)
            if linked is None:
                continue
            if form.method == "get":
                for name, value in form.fields:
                    targets[linked.route].query_names.add(name)
                    targets[linked.route].query_values[name].add(value)
                queue.append(action)
            else:
                targets[linked.route].forms.append((who, split.path, form))
                queue.append(action)


def _probe(walk: Walk, target: Target, candidates: dict[str, list[str]], limit: int = 40) -> None:
    """Path parameters for a pattern no page links to: the first candidates that reach it best."""
    names = list(target.pattern.params)
    options = [candidates.get(name) or ["1"] for name in names]
    clients = {who: walk.client(who) for who in ("superuser", "anonymous")}
    for combination in itertools.islice(itertools.product(*options), limit):
        values = dict(zip(names, combination, strict=True))
        path = fill(target.pattern, values)
        if path is None:
            continue
        for who, client in clients.items():
            status = client.get(path).status_code
            if target.path is None or _better(status, target.status):
                target.values, target.path, target.status, target.who = values, path, status, who
            if status in (200, 405):
                return


def _better(status: int, than: int | None) -> bool:
    rank = {200: 0, 301: 1, 302: 1, 303: 1, 405: 2, 403: 3, 400: 4, 410: 4, 404: 5}
    return than is None or rank.get(status, 6) < rank.get(than, 6)
