import pytest
from django.conf import settings

from commonground.core.actions.places import import_postcodes
from tests.grants.helpers import make_round


@pytest.fixture
def postcodes(db):
    import_postcodes(actor=None, path=settings.DEFAULT_PLACES_DIR / "postcodes_sample.csv")


@pytest.fixture
def grant_round(postcodes):
    return make_round()
