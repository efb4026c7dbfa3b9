"""Fixtures shared by every app's tests."""

import contextlib
import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate-limit counters, cached pages and a remembered Redis outage must not leak between tests.
    from netvaerk.outage import outages

    for outage in outages():
        outage.reset()
    cache.clear()
    yield
    cache.clear()
    for outage in outages():
        outage.reset()


@pytest.fixture(autouse=True)
def _nothing_gathered_for_after_commit():
    # A test's transaction is rolled back, so what it gathered for after the
    # commit would otherwise go with a later test's commit.
    from netvaerk.aftercommit import AfterCommit

    AfterCommit.discard_all()
    yield
    AfterCommit.discard_all()


@pytest.fixture(autouse=True)
def _danish(settings):
    from django.utils import translation

    translation.activate("da")
    yield
    translation.deactivate()


# --- Users and clients -------------------------------------------------------


@pytest.fixture
def one_rate_limit_window():
    """For a test that sends a few requests against a per-minute limit: django-ratelimit counts in windows
    of a minute (each key's window edge jittered by a hash of the key), so two requests a second apart can
    fall in two windows and a limit of two is never reached. The clock stands still during the test (a
    test that needs time to pass travels on by itself)."""
    with time_machine.travel(dt.datetime.now(tz=dt.UTC), tick=False):
        yield


@pytest.fixture
def consultant(db):
    from members.tests.factories import ConsultantFactory

    return ConsultantFactory(first_name="Nils", last_name="Thylander")


@pytest.fixture
def consultant_client(client, consultant):
    """A logged-in consultant: staff in the group "Konsulent", not a superuser."""
    client.force_login(consultant)
    return client


@pytest.fixture
def consultant_plans_all_networks(consultant):
    """For tests of the planning work itself, not of who may do it (netvaerk/tests/test_access_walk.py):
    the consultant fixture is in the working group of every network the test creates."""
    from django.db.models.signals import post_save

    from netvaerk.models import Network

    def join(sender, instance, created, **kwargs):
        if created:
            instance.working_group.add(consultant)

    post_save.connect(join, sender=Network, dispatch_uid="test-consultant-plans-all-networks")
    yield consultant
    post_save.disconnect(sender=Network, dispatch_uid="test-consultant-plans-all-networks")


@pytest.fixture
def staff_client(client, db):
    from members.tests.factories import StaffUserFactory

    client.force_login(StaffUserFactory())
    return client


@pytest.fixture
def demo(db):
    """The Danish demo data (the seed meeting 21-374 and its networks); the logins are on the result."""
    from demo.load import load_demo

    return load_demo()


@pytest.fixture(scope="session")
def demo_loader():
    """The demo's load_demo, for fixtures that load it once for a module (apps never import the demo)."""
    from demo.load import load_demo

    return load_demo


# --- Real services (PostgreSQL, Redis) --------------------------------------
#
# Locally a test that needs a service skips when the service is missing; in CI
# (REQUIRE_SERVICES=1) a missing service is a failure, so a broken CI set-up
# can never turn into a green run of skipped tests.


def _service_missing(name: str) -> str | None:
    """Why the service is unavailable, or None when it answers."""
    if name == "postgresql":
        engine = settings.DATABASES["default"]["ENGINE"]
        if engine != "django.db.backends.postgresql":
            return f"the database is {engine}, not PostgreSQL (set DATABASE_URL=postgres://...)"
        return None
    if name == "redis":
        url = settings.REDIS_URL
        if not url:
            return "REDIS_URL is not set"
        import redis

        try:
            redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping()
        except redis.RedisError as error:
            return f"Redis at {url} does not answer: {error}"
        return None
    raise ValueError(f"unknown service {name!r}")


def require_services(*names: str) -> None:
    """Skip the calling test when a service is missing; fail instead under REQUIRE_SERVICES=1."""
    problems = [problem for name in names if (problem := _service_missing(name))]
    if not problems:
        return
    message = "; ".join(problems)
    if settings.REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 but {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(name="require_services")
def require_services_fixture():
    """The require_services helper, for tests that decide at run time which service they need."""
    return require_services


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item):
    # @pytest.mark.services("postgresql", "redis") checks those services as the
    # test starts, so a missing service is reported as a skip or a failure of
    # the test itself (not an error in a fixture).
    marker = item.get_closest_marker("services")
    if marker is not None and marker.args:
        require_services(*marker.args)


# --- Headless Chromium ---------------------------------------------------------

ARTIFACTS = settings.BASE_DIR / "test-artifacts"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed and "browser" in item.fixturenames:
        driver = item.funcargs.get("browser")
        if driver is not None:
            ARTIFACTS.mkdir(exist_ok=True)
            path = ARTIFACTS / f"{item.name}.png"
            try:
                driver.save_screenshot(str(path))
                report.sections.append(("screenshot", str(path)))
            except Exception:  # noqa: BLE001 - a failed screenshot must not hide the failure
                pass
    return report


@pytest.fixture(scope="session")
def _chromium_of_this_process():
    """The one Chromium the browser fixture hands to each test of this process (started on first use)."""
    running = []
    yield running
    for driver in running:
        driver.quit()


@pytest.fixture
def browser(live_server, settings, _chromium_of_this_process):
    """Debian's headless Chromium driven by Selenium against the live server; fails the test on what the
    Content-Security-Policy refused.

    One Chromium per test process (starting and quitting one per test cost 1.5-3 s each, 60 tests): after
    each test it is reset to a fresh browser's state (one blank window of the start size, no cookies, cache
    or stored data, no emulation, default downloads); when that fails it is quit and the next test starts a
    new one. The live server, and so the origin, is the same for the whole session.
    """
    from netvaerk.tests.support import chromium_driver, chromium_reset, csp_violations

    running = _chromium_of_this_process
    if not running:
        running.append(chromium_driver(base_url=live_server.url, require=settings.REQUIRE_SERVICES))
    driver = running[0]
    yield driver
    violations = []
    try:
        violations = csp_violations(driver)
        chromium_reset(driver, origin=live_server.url)
    except Exception:  # noqa: BLE001 - a browser that cannot be reset is replaced, never reused
        running.remove(driver)
        with contextlib.suppress(Exception):
            driver.quit()
    assert not violations, "The Content-Security-Policy refused something:\n" + "\n".join(violations)


@pytest.fixture
def downloads(browser, tmp_path):
    """A fresh folder where the browser saves downloaded files (the browser fixture itself is unchanged)."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})
    return folder


AXE = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def axe(browser, settings):
    """Run axe-core (WCAG 2.0/2.1 A and AA) on the current page; returns the violations."""
    if not AXE.exists():
        message = (
            "axe-core is not installed: run `make test` (npm ci; as root it installs Debian's nodejs and npm "
            "when they are missing)"
        )
        if settings.REQUIRE_SERVICES:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    source = AXE.read_text()

    def run():
        browser.execute_script(source)
        result = browser.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
            ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
            " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))));"
        )
        return result

    return run
