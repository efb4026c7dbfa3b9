"""Email backend for the demo: one .eml file per message under var/mail/."""

import os
import re
import tempfile
import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone


class EmlFileBackend(BaseEmailBackend):
    """Writes each message as ``<timestamp>-<key>.eml``; any mail program opens it.

    Django's file backend appends a whole session to one .log file, which a
    mail program cannot open; this one writes complete RFC 5322 messages.
    """

    def __init__(self, *args, file_path=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.file_path = Path(file_path or settings.EMAIL_FILE_PATH)

    def send_messages(self, email_messages):
        sent = 0
        for message in email_messages:
            try:
                self._write(message)
            except OSError:
                if not self.fail_silently:
                    raise
                continue
            sent += 1
        return sent

    def _write(self, message):
        self.file_path.mkdir(parents=True, exist_ok=True)
        key = getattr(message, "outbox_key", "") or message.extra_headers.get("Message-ID", "") or uuid.uuid4().hex
        safe_key = re.sub(r"[^A-Za-z0-9._-]+", "_", key).strip("_")[:80]
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S-%f")
        target = self.file_path / f"{stamp}-{safe_key}.eml"
        # Write then rename, so nobody opens a half-written file.
        fd, tmp = tempfile.mkstemp(dir=self.file_path, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(message.message().as_bytes(linesep="\r\n"))
        os.replace(tmp, target)
        return target
