"""Comments: members publish at once, guests wait for moderation; spam is refused; only staff and the author moderate."""

import pytest
from django.test import Client
from django.urls import reverse

from content.enums import CommentStatus, PostStatus
from content.models import Comment
from members.tests.factories import ConsultantFactory, StaffUserFactory, UserFactory
from outbox.models import OutgoingEmail

from .factories import BlogPostFactory, CommentFactory

pytestmark = pytest.mark.django_db

GUEST = {"name": "Åse Ærø", "email": "aase@example.dk", "body": "Hvordan holder I fast i de frivillige?"}


def comment_emails():
    return OutgoingEmail.objects.filter(template="content_comment_new")


def test_guest_comment_waits_for_moderation_and_author_and_moderators_are_told(client):
    post = BlogPostFactory()
    consultant = ConsultantFactory()
    StaffUserFactory()  # staff without the right to moderate: no email

    response = client.post(post.get_absolute_url(), GUEST)

    assert response.status_code == 302 and "kommentar=venter" in response["Location"]
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING and comment.user is None
    page = client.get(response["Location"]).content.decode()
    assert GUEST["body"] not in page  # not public yet
    assert 'role="status"' in page  # the "awaiting moderation" notice
    assert client.get(post.get_absolute_url()).content.decode().count(GUEST["body"]) == 0
    recipients = set(comment_emails().values_list("recipient", flat=True))
    assert recipients == {post.author.user.email, consultant.email}
    email = comment_emails().get(recipient=post.author.user.email)
    assert GUEST["body"] in email.text_body and post.get_absolute_url() in email.text_body
    assert "/admin/" not in email.text_body  # the author is not staff


def test_signed_in_member_comment_is_published_at_once(client):
    post = BlogPostFactory()
    member = UserFactory(first_name="Maja", last_name="Nørgaard")
    client.force_login(member)

    response = client.post(post.get_absolute_url(), {"body": "Det vil jeg også gerne høre mere om."})

    comment = Comment.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#kommentar-{comment.pk}")
    assert comment.status == CommentStatus.PUBLISHED and comment.user == member and comment.name == ""
    page = Client().get(post.get_absolute_url()).content.decode()
    assert "Det vil jeg også gerne høre mere om." in page and "Maja Nørgaard" in page
    assert comment_emails().filter(recipient=post.author.user.email).exists()
    assert not comment_emails().filter(recipient=member.email).exists()


def test_the_same_comment_sent_twice_is_stored_once(client):
    post = BlogPostFactory()
    client.post(post.get_absolute_url(), GUEST)
    client.post(post.get_absolute_url(), GUEST)
    assert Comment.objects.count() == 1


def test_guest_must_give_name_and_email_and_sees_the_errors(client):
    post = BlogPostFactory()
    response = client.post(post.get_absolute_url(), {"body": "Hej"})
    assert response.status_code == 400
    assert "is-invalid" in response.content.decode()
    assert not Comment.objects.exists()


def test_honeypot_comment_is_answered_like_a_real_one_and_stored_nowhere(client):
    post = BlogPostFactory()
    response = client.post(post.get_absolute_url(), {**GUEST, "website": "http://spam.example"})
    assert response.status_code == 302 and "kommentar=venter" in response["Location"]
    assert not Comment.objects.exists() and not comment_emails().exists()


def test_comment_rate_limit_answers_429_and_keeps_the_text(one_rate_limit_window, client, settings):
    settings.BLOG_COMMENT_RATE_LIMIT = "2/m"
    post = BlogPostFactory()
    for number in range(2):
        client.post(post.get_absolute_url(), {**GUEST, "body": f"Kommentar {number}"})
    response = client.post(post.get_absolute_url(), {**GUEST, "body": "Den tredje"})
    assert response.status_code == 429
    assert "Den tredje" in response.content.decode()
    assert Comment.objects.count() == 2


