"""No server error on any input: every URL pattern of the URLconf gets random and hostile values.

The URL list comes from the URLconf itself (``walking.url_patterns``), so a new
pattern is walked without being added here. The demo data is loaded once for
the module and crawled (``walking.crawl``) to learn, per pattern, a real
address, the query parameters that links, forms and the view itself use, and
the POST forms that point to it. Then each pattern gets values outside the
calendar, non-numeric and huge numbers, NUL bytes, 10,000-character strings,
invalid UTF-8 and random unicode in its query parameters (and in random extra
ones) and in its path parameters; every public form gets them as POST values.
Staff and admin pages are walked as the demo's superuser, the others also
anonymously and as a member. The answer may be 200 with a message, a redirect,
400, 403, 404, 405, 410 or 429, never a server error (the test client raises
the exception of a 500).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netvaerk.tests.walking import Walk, crawl, fill, url_patterns

# One xdist worker runs the whole module (`--dist loadgroup`, Makefile): the walk below (the demo data and a
# crawl of ~700 pages, 36-90 s) is then done once per run, not once on each worker.
pytestmark = pytest.mark.xdist_group("bad_input")

PATTERNS = url_patterns()

# Values outside the calendar and the integer types, hostile and odd text: every known parameter at once
# gets each of these, and each parameter that the project's own code parses gets the calendar edges alone.
EDGES = ["9999-12-31", "0001-01-01", "9999", "\x00", "x" * 10_000, "9" * 25]
CALENDAR_EDGES = ["9999-12-31", "0001-01-01", "9999-12", "9999"]
PATH_EDGES = ["\x00", "9" * 25, "x" * 10_000, "9999-12-31", b"\xff\xfe"]
DATE_LOOKUPS = ("__year", "__month", "__day", "__gte", "__gt", "__lte", "__lt", "__date", "__range")
MORE_EDGES = [
    "10000-01-01",
    "2026-02-30",
    "0001-01",
    "2026-13",
    "10000",
    "-1",
    "²",
    "",
    " ",
    "0",
    "1",
    "0000-00-00",
    "2026-00-10",
    "31.12.9999",
    "9999-12-31T23:59:59",
    "2026-02-30T25:61",
    "2147483648",
    "9223372036854775808",
    "-9223372036854775809",
    "9" * 5000,
    "1e309",
    "NaN",
    "١٢٣",
    "a\x00b",
    "%00",
    "%",
    "'\"<script>alert(1)</script>",
    "../../etc/passwd",
    "a/b",
    "æøå ÆØÅ",
    "😀",
    "\u202e\u200b\ufeff",
    "true",
    "None",
    "[]",
    "__class__",
]
GENERIC_NAMES = ["q", "o", "p", "side", "page", "id", "pk", "next", "lang", "all", "e", "_popup", "_to_field"]
STAFF_PREFIXES = ("admin/", "personale/")
HEALTH = "health"  # the URL name of the health check

unicode_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=30)
calendar = st.one_of(
    st.dates().map(dt.date.isoformat),
    st.tuples(st.integers(-1, 10_001), st.integers(-1, 14)).map(lambda ym: f"{ym[0]:04d}-{ym[1]:02d}"),
    st.tuples(st.integers(0, 10_001), st.integers(0, 13), st.integers(0, 32)).map(
        lambda ymd: f"{ymd[0]:04d}-{ymd[1]:02d}-{ymd[2]:02d}"
    ),
    st.integers(-1, 10_001).map(str),
)
numbers = st.one_of(st.integers(-(2**70), 2**70).map(str), st.floats().map(str))
values = st.one_of(
    st.sampled_from(EDGES + MORE_EDGES),
    calendar,
    numbers,
    unicode_text,
    st.binary(min_size=1, max_size=6),  # odd encodings: invalid UTF-8, Latin-1
)


def _encode(value) -> str:
    return quote(value if isinstance(value, bytes) else value.encode(), safe="")


def _query(pairs) -> str:
    return "&".join(f"{_encode(name)}={_encode(value)}" for name, value in pairs)


@pytest.fixture(scope="module")
def walk(django_db_setup, django_db_blocker, demo_loader):
    """The demo data, loaded once for the module (rolled back after it), and the crawl of it."""
    from content.models import BlogPost, Offer
    from craft.services import evaluation_token
    from meetings.models import Meeting
    from members.models import Material, Minutes, User
    from netvaerk.models import Network
    from registration.enums import RegistrationStatus
    from registration.models import Registration

    # The same data as conftest's `demo` fixture, loaded once: the tests of this module only read it
    # (what they write is rolled back after each test, and all of it after the module).
    with django_db_blocker.unblock(), translation.override("da"), transaction.atomic():
        try:
            loaded = demo_loader()
            member = User.objects.get(email=loaded.member_email)
            users = {"anonymous": None, "superuser": User.objects.get(email=loaded.admin_email), "member": member}
            now = timezone.now()
            confirmed = Registration.objects.filter(status=RegistrationStatus.CONFIRMED)
            upcoming = confirmed.filter(meeting__starts_at__gt=now).first()
            past = (
                confirmed.filter(meeting__starts_at__lt=now, evaluations__isnull=True)
                .order_by("-meeting__starts_at")
                .first()
            )
            evaluation = evaluation_token(registration=past)
            # The entry pages of each client; the personal and evaluation links come by email.
            starts = {
                "anonymous": ["/", "/netvaerk/", "/moeder/", "/moeder/?when=past", "/blog/", "/tilbud/"]
                + ["/konto/login/", "/konto/signup/", "/konto/password/reset/", "/privatliv/", "/robots.txt"]
                + [f"/tilmelding/{upcoming.token}/", f"/evaluering/{evaluation}/"],
                "member": ["/mine-sider/", "/netvaerk/"],
                "superuser": ["/admin/", "/personale/", "/personale/kadence/", "/personale/fremmoede/"]
                + ["/personale/netvaerk/tilmeldinger/", "/admin/outbox/outgoingemail/previews/", "/mine-sider/"]
                + ["/konto/2fa/", "/konto/email/", "/netvaerk/", "/moeder/", "/blog/", "/tilbud/"],
            }
            # Path parameters of the patterns no page links to; the member's network first.
            networks = list(Network.objects.filter(memberships__user=member).values_list("slug", flat=True))
            networks += [slug for slug in Network.objects.values_list("slug", flat=True) if slug not in networks]
            meetings = Meeting.objects.filter(starts_at__lt=now).order_by("-starts_at")
            codes = list(meetings.filter(network__slug=networks[0]).values_list("code", flat=True)[:3])
            candidates = {
                "slug": networks[:4]
                + list(Offer.objects.values_list("slug", flat=True)[:1])
                + list(BlogPost.objects.values_list("slug", flat=True)[:1]),
                "code": codes + list(meetings.values_list("code", flat=True)[:2]),
                "token": [upcoming.token, evaluation],
                "fmt": ["csv", "xlsx", "pdf"],
                "pk": [str(pk) for pk in Material.objects.values_list("pk", flat=True)[:1]]
                + [str(pk) for pk in Minutes.objects.exclude(file="").values_list("pk", flat=True)[:1]]
                + ["1"],
            }
            yield crawl(starts=starts, users=users, candidates=candidates)
        finally:
            transaction.set_rollback(True)


def _assert_no_server_error(response, route, who, what):
    # /health/ answers 500 when a service (Celery, Redis) is away: a report about the services, not an error.
    if route != reverse(HEALTH).lstrip("/"):
        assert response.status_code < 500, (route, who, what[:300], response.status_code)


def _admin_object_page(route: str) -> bool:
    # The add, change, delete and history pages of ~40 models: one code path in Django's admin.
    return route.startswith("admin/") and ("object_id" in route or "(" in route or route.endswith("/add/"))


def _sweep(route: str, names: list[str]) -> list[list[tuple[str, str]]]:
    """Every known parameter at once at each edge; then one by one the calendar edges to each parameter
    that this project's views parse and to the admin's date filters (the admin reads its own q, o, p and
    _popup alike on every page; they get the first sweep and the random values)."""
    if not names:
        return []
    sweep = [[(name, value) for name in names] for value in EDGES]
    if _admin_object_page(route):
        sweep = sweep[:1]
    for name in names:
        if name.startswith("_") or route.startswith("admin/") and not name.endswith(DATE_LOOKUPS):
            continue
        sweep += [[(name, value)] for value in CALENDAR_EDGES]
    return sweep


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.route for p in PATTERNS])
def test_url_pattern_answers_hostile_query_and_path_without_server_error(walk, pattern):
    target = walk.targets[pattern.route]
    assert target.path is not None, f"the walk found no address for {pattern.route}"
    names = sorted(target.query_names)
    who_may = ["superuser"] if pattern.route.startswith(STAFF_PREFIXES) else ["anonymous", "superuser", "member"]
    clients = {who: walk.client(who) for who in who_may}
    first = target.who if target.who in clients else who_may[0]
    # A fixed number of examples, so a run does the same on any machine; fewer for the admin's object pages
    # and for the health check (it gives Celery two seconds to answer).
    sweep = _sweep(pattern.route, names)
    examples = 10
    if _admin_object_page(pattern.route) or pattern.name == HEALTH:
        examples = 3
    if pattern.name == HEALTH:
        sweep = sweep[:2]

    def get(who, path, pairs):
        query = _query(pairs)
        response = clients[who].get(f"{path}?{query}" if query else path)
        _assert_no_server_error(response, pattern.route, who, f"{path}?{query}")

    for pairs_ in sweep:
        get(first, target.path, pairs_)
    # Each path parameter at the edges its converter lets through (NUL, 10,000 characters, a huge number).
    for key in sorted(target.values or {}):
        for value in PATH_EDGES[:1] if _admin_object_page(pattern.route) else PATH_EDGES:
            where = fill(pattern, {**target.values, key: value})
            if where is not None:
                get(first, where, [])

    name = st.one_of(st.sampled_from(names or GENERIC_NAMES), st.sampled_from(GENERIC_NAMES), unicode_text)

    def value_for(query_name):
        seen = sorted(target.query_values.get(query_name, ()))
        return st.one_of(st.sampled_from(seen), values) if seen else values

    @st.composite
    def pairs(draw):
        chosen = [n for n in names if draw(st.booleans())]
        extra = draw(st.lists(name, max_size=2))
        return [(n, draw(value_for(n))) for n in chosen + extra]

    @st.composite
    def path(draw):
        if not target.values or draw(st.integers(0, 2)) > 0:
            return target.path
        key = draw(st.sampled_from(sorted(target.values)))
        regex = pattern.params.get(key, "[^/]+")
        replaced = draw(
            st.one_of(
                st.sampled_from(EDGES + MORE_EDGES).filter(lambda v: v and "/" not in v),
                st.from_regex(f"(?:{regex})", fullmatch=True).filter(bool),
            )
        )
        return fill(pattern, {**target.values, key: replaced}) or target.path

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(who=st.sampled_from(who_may), where=path(), query=pairs())
    def random_values(who, where, query):
        get(who, where, query)

    random_values()


# --- POST: every form the walk found, with hostile values ---------------------------------------------------

# Forms that end the session, delete the account or change credentials: they take no free input worth fuzzing
# and would leave the walk's users logged out or gone.
NOT_POSTED = (
    "admin:",
    "account_logout",
    "account_email",
    "account_change_password",
    "account_set_password",
    "account_reauthenticate",
    "mfa_",
    "members:account_delete",
    "members:leave",
    "registration:cancel",
)


def _posted_forms(walk: Walk, *, everything: bool = False):
    """The POST forms of the site's own pages; without ``everything``, not those in NOT_POSTED."""
    forms = []
    for target in walk.targets.values():
        name = target.pattern.name
        if name.startswith("admin:") or not everything and name.startswith(NOT_POSTED):
            continue
        seen = set()
        for who, path, form in target.forms:
            key = (who, path, tuple(sorted({n for n, _v in form.fields})))
            if key not in seen:
                seen.add(key)
                forms.append((target.pattern.route, who, path, form))
    return forms


