"""Small helpers of the tests: free ports, waiting for a condition, the test database's URL, CSP reports.

The real parts live beside it: the SMTP sink in smtp_sink.py, Redis and the Celery worker in redis_celery.py.
"""

from __future__ import annotations

import contextlib
import socket
import time
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parents[2]


def free_port() -> int:
    # aiosmtpd's Controller(port=0) may refuse connections; bind a socket to
    # find a free port and hand that number over explicitly.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, *, timeout: float = 30.0, interval: float = 0.05, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout}s waiting for {message}")


def database_url(settings_dict) -> str:
    """A DATABASE_URL for another process to use the same (test) database."""
    user = quote(settings_dict.get("USER") or "")
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{quote(password)}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"


def page_queries(client, url: str, params: dict | None = None) -> int:
    """The SQL queries of one GET of ``url`` (200), after a first GET has filled Django's own caches
    (content types, permissions' labels): what the page itself reads, to compare 1 row with 10."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, params or {})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def query_plan(queryset, *, disable=("seqscan",), analyze=()) -> str:
    """PostgreSQL's plan of a queryset (``QuerySet.explain``), with fresh statistics of the ``analyze``
    tables and the planner's ``enable_<method>`` switches in ``disable`` off for this one EXPLAIN.

    A test database holds a handful of rows, and a table that small is read whole whatever its indexes:
    turning the scan off asks which index the planner would take for a large one."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table in analyze:
            cursor.execute(f"ANALYZE {table}")
        for method in disable:
            cursor.execute(f"SET enable_{method} = off")
        try:
            return queryset.explain()
        finally:
            for method in disable:
                cursor.execute(f"RESET enable_{method}")


def csp_violations(driver) -> list[str]:
    """What the browser refused under the Content-Security-Policy since the last call (its console log)."""
    return [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]


WINDOW = (1280, 1000)


@contextlib.contextmanager
def chromium(*, base_url: str, require: bool, window: tuple[int, int] = WINDOW, arguments=()):
    """Debian's headless Chromium driven by Selenium; on leaving, fails on what the Content-Security-Policy refused.

    Skips (or, with ``require``, fails) when chromium and chromedriver are not installed.
    ``arguments`` are further command-line switches (a fake camera, say).
    """
    driver = chromium_driver(base_url=base_url, require=require, window=window, arguments=arguments)
    try:
        yield driver
        violations = csp_violations(driver)
    finally:
        driver.quit()
    assert not violations, "The Content-Security-Policy refused something:\n" + "\n".join(violations)


def chromium_driver(*, base_url: str, require: bool, window: tuple[int, int] = WINDOW, arguments=()):
    """A started headless Chromium (see chromium()); the caller quits it."""
    import shutil

    import pytest
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not binary or not driver_path:
        message = (
            "Debian's chromium and chromium-driver are not installed: run `make test` as root, "
            "or sudo apt-get install -y --no-install-recommends chromium chromium-driver"
        )
        if require:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--window-size={window[0]},{window[1]}",
        "--lang=da",
        *arguments,
    ):
        options.add_argument(argument)
    # The console, to catch what the Content-Security-Policy refused on any page the test opened.
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.implicitly_wait(2)
    driver.base_url = base_url
    return driver


def chromium_reset(driver, *, origin: str, window: tuple[int, int] = WINDOW) -> None:
    """Back to a freshly started browser for the next test: one blank window of the start size, no cookies,
    no cache, nothing stored for the origin, no emulation, downloads as by default, an implicit wait of 2 s."""
    first, *others = driver.window_handles
    for handle in others:
        driver.switch_to.window(handle)
        driver.close()
    driver.switch_to.window(first)
    driver.get("about:blank")
    for command, params in [
        ("Network.clearBrowserCookies", {}),
        ("Network.clearBrowserCache", {}),
        ("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"}),
        ("Emulation.clearDeviceMetricsOverride", {}),
        ("Emulation.setScriptExecutionDisabled", {"value": False}),
        ("Browser.setDownloadBehavior", {"behavior": "default"}),
    ]:
        driver.execute_cdp_cmd(command, params)
    driver.set_window_size(*window)
    driver.implicitly_wait(2)
    csp_violations(driver)  # the console log starts empty for the next test
