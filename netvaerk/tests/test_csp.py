"""The Content-Security-Policy: scripts and styles only from our own static files.

The browser tests check every page they open (the `browser` fixture fails a
test whose pages the browser refused something on); these check the header,
the few pages that widen it, and the templates themselves.
"""

import base64
import hashlib
import re
import token as token_types
import tokenize
from pathlib import Path

import pytest
from django.conf import settings
from selenium.webdriver.common.by import By

from netvaerk.tests.support import csp_violations

ROOT = Path(settings.BASE_DIR)
EMAIL_LOG = "/admin/outbox/outgoingemail/"


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/moeder/", "/konto/login/"])
def test_pages_allow_scripts_and_styles_only_from_the_site(client, url):
    directives = _directives(client.get(url))

    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert "style-src-attr" not in directives and "script-src-attr" not in directives
    assert directives["frame-ancestors"] == ["'none'"] and directives["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_admin_pages_allow_no_inline_style_either(admin_client):
    directives = _directives(admin_client.get("/admin/meetings/meeting/add/"))

    assert directives["script-src"] == ["'self'"] and directives["style-src"] == ["'self'"]


@pytest.mark.django_db
def test_health_page_allows_exactly_its_own_style_block(client):
    response = client.get("/health/web/", HTTP_ACCEPT="text/html")
    block = re.search(r"<style>(.*?)</style>", response.content.decode(), re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()

    assert _directives(response)["style-src"] == ["'self'", f"'sha256-{digest}'"]
    assert _directives(response)["script-src"] == ["'self'"]
    assert _directives(client.get("/health/web/", HTTP_ACCEPT="application/json"))["style-src"] == ["'self'"]


@pytest.mark.django_db
def test_email_previews_allow_style_attributes_and_nothing_more(admin_client):
    # An email's HTML is styled with style="" attributes; its srcdoc frame inherits the page's policy.
    preview = admin_client.get(f"{EMAIL_LOG}previews/test_message/", {"lang": "da"})
    directives = _directives(preview)

    assert directives["style-src-attr"] == ["'unsafe-inline'"]
    assert directives["style-src"] == ["'self'"] and directives["script-src"] == ["'self'"]
    assert "style-src-attr" not in _directives(admin_client.get(EMAIL_LOG))


# Emails are read by mail programs (inline styles are what they understand) and the PDF
# templates by WeasyPrint: neither is served to a browser under the policy.
_NOT_BROWSER_PAGES = ("emails/", "/pdf/", "_pdf.html")
_INLINE = {
    "inline <script>": re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I),
    "on*= handler": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    'style="" attribute': re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I),
    "javascript: link": re.compile(r"""=\s*["']?\s*javascript:""", re.I),
}


def _inline_code(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [f"{path.name}: {name}" for name, pattern in _INLINE.items() if pattern.search(text)]


def test_templates_have_no_inline_scripts_handlers_or_styles():
    found = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        relative = path.relative_to(ROOT / "templates").as_posix()
        if not any(part in f"/{relative}" for part in _NOT_BROWSER_PAGES):
            found += [f"{relative}: {problem.split(': ', 1)[1]}" for problem in _inline_code(path)]
    assert not found, "\n".join(found)


def test_the_template_check_sees_inline_code(tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<p style="color:red" onclick="go()">x</p><script>go()</script>', encoding="utf-8")
    assert len(_inline_code(page)) == 3


def test_python_writes_no_inline_styles_or_scripts_into_pages():
    found = []
    for app in ("netvaerk", "meetings", "registration", "members", "craft", "content"):
        for path in sorted((ROOT / app).rglob("*.py")):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            with path.open("rb") as handle:
                strings = [
                    token.string for token in tokenize.tokenize(handle.readline) if token.type == token_types.STRING
                ]
            if any(re.search(r"""<[a-z][^>]*\s(?:style|on[a-z]+)=|<script>""", text) for text in strings):
                found.append(str(path.relative_to(ROOT)))
    assert not found, found


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_browser_check_reports_what_the_policy_refused(browser):
    browser.get(browser.base_url + "/")
    browser.execute_script(
        "document.body.insertAdjacentHTML('beforeend', '<p id=\"styled\" style=\"color: red\">x</p>')"
    )
    browser.find_element(By.ID, "styled")

    refused = csp_violations(browser)  # read (and emptied) here, so the fixture's own check passes

    assert any("inline style" in message and "style-src 'self'" in message for message in refused), refused
    assert csp_violations(browser) == []
