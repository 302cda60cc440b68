from datetime import date

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import post_save
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY

from commonground.core.actions.places import load_places
from commonground.core.models import Agency
from commonground.sharing.models import SharingAgreement
from tests.clock import on_a_wednesday  # noqa: F401 (a fixture, for the modules marked FROZEN)
from tests.factories import confirmed_device, sharing_agreement


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The Greater Manchester places, loaded once for the whole session (tests roll back on top)."""
    with django_db_blocker.unblock():
        load_places(actor=None, folder=settings.DEFAULT_PLACES_DIR)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Argon2 is deliberately slow and memory-hungry; tests that check it ask for it themselves.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *settings.PASSWORD_HASHERS]


@pytest.fixture(autouse=True)
def audit_anchor_file(settings, tmp_path):
    """Each test has its own (empty) file of audit chain anchors, never the development one."""
    settings.AUDIT_ANCHOR_FILE = tmp_path / "audit-anchors.jsonl"
    return settings.AUDIT_ANCHOR_FILE


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    # Tasks run at once in tests (after commit, as in production); the worker has its own tests.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def files_of_this_test(settings, tmp_path):
    """Uploaded photos and backups go to folders of this test, never the development ones under
    var/, so tests running side by side (pytest -n) never see or remove each other's files."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BACKUP_DIR = tmp_path / "backups"


# Every alias the settings define, each with a memory of its own (an alias sharing a location
# with another would share its entries too).
CACHE_ALIASES = tuple(settings.CACHES)


@pytest.fixture(autouse=True)
def english_after_each_test():
    """A page asked for in Urdu or Polish leaves that language active in this thread; each test
    starts and ends in the default language, so labels read in a later test are English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    """Each test starts with empty caches of its own process, and leaves them empty: the one place
    the cache is reset between tests. Production shares the database cache (or Redis) between
    processes (core/shared_cache.py); tests keep every alias in memory, so parallel test processes
    never share a counter, and those that check sharing ask for the database cache themselves (its
    rows roll back with the test). Without this, a flood counter or a dashboard's cached totals
    left by an earlier test would change what a later one sees, depending on the order."""
    settings.CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"tests-{alias}"}
        for alias in CACHE_ALIASES
    }
    in_memory = [caches[alias] for alias in CACHE_ALIASES]
    for each in in_memory:
        each.clear()
    yield
    for each in in_memory:
        each.clear()


def signed_in(user, client: Client | None = None) -> Client:
    """A client signed in as `user` who has also passed the second factor."""
    client = client or Client()
    client.force_login(user)
    device = confirmed_device(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def sign_in():
    return signed_in


PARTNERSHIP_AGREEMENT_TITLE = "The partnership's agreement (tests)"
PARTNERSHIP_AGREEMENT_HOOK = "tests.partnership_sharing_agreed"


@pytest.fixture(autouse=True)
def partnership_sharing_agreed(request):
    """Most tests are about something other than sharing agreements, and assume the partnership
    has agreed its sharing: the first agency a test creates starts one agreement in force (on any
    day a test travels to) covering every category, with every agency there is, and each agency
    created after joins it. Tests of the agreements themselves (tests/sharing, and those marked
    `sharing_agreements_as_given`) see only the agreements they record."""
    if (
        request.node.get_closest_marker("sharing_agreements_as_given")
        or request.node.path.parent.name == "sharing"
    ):
        yield
        return

    def join_the_agreement(sender, instance, created, raw=False, **kwargs):
        if not created or raw:
            return
        agreement = SharingAgreement.objects.filter(title=PARTNERSHIP_AGREEMENT_TITLE).first()
        if agreement is None:
            agreement = sharing_agreement(
                *Agency.objects.all(),
                title=PARTNERSHIP_AGREEMENT_TITLE,
                starts_on=date(2000, 1, 1),
                review_on=date(2100, 1, 1),
            )
        agreement.parties.add(instance)

    post_save.connect(join_the_agreement, sender=Agency, weak=False, dispatch_uid=PARTNERSHIP_AGREEMENT_HOOK)
    yield
    post_save.disconnect(sender=Agency, dispatch_uid=PARTNERSHIP_AGREEMENT_HOOK)
