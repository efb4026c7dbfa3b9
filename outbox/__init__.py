"""Outgoing email: the outbox, sending, the sweeper and the template registry.

One small module per step: ``render`` (templates to text and HTML), ``queue`` (store a row and hand
it to the worker after commit), ``sending`` (one SMTP delivery, retries), ``sweep`` (rows a lost task
left behind, resend), ``registry`` (the templates staff can preview), ``privacy`` (scrubbing), and
``tasks`` (the Celery tasks). Every app sends through ``outbox.queue.email_queue``.

The flow, and why each step is where it is:

1. ``email_queue()`` renders the template triple in the recipient's language
   and stores an ``OutgoingEmail`` row inside the caller's transaction, keyed
   by an idempotency key. A rolled-back transaction leaves no row and sends
   nothing; queueing the same key again returns the existing row.
2. After commit, the row's id is handed to Celery (``mail`` queue). If Redis
   is down, the row simply stays queued.
3. ``email_send()`` (the task calls it) locks the row, marks it ``sending`` and
   commits *before* talking SMTP, then marks it ``sent``. A redelivered or
   retried task finds it not queued and does nothing, so ``acks_late`` is safe.
4. ``email_sweep()`` (periodic) re-enqueues rows left queued or sending by a
   lost task or an unreachable broker. The only way to send twice is a worker
   dying between the SMTP server's "250 OK" and the ``sent`` mark; the stable
   Message-ID lets mail programs recognise that duplicate.
"""
