"""The outbox's part of /health/: emails overdue that no worker or sweeper has taken."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Count, Min, Q
from django.utils import timezone
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable, ServiceWarning

from .enums import EmailStatus
from .models import OutgoingEmail


@dataclasses.dataclass
class OutboxBacklog(HealthCheck):
    """Emails due for longer than OUTBOX_BACKLOG_SECONDS: no worker or sweeper has taken them."""

    def __repr__(self):
        return "Outbox backlog"

    def run(self):
        cutoff = timezone.now() - dt.timedelta(seconds=settings.OUTBOX_BACKLOG_SECONDS)
        try:
            found = OutgoingEmail.objects.filter(
                Q(status=EmailStatus.QUEUED, next_attempt_at__lte=cutoff)
                | Q(status=EmailStatus.SENDING, last_attempt_at__lte=cutoff)
            ).aggregate(count=Count("pk"), oldest=Min("created_at"))
        except DatabaseError as error:
            raise ServiceUnavailable("The outbox cannot be read: the database does not answer") from error
        finally:
            # The check runs in a worker thread that no request ends: close its connection here.
            connection.close()
        if found["count"]:
            oldest = timezone.localtime(found["oldest"])
            raise ServiceWarning(
                f"{found['count']} email(s) overdue by more than {settings.OUTBOX_BACKLOG_SECONDS} s,"
                f" the oldest stored {oldest:%Y-%m-%d %H:%M}"
            )
