import json
import logging
import re

# Personal links and file ids in URLs are keys: they never go into a log.
SECRET_PATHS = re.compile(r"(/tilmelding/|/evaluering/)[\w-]{16,}")
UUIDS = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)


def redact(text: str) -> str:
    return UUIDS.sub("…", SECRET_PATHS.sub(r"\1…", text))


class RedactSecretsFilter(logging.Filter):
    """Replace personal-link keys in log messages (e.g. Django's "Not Found: /tilmelding/<key>/")."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class JsonLineFormatter(logging.Formatter):
    """One JSON object per line, for log collectors (structured logs)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)
