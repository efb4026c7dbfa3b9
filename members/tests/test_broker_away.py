"""A member's board post is kept when the broker (Redis) is away; its notices wait for the sweeper."""

import pytest


@pytest.mark.django_db(transaction=True)
def test_a_members_post_is_saved_when_the_broker_is_away(monkeypatch, caplog):
    from kombu.exceptions import OperationalError as BrokerError

    from members import tasks
    from members.group_space import board_post_create
    from members.models import BoardPost
    from members.tests.factories import MembershipFactory

    def broker_down(*args, **kwargs):
        raise BrokerError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.board_post_notify, "delay", broker_down)
    membership = MembershipFactory()

    board_post_create(network=membership.network, author=membership.user, title="Hej", body="Første opslag")

    assert BoardPost.objects.filter(title="Hej").exists()
    assert "Connection refused" in caplog.text
