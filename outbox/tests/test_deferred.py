"""Emails queued under a lock and rendered by the worker that sends them (email_defer)."""

import pytest
from django.core import mail

from outbox import render as outbox_render
from outbox.enums import EmailStatus
from outbox.models import OutgoingEmail
from outbox.queue import email_defer
from outbox.registry import EMAIL_RENDERERS, Rendering, demo_organiser_context, email_renderer_register
from outbox.sending import email_send

pytestmark = pytest.mark.django_db

calls: list[dict] = []


def _renderer(*, name: str, missing: bool = False) -> Rendering:
    calls.append({"name": name})
    if missing:
        raise OutgoingEmail.DoesNotExist("gone before the worker came")
    return Rendering(
        context={**demo_organiser_context(), "recipient_name": name, "message": "Kaffe & kage"},
        attachments=[("hej.txt", "Hej", "text/plain")],
        reply_to="kontakt@example.org",
    )


@pytest.fixture(autouse=True)
def renderer():
    calls.clear()
    email_renderer_register("test-renderer", _renderer)
    yield
    EMAIL_RENDERERS.pop("test-renderer", None)


def _defer(key="deferred:1", **args):
    return email_defer(
        to="deltager@example.org",
        template="test_message",
        language="da",
        renderer="test-renderer",
        render_args={"name": "Trine Sander", **args},
        idempotency_key=key,
    )


def test_deferring_stores_the_row_without_rendering_it():
    email = _defer()

    assert calls == []
    assert email.status == EmailStatus.QUEUED and email.awaits_rendering
    assert (email.subject, email.text_body, email.html_body) == ("", "", "")


def test_the_worker_renders_once_then_sends_the_rendered_text(monkeypatch):
    email = _defer()
    rendered = []
    original = outbox_render.email_render
    monkeypatch.setattr(outbox_render, "email_render", lambda **kw: rendered.append(kw) or original(**kw))

    assert email_send(email_id=email.pk).outcome == "sent"
    assert email_send(email_id=email.pk).outcome == "skipped"

    assert len(calls) == 1 and len(rendered) == 1
    [message] = mail.outbox
    assert message.subject == "Testbesked fra Boligsocialnet"
    assert "Trine Sander" in message.body and "Kaffe & kage" in message.body
    assert message.reply_to == ["kontakt@example.org"]
    assert [name for name, _content, _type in message.attachments] == ["hej.txt"]
    email.refresh_from_db()
    assert not email.awaits_rendering and "Trine Sander" in email.text_body and email.reply_to


def test_an_email_whose_subject_is_gone_fails_without_retrying():
    email = _defer(missing=True)

    assert email_send(email_id=email.pk).outcome == "failed"

    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED and "gone before the worker came" in email.last_error
    assert mail.outbox == []


def test_a_deferred_key_is_idempotent_too():
    first = _defer("deferred:7")
    second = _defer("deferred:7", name="Someone Else")

    assert first.pk == second.pk
    assert OutgoingEmail.objects.filter(idempotency_key="deferred:7").count() == 1


def test_many_deferred_emails_are_stored_with_one_insert_and_each_rendered_by_the_worker(
    django_assert_num_queries,
):
    from outbox.queue import DeferredEmail, email_defer_many

    emails = [
        DeferredEmail(
            to=f"deltager{n}@example.org",
            template="test_message",
            language="da",
            renderer="test-renderer",
            render_args={"name": f"Deltager {n}"},
            idempotency_key=f"deferred-many:{n}",
            ref=("meetings.meeting", 7),
        )
        for n in range(5)
    ]
    with django_assert_num_queries(1):
        stored = email_defer_many(emails=emails)
    assert calls == [] and all(email.awaits_rendering for email in stored)
    assert [email.ref_id for email in stored] == ["7"] * 5
    assert email_send(email_id=stored[3].pk).outcome == "sent"
    assert "Deltager 3" in mail.outbox[0].body
    with pytest.raises(ValueError):
        email_defer_many(emails=[DeferredEmail("x@example.org", "test_message", "xx", "test-renderer", {}, "k")])
