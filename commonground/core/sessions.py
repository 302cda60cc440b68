"""Database sessions that survive a database outage.

- A session that cannot be read is empty for that request only, and marked `unavailable`: public
  pages still render, and the journey's pages (reports/views/public.py), which need what the
  session holds, answer 503 with what was typed instead of carrying on without it. Such a session
  is never saved, so a new, empty one cannot replace the person's own when the database returns.
- A failed save at the end of a request is logged, not turned into an error page: pages that must
  know their data was kept call `save_now`, which raises. Django reports every failed update of a
  session row as `UpdateError` (a connection lost mid-save included), so that is caught too."""

import logging

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import DatabaseError

logger = logging.getLogger(__name__)


class SessionNotSaved(DatabaseError):
    """The session could not be saved: the database is unavailable."""


class SessionStore(DatabaseSessionStore):
    unavailable = False

    def load(self):
        try:
            return super().load()
        except DatabaseError:
            logger.warning("Session store unavailable; continuing with an empty session")
            # The key is kept: without it Django would think the session empty and delete the cookie.
            self.unavailable = True
            return {}

    def save(self, must_create=False):
        if self.unavailable:
            return None  # what the person's session holds is still in the database: keep it theirs
        try:
            return super().save(must_create=must_create)
        except (DatabaseError, UpdateError):
            logger.warning("Session store unavailable; the session was not saved")
            return None

    def save_now(self) -> None:
        """Save at once, or raise `SessionNotSaved`: for a page that moves on only once it is kept."""
        if self.unavailable:
            raise SessionNotSaved("the session could not be read, so it is not saved over")
        try:
            super().save()
        except (DatabaseError, UpdateError) as error:
            raise SessionNotSaved(str(error)) from error
