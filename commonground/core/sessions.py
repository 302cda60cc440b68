"""Database sessions that survive a database outage: when the session cannot be read it is
treated as empty (the person is signed out, public pages still render), and a failed save is
logged instead of turning a kind 503 page into a crash. Public journeys carry their answers in
the page they post, so nothing typed is lost either way."""

import logging

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import DatabaseError

logger = logging.getLogger(__name__)


class SessionStore(DatabaseSessionStore):
    def load(self):
        try:
            return super().load()
        except DatabaseError:
            logger.warning("Session store unavailable; continuing with an empty session")
            self._session_key = None
            return {}

    def save(self, must_create=False):
        try:
            return super().save(must_create=must_create)
        except DatabaseError:
            logger.warning("Session store unavailable; the session was not saved")