def test_no_comments_on_drafts_or_closed_posts(client):
    closed = BlogPostFactory(comments_open=False)
    assert client.post(closed.get_absolute_url(), GUEST).status_code == 409
    draft = BlogPostFactory(status=PostStatus.DRAFT)
    assert client.post(draft.get_absolute_url(), GUEST).status_code == 404
    assert not Comment.objects.exists()


def test_comment_text_is_escaped_and_links_are_nofollow_ugc(client):
    comment = CommentFactory(body='<script>alert("x")</script> Se https://spam.example/side')
    page = client.get(comment.post.get_absolute_url()).content.decode()
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;" in page
    assert '<a href="https://spam.example/side" rel="nofollow ugc noopener">' in page


def _moderate(client, comment, action):
    url = reverse("content:comment_moderate", args=[comment.post.slug, comment.pk])
    return client.post(url, {"action": action})


def test_author_publishes_and_hides_comments_on_own_post(client):
    comment = CommentFactory(status=CommentStatus.PENDING, body="Venter på godkendelse")
    author = comment.post.author.user
    client.force_login(author)
    assert "Venter på godkendelse" in client.get(comment.post.get_absolute_url()).content.decode()

    assert _moderate(client, comment, "publish").status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED and comment.moderated_by == author
    assert "Venter på godkendelse" in Client().get(comment.post.get_absolute_url()).content.decode()

    _moderate(client, comment, "hide")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN
    assert "Venter på godkendelse" not in Client().get(comment.post.get_absolute_url()).content.decode()


def test_staff_with_the_right_moderate_any_comment(consultant_client):
    comment = CommentFactory(body="Et ufint indlæg")
    assert _moderate(consultant_client, comment, "hide").status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN


def test_others_may_not_moderate(client):
    comment = CommentFactory(status=CommentStatus.PENDING)
    response = _moderate(client, comment, "publish")
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    client.force_login(UserFactory())
    assert _moderate(client, comment, "publish").status_code == 403
    client.force_login(StaffUserFactory())  # staff without the right to change comments
    assert _moderate(client, comment, "publish").status_code == 403
    other_post = BlogPostFactory()
    client.force_login(other_post.author.user)  # the author of another post
    assert _moderate(client, comment, "publish").status_code == 403
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_moderation_buttons_only_for_moderators(client):
    comment = CommentFactory()
    page = client.get(comment.post.get_absolute_url()).content.decode()
    assert "/kommentarer/" not in page and 'name="action" value="hide"' not in page
    client.force_login(UserFactory())
    assert 'name="action" value="hide"' not in client.get(comment.post.get_absolute_url()).content.decode()
    client.force_login(comment.post.author.user)
    assert 'name="action" value="hide"' in client.get(comment.post.get_absolute_url()).content.decode()


def test_published_comment_appears_at_once_for_visitors_despite_the_page_cache(settings, consultant_client):
    settings.PAGE_CACHE_SECONDS = 300
    comment = CommentFactory(status=CommentStatus.PENDING, body="Nu godkendt")
    visitor = Client()
    first = visitor.get(comment.post.get_absolute_url())
    assert "Nu godkendt" not in first.content.decode()
    assert visitor.get(comment.post.get_absolute_url())["X-Page-Cache"] == "hit"
    _moderate(consultant_client, comment, "publish")
    assert "Nu godkendt" in visitor.get(comment.post.get_absolute_url()).content.decode()


def test_staff_publish_and_hide_comments_with_admin_actions(consultant_client):
    pending = CommentFactory(status=CommentStatus.PENDING)
    shown = CommentFactory()
    url = reverse("admin:content_comment_changelist")
    consultant_client.post(url, {"action": "publish_comments", "_selected_action": [pending.pk]})
    consultant_client.post(url, {"action": "hide_comments", "_selected_action": [shown.pk]})
    pending.refresh_from_db()
    shown.refresh_from_db()
    assert pending.status == CommentStatus.PUBLISHED and shown.status == CommentStatus.HIDDEN
