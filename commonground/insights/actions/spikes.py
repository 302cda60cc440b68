"""Asking the worker to work out the spikes again. A web request never fits the spike models: when
the page finds no result for the latest complete week, it asks for one here. Many people (and every
web process) may open the page meanwhile; `cache.add` on the shared cache lets only the first ask.
Nothing about a person is read or changed, so nothing is audited."""

from django.core.cache import cache
from django.db import transaction

from commonground.core.access import scope_for
from commonground.core.models import User
from commonground.core.roles import Permission
from commonground.insights.tasks import refresh_lock_key, refresh_spikes

# Long enough for the slowest method over every borough; a refresh that died is asked again after.
REFRESH_LOCK_SECONDS = 30 * 60


def ask_for_spikes(*, actor: User, method: str) -> bool:
    """Queue a refresh of `method`'s spikes unless one is already queued; True if this asked."""
    scope_for(actor).require(Permission.VIEW_INSIGHTS)
    if not cache.add(refresh_lock_key(method), True, REFRESH_LOCK_SECONDS):
        return False
    transaction.on_commit(lambda: refresh_spikes.enqueue(method=method))
    return True
