"""axe-core (WCAG 2.0/2.1, A and AA) on the blog and the offers, in their states."""

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from content.models import BlogPost

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_accessible(browser, axe, path):
    browser.get(browser.base_url + path)
    violations = axe()
    assert violations == [], f"{path}: {violations}"


def test_blog_and_offer_pages_have_no_accessibility_violations(browser, axe, demo):
    for path in [
        "/blog/",
        "/blog/emne/ressourcenetvaerk/",
        f"/blog/{demo.blog_post_slug}/",  # a post with comments and the comment form
        f"/blog/{demo.blog_post_slug}/?kommentar=venter",  # the notice after a guest comment
        "/tilbud/",
        f"/tilbud/{demo.offer_slug}/",
        f"/tilbud/{demo.offer_slug}/forespoergsel/",
        f"/tilbud/{demo.offer_slug}/forespoergsel/tak/",
        "/",  # the home page with the newest posts
    ]:
        assert_accessible(browser, axe, path)


def test_forms_with_errors_are_accessible(browser, axe, demo):
    for path, button in [
        (f"/blog/{demo.blog_post_slug}/", "#kommentarer form button[type=submit]"),
        (f"/tilbud/{demo.offer_slug}/forespoergsel/", "main form button[type=submit]"),
    ]:
        browser.get(browser.base_url + path)
        element = browser.find_element("css selector", button)
        browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
        element.click()
        # The form posts and the page with the errors replaces this one.
        WebDriverWait(browser, 10).until(lambda driver: "is-invalid" in driver.page_source)
        assert axe() == [], path


def test_moderator_view_of_a_post_is_accessible(browser, axe, demo, client):
    post = BlogPost.objects.get(slug=demo.blog_post_slug)
    client.force_login(post.author.user)
    cookie = client.cookies["sessionid"]
    browser.get(browser.base_url + "/robots.txt")
    browser.add_cookie({"name": "sessionid", "value": cookie.value, "path": "/"})
    assert_accessible(browser, axe, post.get_absolute_url())
    assert "comment-pending" in browser.page_source


def test_phone_sized_post_and_offer_are_accessible(browser, axe, demo):
    browser.set_window_size(390, 844)
    assert_accessible(browser, axe, f"/blog/{demo.blog_post_slug}/")
    assert_accessible(browser, axe, f"/tilbud/{demo.offer_slug}/")
