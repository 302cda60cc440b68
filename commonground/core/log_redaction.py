"""Keeping private link secrets out of logs.

A status link (`/status/<secret>/`) opens a reporter's thread to whoever holds it, so a path that
carries one is logged as `/status/[redacted]/`: by the web server's access log (config/
gunicorn_logging.py) and by Django's own request logging (the filter below, in settings.LOGGING).
Pure: no Django."""

import logging
import re

_STATUS_SECRET = re.compile(r"(/status/)[^/?#\s\"']+", re.IGNORECASE)
REDACTED = "[redacted]"


def redact(text: str) -> str:
    """`text` with the secret segment of every status link path replaced."""
    return _STATUS_SECRET.sub(rf"\g<1>{REDACTED}", text)


class RedactStatusLinks(logging.Filter):
    """Rewrites each record's message (after %-formatting) without status link secrets."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True  # a malformed record is left for logging itself to report
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
