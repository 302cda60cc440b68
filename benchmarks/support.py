"""What the at-scale benchmarks share: their own PostgreSQL database each, settings for running
the app in process against it, fast batched inserts, a signed-in client and percentiles."""

import math
import os
import secrets

import psycopg

PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432/postgres")


def bench_url(database: str) -> str:
    return PG.rsplit("/", 1)[0] + f"/{database}"


def environment(database: str) -> dict:
    """Production-like settings (DEBUG off) against the benchmark's own database."""
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "DATABASE_URL": bench_url(database),
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        "EMAIL_URL": "dummymail://",
        "CONN_MAX_AGE": "600",
    }


def database_exists(database: str) -> bool:
    with psycopg.connect(PG, autocommit=True) as connection:
        return bool(connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone())


def create_database(database: str) -> None:
    """A new, empty database (an earlier one of the same name is dropped)."""
    with psycopg.connect(PG, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {database}")


def drop_database(database: str) -> None:
    with psycopg.connect(PG, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


def vacuum_analyze(database: str) -> None:
    with psycopg.connect(bench_url(database), autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def insert(model, rows, *, batch_size: int = 5_000, keep: bool = False):
    """bulk_create `rows` (any iterable of unsaved instances) in batches, in one transaction: the
    saved rows if `keep`, else how many were saved."""
    from django.db import transaction

    saved, batch, count = [], [], 0
    with transaction.atomic():
        for row in rows:
            batch.append(row)
            if len(batch) == batch_size:
                created = model.objects.bulk_create(batch)
                count += len(created)
                if keep:
                    saved.extend(created)
                batch = []
        if batch:
            created = model.objects.bulk_create(batch)
            count += len(created)
            if keep:
                saved.extend(created)
    return saved if keep else count


def signed_in_client(username: str):
    """A test client signed in as `username`, past the second factor (their confirmed device)."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from commonground.core.models import User

    user = User.objects.get(username=username)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def percentile(sorted_values: list[float], share: float) -> float:
    """Nearest rank, on values sorted ascending."""
    return sorted_values[max(math.ceil(len(sorted_values) * share) - 1, 0)]
