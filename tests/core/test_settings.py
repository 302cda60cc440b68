"""Production refuses unsafe settings. Each case starts a fresh Python with its own environment."""

import os
import subprocess
import sys

from django.conf import settings

SETUP = "import django; django.setup(); print('started')"
# Variables a production environment would not have (the browser tests set the last one).
NOT_IN_PRODUCTION = (
    "SECRET_KEY",
    "DEBUG",
    "DEMO_SKIP_SECOND_FACTOR",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DATABASE_URL",
)


def _start(**env) -> subprocess.CompletedProcess:
    environment = {
        k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DEMO_SKIP_SECOND_FACTOR")
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", SETUP],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_with_the_development_secret_key():
    result = _start(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is the development key" in result.stderr


def test_production_starts_with_its_own_secret_key():
    result = _start(DEBUG="false", SECRET_KEY="x" * 64)
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_production_refuses_the_demo_second_factor_bypass():
    result = _start(DEBUG="false", SECRET_KEY="x" * 64, DEMO_SKIP_SECOND_FACTOR="true")
    assert result.returncode != 0
    assert "DEMO_SKIP_SECOND_FACTOR is for development only" in result.stderr


def test_development_may_use_the_demo_second_factor_bypass():
    assert _start(DEBUG="true", DEMO_SKIP_SECOND_FACTOR="true").returncode == 0


def test_the_deploy_check_reports_nothing_for_a_production_configuration():
    environment = {k: v for k, v in os.environ.items() if k not in NOT_IN_PRODUCTION}
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="false",
        SECRET_KEY="a-long-random-production-secret-" + "k9Q2xZ7vB4mN8pR1tY6wE3uI0oPaSdFg",
        ALLOWED_HOSTS="commonground.example.org",
        BACKUP_ENCRYPTION_KEY="q3OmpUVNsMmhVvuR1bVqY5Xjj8pQ0fL3DkB1Wf3uH2c=",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_shares_the_database_cache_between_processes_unless_redis_is_set():
    show = "import django; django.setup(); from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    environment = {k: v for k, v in os.environ.items() if k not in (*NOT_IN_PRODUCTION, "REDIS_URL")}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings", DEBUG="false", SECRET_KEY="x" * 64)
    without_redis = subprocess.run(
        [sys.executable, "-c", show],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert without_redis.stdout.strip() == "commonground.core.shared_cache.DatabaseCache", (
        without_redis.stderr
    )
    environment["REDIS_URL"] = "redis://127.0.0.1:6379/0"
    with_redis = subprocess.run(
        [sys.executable, "-c", show],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert with_redis.stdout.strip() == "django.core.cache.backends.redis.RedisCache", with_redis.stderr
