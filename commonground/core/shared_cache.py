"""The cache every web process shares: Redis when REDIS_URL is set, otherwise a table in the database.

Flood limits, failed sign-in counts and dashboard totals live in the cache. A per-process cache
(Django's local memory cache) would give each web worker its own counters, so a flooding client
would get a fresh allowance from every worker; the deployment check warns about it.

Django's database cache increments with a read and a write, so two processes counting the same
key at the same moment could both read 4 and both write 5. This backend increments inside a
transaction that locks the row first (SELECT … FOR UPDATE on PostgreSQL; on SQLite the settings
start every transaction with the write lock, BEGIN IMMEDIATE), so no count is lost. It costs one
short transaction per count, which is fine at the report line's volumes; Redis counts in memory.
Like Django's, the table is culled when it holds more than MAX_ENTRIES live entries (settings:
DATABASE_CACHE_MAX_ENTRIES): a third are dropped, counters included, so the limit is set far above
a busy hour's number of clients.
"""

import base64
import io
import pickle

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.management.commands import createcachetable
from django.db import connections, router, transaction
from django.utils.timezone import now as tz_now

# The cache table's name: config/settings.py names it in CACHES, migration core 0015 creates it.
TABLE = "commonground_cache"

PER_PROCESS_BACKENDS = (LocMemCache, DummyCache)


def is_per_process(cache) -> bool:
    """True when this cache is not shared between processes (each web worker counts alone)."""
    return isinstance(cache, PER_PROCESS_BACKENDS)


def create_table(database: str, table: str = TABLE) -> None:
    """Create the cache table unless it exists: Django's createcachetable, which `migrate` does
    not run, for one named table whatever CACHES says now (so switching Redis off later works)."""
    command = createcachetable.Command(stdout=io.StringIO(), stderr=io.StringIO())
    command.verbosity = 0
    command.create_table(database, table, dry_run=False)


class DatabaseCache(DjangoDatabaseCache):
    """Django's database cache, with increments that hold a lock on the row they change."""

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        database = router.db_for_write(self.cache_model_class)
        connection = connections[database]
        quote_name = connection.ops.quote_name
        # `_table` is set by Django's DatabaseCache.__init__ but missing from the stubs.
        table = quote_name(self._table)  # type: ignore[attr-defined]
        key_column = quote_name("cache_key")
        value_column, expires_column = quote_name("value"), quote_name("expires")
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        now = connection.ops.adapt_datetimefield_value(tz_now().replace(microsecond=0))
        with transaction.atomic(using=database), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {value_column} FROM {table} WHERE {key_column} = %s AND {expires_column} > %s{lock}",  # noqa: S608 (quoted names)
                [key, now],
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found.")
            stored = connection.ops.process_clob(row[0])
            value = pickle.loads(base64.b64decode(stored.encode())) + delta  # noqa: S301 (our own table)
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            update = f"UPDATE {table} SET {value_column} = %s WHERE {key_column} = %s"  # noqa: S608 (quoted names)
            cursor.execute(update, [encoded, key])
        return value
