"""Links that people type go only where they show: checked with a WHATWG URL parser, as browsers read them.

Every ``href`` the portal writes from typed text must resolve, against the
site's own address, either to the site itself or to an ``https:`` URL whose
host is exactly the host written after ``https://`` in the address. Everything
else must stay text. ``ada_url`` is a binding of ada, a WHATWG-compliant URL
parser (backslash is a slash, tabs and newlines vanish, hosts are
percent-decoded and IDNA-mapped, numbers are IPv4 addresses).
"""

import io
from html.parser import HTMLParser

import ada_url
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from pypdf import PdfReader

from content import markup
from content.tests.factories import OfferFactory
from netvaerk.text import safe_link

PAGE = settings.SITE_URL + "/blog/et-indlaeg/"
SITE_ORIGIN = ada_url.URL(settings.SITE_URL).origin

# Each of these is read by a browser as another host or scheme (or is not https).
HOSTILE = [
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "\\/evil.example",
    "//evil.example",
    "///evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "https:/evil.example",
    "https:evil.example",
    "https:\\\\evil.example",
    "https:/\\evil.example",
    "ht\ttps://evil.example",
    "https://good.example\\@evil.example",
    "https://good.example@evil.example",
    "https://good.example:443@evil.example",
    "https://good.example%40evil.example",
    "https://evil%2Eexample",
    "https://evil%2eexample/",
    "https://evil.example%2F@good.example",
    "https://evil。example",
    "https://evil．example",
    "https://ｅｖｉｌ.example",
    "https://evil.example\u200b",
    "https://\u202eelpmaxe.live",
    "https://0x7f.1/",
    "https://2130706433/",
    "https://127.0.0.1/",
    "https://[::1]/",
    "https://localhost/",
    "https://evil.example./",
    "http://evil.example",
    "HTTP://evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "\x01javascript:alert(1)",
    " javascript:alert(1)",
    "javascript&#58;alert(1)",
    "&#106;avascript:alert(1)",
    "%6Aavascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "mailto:someone@evil.example",
    "ftp://evil.example",
    "//\\evil.example",
    "/%5Cevil.example",  # stays on the site: allowed, and the check below agrees
]

ALLOWED = {
    "https://cfbu.example/rapport": "cfbu.example",
    "https://www.landsbyggefonden.example/da/om-os/?side=2#mål": "www.landsbyggefonden.example",
    "HTTPS://Boligsocialnet.Example:8443/x": "boligsocialnet.example",
    "https://good.example/@evil.example": "good.example",
    "https://good.example/\u00e6bler": "good.example",
    "/moeder/": None,
    "/moeder/21-374/#program": None,
    "#kommentarer": None,
}


class _Links(HTMLParser):
    """Every href, as the browser reads the attribute (character references decoded)."""

    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        self.hrefs.extend(value for name, value in attrs if name == "href")


def hrefs(html) -> list[str]:
    parser = _Links()
    parser.feed(str(html))
    return parser.hrefs


def shown_host(href: str) -> str:
    """The host a reader sees in an address: what stands between "https://" and the next "/?#:"."""
    rest = href.split("://", 1)[1]
    for stop in "/?#:":
        rest = rest.split(stop, 1)[0]
    return rest.lower()


def assert_goes_where_it_shows(href: str) -> None:
    url = ada_url.URL(href, base=PAGE)
    if url.origin == SITE_ORIGIN:
        return
    assert href[:8].lower() == "https://", href
    assert url.protocol == "https:", href
    assert url.hostname == shown_host(href), (href, url.hostname)


def render_everywhere(target: str) -> list[str]:
    """The hrefs of a typed link target in every renderer that turns typed text into links."""
    texts = [f"[se her]({target})", target, f"Se {target} nu.", f"- punkt med [link]({target})"]
    out = []
    for text in texts:
        out += hrefs(markup.render(text))
        out += hrefs(markup.render_comment(text))
    return out


@pytest.mark.parametrize("target", HOSTILE)
def test_links_to_other_hosts_and_schemes_stay_text(target):
    for href in render_everywhere(target):
        assert_goes_where_it_shows(href)
    if not target.startswith("/%5C"):
        assert render_everywhere(target) == []
        assert safe_link(target) is None


@pytest.mark.parametrize(("target", "host"), ALLOWED.items())
def test_https_links_and_site_paths_are_links_that_go_where_they_show(target, host):
    html = str(markup.render(f"[se her]({target})"))
    assert hrefs(html) == [target]
    assert_goes_where_it_shows(target)
    url = ada_url.URL(target, base=PAGE)
    assert url.hostname == (host or ada_url.URL(PAGE).hostname)


