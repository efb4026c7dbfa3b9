"""The door page on a phone in Chromium: a USB scanner's typed code + Enter, and the camera reading a real QR code.

The camera is Chromium's fake capture device playing a video of a badge's QR
code (``--use-file-for-fake-video-capture``), so the whole camera path runs:
getUserMedia, the BarcodeDetector (the vendored polyfill on zxing-wasm, as
Debian's Chromium has no native one), the scan endpoint and the green answer.
"""

import io

import pytest
from django.conf import settings as django_settings
from django.test import Client
from PIL import Image
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from meetings.tests.factories import MeetingFactory
from members.tests.factories import ConsultantFactory
from registration.checkin import qr_png
from registration.models import Registration
from registration.tests.factories import RegistrationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = (390, 844)


@pytest.fixture
def door(db):
    meeting = MeetingFactory(capacity=20)
    typed = RegistrationFactory(meeting=meeting, name="Anders And")
    filmed = RegistrationFactory(meeting=meeting, name="Bodil Bo")
    consultant = ConsultantFactory()
    meeting.network.working_group.add(consultant)
    return meeting, typed, filmed, consultant


def _y4m(code: str, path) -> None:
    """A few frames of 640x480 video (YUV 4:2:0) showing the QR code on white, as a badge held up."""
    qr = Image.open(io.BytesIO(qr_png(code=code, scale=9))).convert("L")
    frame = Image.new("L", (640, 480), 255)
    frame.paste(qr, ((640 - qr.width) // 2, (480 - qr.height) // 2))
    y = frame.tobytes()
    chroma = bytes([128]) * (320 * 240)
    with open(path, "wb") as out:
        out.write(b"YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n")
        for _ in range(10):
            out.write(b"FRAME\n" + y + chroma + chroma)


@pytest.fixture
def browser(live_server, settings, door, tmp_path):
    """The suite's headless Chromium, phone-sized, with a fake camera filming the second participant's QR code."""
    from netvaerk.tests.support import chromium

    video = tmp_path / "badge.y4m"
    _y4m(door[2].check_in_code, video)
    camera = (
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
    )
    with chromium(
        base_url=live_server.url, require=settings.REQUIRE_SERVICES, window=PHONE, arguments=camera
    ) as driver:
        # Headless Chromium keeps windows at least 500 px wide: the phone's viewport by emulation.
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": PHONE[0], "height": PHONE[1], "deviceScaleFactor": 3, "mobile": True},
        )
        yield driver


def _log_in(browser, user) -> None:
    client = Client()
    client.force_login(user)
    browser.get(browser.base_url + "/robots.txt")
    browser.add_cookie(
        {
            "name": django_settings.SESSION_COOKIE_NAME,
            "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
        }
    )


def _answer(browser, words: str) -> str:
    def shown(driver):
        text = driver.find_element("id", "checkin-result").text
        return text if words in text else False

    from selenium.common.exceptions import TimeoutException

    try:
        return WebDriverWait(browser, 40).until(shown)
    except TimeoutException:
        page = browser.find_element("id", "checkin-result").text, browser.current_url
        raise AssertionError(f"{words!r} not shown: {page} {browser.get_log('browser')}") from None


def test_door_scanner_on_a_phone_usb_scanner_and_camera(browser, axe, door):
    meeting, typed, filmed, consultant = door
    _log_in(browser, consultant)
    browser.get(f"{browser.base_url}/personale/moeder/{meeting.code}/tjek-ind/")
    assert browser.execute_script("return window.innerWidth") <= PHONE[0]
    assert axe() == []

    # A USB scanner types the code into the focused search field and presses Enter.
    search = browser.switch_to.active_element
    assert search.get_attribute("id") == "id_q"
    search.send_keys(typed.check_in_code + Keys.ENTER)
    assert "Anders And er tjekket ind." in _answer(browser, "tjekket ind.")
    result = browser.find_element("id", "checkin-result")
    assert "checkin-result--green" in result.get_attribute("class")
    assert Registration.objects.get(pk=typed.pk).attended
    browser.switch_to.active_element.send_keys(typed.check_in_code + Keys.ENTER)
    assert "allerede tjekket ind kl." in _answer(browser, "allerede")
    assert "checkin-result--amber" in result.get_attribute("class")

    # The camera: the fake device films Bodil's badge.
    browser.find_element("id", "checkin-camera-toggle").click()
    assert "Bodil Bo er tjekket ind." in _answer(browser, "Bodil Bo")
    scanner = browser.find_element("id", "checkin-scanner")
    assert scanner.get_attribute("data-detector") in ("polyfill", "native")
    assert scanner.get_attribute("data-camera") == "on"
    assert Registration.objects.get(pk=filmed.pk).attended
    assert axe() == []
