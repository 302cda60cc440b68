"""Production settings plus the benchmark's bare-insert URL."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls_bench"
