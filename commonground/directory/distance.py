"""Great-circle distances between places and "nearest first" (no Django).

Distances use the haversine formula on a sphere of the Earth's mean radius: over the few miles of a
city region it is within 0.5% of the true (ellipsoidal) distance, far finer than anyone walking needs.
"""

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)
KM_PER_MILE = 1.609344

T = TypeVar("T")


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Near(Generic[T]):
    """An item and how far it is from where the person searched."""

    item: T
    km: float

    @property
    def miles(self) -> float:
        return self.km / KM_PER_MILE


def distance_km(a: Point, b: Point) -> float:
    """The great-circle distance in kilometres (haversine)."""
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat = lat2 - lat1
    dlon = math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    # min() keeps rounding from taking asin past 1 for points at opposite ends of the Earth.
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def distance_miles(a: Point, b: Point) -> float:
    return distance_km(a, b) / KM_PER_MILE


def nearest_first(items: Iterable[T], origin: Point, position: Callable[[T], Point | None]) -> list[Near[T]]:
    """The items that have a position, nearest first (ties kept in their given order)."""
    found = []
    for item in items:
        where = position(item)
        if where is not None:
            found.append(Near(item=item, km=distance_km(origin, where)))
    return sorted(found, key=lambda near: near.km)


def miles_in_words(miles: float) -> str:
    """'0.3', '2.4', '12': one decimal place under ten miles, whole miles beyond."""
    if miles < 10:
        return f"{miles:.1f}"
    return f"{miles:.0f}"
