import pytest

from commonground.core.models import Area, Postcode
from tests.calendar.world import BOLTON_POSTCODE
from tests.factories import BOLTON


@pytest.fixture(autouse=True)
def a_bolton_postcode(db):
    """One postcode in a Bolton ward, as the ONS Postcode Directory would give it."""
    ward = Area.objects.wards().filter(parent__code=BOLTON).first()
    Postcode.objects.get_or_create(postcode=BOLTON_POSTCODE, defaults={"ward": ward})
