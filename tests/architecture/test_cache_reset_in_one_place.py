"""The caches are emptied before and after every test by one fixture (`fresh_cache` in
tests/conftest.py). A test that empties them itself could hide another that leaves something
behind for the next, which then passes or fails depending on the order. A test may still empty
the cache when that is what it checks, and is named here with the reason."""

from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
CLEARS_AS_PART_OF_WHAT_IT_CHECKS = {
    # The next day's run of the spike alerts, which starts without the previous run's results.
    "tests/insights/test_spikes_page.py",
}


def test_no_test_empties_the_cache_itself():
    offenders = sorted(
        str(path.relative_to(BASE_DIR))
        for path in (BASE_DIR / "tests").rglob("*.py")
        if path != Path(__file__) and "cache.clear()" in path.read_text()
    )
    assert [path for path in offenders if path not in CLEARS_AS_PART_OF_WHAT_IT_CHECKS] == [], (
        "The cache is reset per test in tests/conftest.py; remove these calls or say why here"
    )
