"""The cache every web process shares: its table is made by migrate, its counts are kept in the
database, and the deployment check warns when production would count in each process alone."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from commonground.core import shared_cache
from commonground.core.checks import the_cache_is_shared_between_processes

DATABASE_CACHE = {
    "default": {"BACKEND": "commonground.core.shared_cache.DatabaseCache", "LOCATION": shared_cache.TABLE}
}


@pytest.fixture
def database_cache(settings):
    settings.CACHES = DATABASE_CACHE
    return cache


@pytest.mark.django_db
def test_migrate_creates_the_cache_table_and_creating_it_again_keeps_what_it_holds(database_cache):
    assert shared_cache.TABLE in connection.introspection.table_names()
    database_cache.set("kept", "yes", 60)
    shared_cache.create_table(connection.alias)  # what the migration does, on a database that has it
    assert database_cache.get("kept") == "yes"


@pytest.mark.django_db
def test_counts_in_the_database_cache_add_up_and_end_with_their_window(database_cache):
    with pytest.raises(ValueError):
        database_cache.incr("never-counted")
    assert database_cache.add("count", 1, 60)
    assert not database_cache.add("count", 1, 60)
    assert database_cache.incr("count") == 2
    assert database_cache.incr("count", 3) == 5
    assert database_cache.get("count") == 5
    with time_machine.travel(timezone.now() + timedelta(seconds=61)), pytest.raises(ValueError):
        database_cache.incr("count")


@pytest.mark.parametrize(
    "backend",
    ["django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache"],
)
def test_the_deploy_check_warns_about_a_cache_kept_in_each_process(settings, backend):
    settings.CACHES = {"default": {"BACKEND": backend}}
    assert [warning.id for warning in the_cache_is_shared_between_processes(None)] == ["core.W001"]


@pytest.mark.parametrize(
    "caches",
    [
        DATABASE_CACHE,
        {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://127.0.0.1:6379/0",
            }
        },
    ],
)
def test_the_deploy_check_accepts_a_shared_cache(settings, caches):
    settings.CACHES = caches
    assert the_cache_is_shared_between_processes(None) == []
