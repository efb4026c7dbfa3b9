"""The embedded meeting list in Chromium: framed by an allowed origin, refused by any other, axe at 320 px.

Two more local origins are started next to the live server: small http.server
pages (other ports, so other origins) holding an ``<iframe>`` with the list,
as a municipality's website would. The organiser allows one of them
(``EMBED_ALLOW_LOCAL_HTTP`` lets a test origin be plain http on 127.0.0.1).
"""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from meetings.tests.factories import MeetingFactory
from netvaerk.tests.factories import NetworkFactory, OrganiserFactory
from netvaerk.tests.support import csp_violations
from registration.tests.factories import RegistrationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture
def other_site(tmp_path):
    """Start a page server on a free port of 127.0.0.1; returns a function (path -> base URL) that starts one."""
    servers = []

    def start(page_html: str) -> str:
        folder = tmp_path / f"site{len(servers)}"
        folder.mkdir()
        (folder / "index.html").write_text(page_html, encoding="utf-8")
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _host_page(src: str, width: int = 320) -> str:
    return (
        '<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Kommunens side</title></head>'
        f'<body><h1>Kommunens side</h1><iframe id="list" src="{src}" title="Kommende møder" '
        f'width="{width}" height="500"></iframe></body></html>'
    )


def _wait(browser, predicate, message):
    return WebDriverWait(browser, 15).until(lambda driver: predicate(driver), message)


@pytest.fixture
def listed(settings):
    settings.EMBED_ALLOW_LOCAL_HTTP = True
    network = NetworkFactory(name="Beboerdemokrati og frivillighed", organiser=OrganiserFactory())
    meeting = MeetingFactory(
        network=network,
        organiser=network.organiser,
        title="Frivillige i boligområderne: rekruttering, fastholdelse og anerkendelse af ildsjælene",
    )
    return network, meeting


def _allow(network, origin: str) -> None:
    network.organiser.embed_origins = origin
    network.organiser.save()  # the admin form validates; a test origin is plain http, allowed by the setting


def test_allowed_origin_shows_the_list_and_sign_up_opens_in_a_new_tab(browser, other_site, listed):
    network, meeting = listed
    src = f"{browser.base_url}/indlejr/netvaerk/{network.slug}/"
    allowed = other_site(_host_page(src))
    _allow(network, allowed)

    browser.get(allowed + "/")
    frame = browser.find_element(By.ID, "list")
    browser.switch_to.frame(frame)
    heading = _wait(browser, lambda d: d.find_elements(By.TAG_NAME, "h1"), "the list in the frame")[0]
    assert heading.text == f"Kommende møder i {network.name}"
    # 320 px wide: nothing runs off to the side.
    widths = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[1] == 320 and widths[0] <= widths[1], widths

    signup = browser.find_element(By.CSS_SELECTOR, "a.embed-signup")
    assert signup.get_attribute("target") == "_blank" and signup.get_attribute("rel") == "noopener"
    before = set(browser.window_handles)
    signup.click()
    _wait(browser, lambda d: len(d.window_handles) == len(before) + 1, "a new tab")
    browser.switch_to.window((set(browser.window_handles) - before).pop())
    _wait(browser, lambda d: d.find_elements(By.ID, "tilmelding"), "the meeting page with the sign-up form")
    assert browser.current_url == f"{browser.base_url}{meeting.get_absolute_url()}#tilmelding"
    assert meeting.title in browser.find_element(By.TAG_NAME, "h1").text

    assert csp_violations(browser) == []


def test_other_origins_and_other_pages_are_refused(browser, other_site, listed):
    network, meeting = listed
    list_src = f"{browser.base_url}/indlejr/netvaerk/{network.slug}/"
    allowed = other_site(_host_page(list_src))
    refused = other_site(_host_page(list_src))
    _allow(network, allowed)

    browser.get(refused + "/")
    refusals = _wait(browser, lambda d: csp_violations(d), "Chromium refusing the frame")
    assert any(f"frame-ancestors {allowed}" in message for message in refusals), refusals
    browser.switch_to.frame(browser.find_element(By.ID, "list"))
    assert network.name not in browser.find_element(By.TAG_NAME, "body").text
    browser.switch_to.default_content()

    # The allowed origin may frame only the embed page: the network's and the meeting's own pages stay refused.
    for path in (network.get_absolute_url(), meeting.get_absolute_url()):
        page = other_site(_host_page(browser.base_url + path))
        _allow(network, f"{allowed}\n{page}")
        browser.get(page + "/")
        refusals = _wait(browser, lambda d: csp_violations(d), f"Chromium refusing {path} in a frame")
        assert any("frame-ancestors 'none'" in message for message in refusals), refusals
        browser.switch_to.frame(browser.find_element(By.ID, "list"))
        assert meeting.title not in browser.find_element(By.TAG_NAME, "body").text
        browser.switch_to.default_content()


def test_embed_pages_are_accessible_at_320_px(browser, axe, listed):
    network, _meeting = listed
    MeetingFactory(title="Webinar om boligsocial data", network=None)
    full = MeetingFactory(title="Fyldt møde", network=network, organiser=network.organiser, capacity=1)
    RegistrationFactory(meeting=full)  # "Fuldt booket – venteliste"
    MeetingFactory(title="Næsten fyldt", network=network, organiser=network.organiser, capacity=2)  # "Få pladser"
    browser.set_window_size(320, 700)
    for path in ("/indlejr/moeder/", f"/indlejr/netvaerk/{network.slug}/"):
        browser.get(browser.base_url + path)
        assert browser.execute_script("return window.innerWidth") <= 320
        assert "Fuldt booket – venteliste" in browser.page_source and "Få pladser" in browser.page_source
        assert axe() == [], path
        widths = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], (path, widths)
