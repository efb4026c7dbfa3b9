"""Work handed over when the transaction commits, gathered per transaction.

The one after-commit mechanism of the portal. Code that makes work for
another process (an email for the worker, a check of the page cache) adds an
item inside its transaction; when the transaction commits, the items are
handed over together in one call, so a job that stores 200 emails publishes a
few batch tasks, not 200 tasks; when it rolls back, nothing is handed over.

How, with nothing but ``transaction.on_commit``:

- Every ``add()`` registers its own on-commit callback, so a savepoint that
  rolls back drops only the callbacks registered inside it, and the items
  added before and after it still go.
- The first callback that runs hands over everything gathered so far (the
  whole transaction, since callbacks run after the commit); the others find
  nothing left.
- An item added inside a savepoint that rolled back stays gathered and goes
  with the rest of its transaction; one added in a transaction that rolled
  back as a whole is dropped when the thread next adds an item outside a
  transaction, else it goes with the thread's next commit. Consumers must
  therefore accept items whose rows no longer exist: the outbox does, a
  worker given the id of a row that was rolled back finds nothing to send.

Outside a transaction (autocommit) ``on_commit`` runs at once, so each item
is handed over as it is added. Tests that roll back every test's transaction
call ``AfterCommit.discard_all()`` between tests.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable

from django.db import DEFAULT_DB_ALIAS, transaction


class AfterCommit:
    """Gathers items per thread and database and hands them to ``handler`` once the transaction commits.

    ``handler`` gets the items in the order they were added, each once.
    ``robust``: an error in the handler is logged instead of raised, so the
    request whose data has committed does not fail (Django's robust on-commit).
    """

    _instances: weakref.WeakSet[AfterCommit] = weakref.WeakSet()

    def __init__(self, name: str, handler: Callable[[list], None], *, robust: bool = False):
        self.name = name
        self.handler = handler
        self.robust = robust
        self._local = threading.local()
        self._instances.add(self)

    @classmethod
    def discard_all(cls) -> None:
        """Forget what this thread gathered in transactions that never committed."""
        for instance in list(cls._instances):
            instance._local.__dict__.pop("by_alias", None)

    def _pending(self, using: str) -> dict[Hashable, object]:
        # A dict keeps the order of insertion and each key once.
        by_alias = self._local.__dict__.setdefault("by_alias", {})
        return by_alias.setdefault(using, {})

    def add(self, item, *, key: Hashable = None, using: str | None = None) -> None:
        """Hand ``item`` over when the current transaction commits (at once outside one).

        Items with the same ``key`` (default: the item itself) are handed over
        once, the first one added.
        """
        using = using or DEFAULT_DB_ALIAS
        pending = self._pending(using)
        if transaction.get_autocommit(using):
            # No transaction is open, so whatever is still gathered belongs to
            # one that rolled back (a commit would have handed it over).
            pending.clear()
        pending.setdefault(item if key is None else key, item)
        transaction.on_commit(self._flusher(using), using=using, robust=self.robust)

    def _flusher(self, using: str) -> Callable[[], None]:
        # A plain function (not a partial): Django's robust on-commit names it in its log.
        def flush_after_commit() -> None:
            self._flush(using)

        flush_after_commit.__qualname__ = f"{self.name} after commit"
        return flush_after_commit

    def _flush(self, using: str) -> None:
        pending = self._pending(using)
        if not pending:
            return
        items = list(pending.values())
        pending.clear()
        self.handler(items)

    def __repr__(self) -> str:
        return f"<AfterCommit {self.name}>"
