import pytest

from commonground.core.models import Area, AreaLevel

pytestmark = pytest.mark.django_db


def test_session_has_greater_manchester_places_loaded():
    assert Area.objects.filter(level=AreaLevel.BOROUGH).count() == 10
    assert Area.objects.filter(level=AreaLevel.WARD).count() == 215
