"""The one after-commit mechanism: items of a transaction are handed over together, once, after it commits."""

import pytest
from django.db import transaction

from netvaerk.aftercommit import AfterCommit

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def handed():
    calls = []
    return calls, AfterCommit("test", calls.append)


def test_items_of_one_transaction_are_handed_over_together_after_commit(handed):
    calls, after = handed
    with transaction.atomic():
        after.add(1)
        after.add(2)
        transaction.on_commit(lambda: calls.append("other"))
        after.add(3)
        assert calls == []
    assert calls == [[1, 2, 3], "other"]


def test_the_same_key_is_handed_over_once(handed):
    calls, after = handed
    with transaction.atomic():
        after.add("first", key=7)
        after.add("second", key=7)
    assert calls == [["first"]]


def test_a_rollback_hands_over_nothing_and_leaves_nothing_for_the_next_commit(handed):
    calls, after = handed
    with pytest.raises(RuntimeError), transaction.atomic():
        after.add("lost")
        raise RuntimeError
    assert calls == []
    after.add("next")  # outside a transaction: handed over at once, alone
    assert calls == [["next"]]


def test_a_rolled_back_savepoint_does_not_stop_the_rest_of_the_transaction(handed):
    calls, after = handed
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            after.add("in savepoint")  # its own callback is dropped with the savepoint
            raise RuntimeError
        after.add("kept")
    # The savepoint's item goes too (consumers skip rows that are not there).
    assert calls == [["in savepoint", "kept"]]


def test_outside_a_transaction_each_item_goes_at_once(handed):
    calls, after = handed
    after.add("a")
    after.add("b")
    assert calls == [["a"], ["b"]]


def test_a_robust_handler_error_does_not_fail_the_committed_work(caplog):
    def broken(items):
        raise ConnectionError("Redis is not answering")

    after = AfterCommit("broken", broken, robust=True)
    with transaction.atomic():
        after.add(1)
    assert "broken after commit" in caplog.text