def test_only_https_bare_addresses_become_comment_links():
    html = str(markup.render_comment("https://a.example/x http://b.example/y https://c.example\\@d.example"))
    assert hrefs(html) == ["https://a.example/x"]
    assert "http://b.example/y" in html and "https://c.example\\@d.example" in html


# Pieces of addresses that parsers disagree about; hypothesis strings them together.
_PIECES = [
    "https:",
    "http:",
    "https://",
    "//",
    "/",
    "\\",
    ":",
    "@",
    ".",
    "#",
    "?",
    "&",
    "%",
    "%2F",
    "%5C",
    "%2E",
    "%40",
    "%2e",
    "\t",
    "\n",
    "\r",
    " ",
    "\x00",
    "\x01",
    "\u200b",
    "\u202e",
    "\ufeff",
    "\u3002",
    "\uff0e",
    "\uff0f",
    "\uff3c",
    "\u2044",
    "\u2215",
    "good.example",
    "evil.example",
    "x",
    "0x7f",
    "1",
    "127.0.0.1",
    "[::1]",
    "2130706433",
    "javascript:",
    "java",
    "script:",
    "&#58;",
    "&#x2F;",
    "xn--",
    "xn--nxa",
    "-",
    "443",
    "mailto:",
    "data:",
    "ⓔvil.example",
    "ＥＶＩＬ",
    "ß",
    "localhost",
    "moeder",
    "()",
    "(",
    ")",
    "[",
    "]",
    "*",
]
link_targets = st.one_of(
    st.lists(st.sampled_from(_PIECES), min_size=1, max_size=10).map("".join),
    st.text(min_size=1, max_size=40),
)


@hypothesis_settings(max_examples=600, deadline=None)
@given(link_targets)
def test_every_link_written_from_any_target_goes_where_it_shows(target):
    for href in render_everywhere(target):
        assert_goes_where_it_shows(href)
    if safe_link(target):
        assert_goes_where_it_shows(target.strip(" "))


_label = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True).filter(lambda s: s[2:4] != "--")


@hypothesis_settings(max_examples=200, deadline=None)
@given(
    st.lists(_label, min_size=1, max_size=3),
    st.from_regex(r"[a-z]{2,6}", fullmatch=True),
    st.from_regex(r"(/[a-zA-Z0-9._~%!$&'*+,;=:@-]{0,12}){0,3}", fullmatch=True),
)
def test_every_plain_https_address_becomes_a_link_to_its_host(labels, tld, path):
    host = ".".join([*labels, tld])
    target = f"https://{host}{path}"
    assert hrefs(markup.render(f"[x]({target})")) == [target]
    assert ada_url.URL(target).hostname == host


# --- Other places that show a typed address ------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("website", ["https://good.example\\@evil.example", "http://plain.example", "javascript:x"])
def test_offer_page_shows_an_unsafe_provider_website_as_text(client, website):
    offer = OfferFactory()
    offer.provider.website = website
    offer.provider.save()
    html = client.get(offer.get_absolute_url()).content.decode()
    assert not [href for href in hrefs(html) if "evil" in href or "plain.example" in href or "javascript" in href]
    assert escape(website) in html  # shown as text


def pdf_links(data: bytes) -> list[str]:
    """The link targets (/URI actions) of every link annotation in a PDF, read with pypdf."""
    links = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                links.append(str(action["/URI"]))
    return links


@pytest.mark.django_db
def test_offer_page_and_pdf_link_only_where_the_links_show(client):
    offer = OfferFactory(
        introduction="Læs [rapporten](https://cfbu.example/rapport) og [mødet](/moeder/).",
        description="[ond](/\\evil.example) [ond](https://a.example@evil.example) https://good.example\\@evil.example",
    )
    offer.provider.website = "https://provider.example/om"
    offer.provider.save()
    html = client.get(offer.get_absolute_url()).content.decode()
    assert {"https://cfbu.example/rapport", "/moeder/", "https://provider.example/om"} <= set(hrefs(html))
    assert not [href for href in hrefs(html) if "evil" in href]

    response = client.get(reverse("content:offer_pdf", kwargs={"slug": offer.slug}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    links = pdf_links(b"".join(response.streaming_content) if response.streaming else response.content)
    assert "https://cfbu.example/rapport" in links and "https://provider.example/om" in links
    for link in links:
        if link != f"mailto:{offer.provider.email}":
            assert_goes_where_it_shows(link)
    assert not [link for link in links if "evil" in link]