@pytest.mark.django_db
def test_public_and_members_forms_answer_hostile_posts_without_server_error(walk):
    forms = _posted_forms(walk)
    routes = {route for route, _who, _path, _form in forms}
    # The public forms the issue names are among them (sign-up, comment, offer request, personal link,
    # evaluation, login), found by the walk rather than listed here.
    for expected in [
        "moeder/<str:code>/",
        "blog/<slug:slug>/",
        "tilbud/<slug:slug>/forespoergsel/",
        "tilmelding/<str:token>/",
        "evaluering/<str:token>/",
        "konto/login/",
        "konto/signup/",
        "mine-sider/profil/",
    ]:
        assert expected in routes, f"the walk found no form posting to {expected}"

    @st.composite
    def post(draw, form):
        offered: dict[str, list[str]] = {}
        for field_name, value in form.fields:
            offered.setdefault(field_name, []).append(value)
        data = []
        for field_name, options in offered.items():
            if field_name == "csrfmiddlewaretoken":
                continue
            choice = draw(st.integers(0, 9))
            if choice < 4:
                data.append((field_name, draw(st.sampled_from(options))))
            elif choice < 9:
                data.append((field_name, draw(values)))
        data += draw(st.lists(st.tuples(st.one_of(st.sampled_from(GENERIC_NAMES), unicode_text), values), max_size=2))
        return data

    clients = {who: walk.client(who) for who in walk.users}

    @settings(max_examples=12, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    @given(st.data())
    def random_posts(data):
        for route, who, path, form in forms:
            body = _query(data.draw(post(form), label=route))
            cache.clear()  # rate limits start afresh, so every post reaches its form
            client = clients[who] if who != "anonymous" else Client()  # a sign-up logs its client in
            response = client.post(path, body, content_type="application/x-www-form-urlencoded")
            _assert_no_server_error(response, route, who, body)

    random_posts()


# --- Long values: bounded fields, bounded echoes -------------------------------------------------------------

FREE_TEXT = ("text", "textarea", "email", "url", "tel", "search")


def _free_text_fields(walk: Walk):
    """(route, who, path, form, field name, maxlength) of every free-text field of the site's own forms."""
    found = []
    for route, who, path, form in _posted_forms(walk, everything=True):
        for name, kind in form.kinds.items():
            if kind in FREE_TEXT:
                found.append((route, who, path, form, name, form.maxlength.get(name)))
    return found


@pytest.mark.django_db
def test_every_free_text_field_of_public_and_members_forms_has_a_max_length(walk):
    fields = _free_text_fields(walk)
    assert len({route for route, *_rest in fields}) >= 10
    unbounded = sorted({(route, name) for route, _who, _path, _form, name, limit in fields if not limit})
    assert not unbounded, f"free-text fields without maxlength: {unbounded}"


@pytest.mark.django_db
def test_a_refused_long_value_is_echoed_only_up_to_its_field_length(walk):
    clients = {who: walk.client(who) for who in walk.users}
    for route, who, path, form, name, limit in _free_text_fields(walk):
        if not limit:
            continue
        data = {}
        for field_name, value in form.fields:
            data.setdefault(field_name, value)
        data[name] = "Q" * (limit + 5_000)
        cache.clear()
        client = clients[who] if who != "anonymous" else Client()
        response = client.post(path, data)
        _assert_no_server_error(response, route, who, name)
        echoed = "Q" * (limit + 1) in response.content.decode()
        assert not echoed, f"{route} echoes more of {name!r} than its {limit} characters"
