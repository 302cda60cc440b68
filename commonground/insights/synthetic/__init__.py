"""Synthetic data for development, demonstrations and load tests: never real, always marked.

Every row belongs to the agency "Synthetic data (not real)" (or, for panel meetings, to the inactive
user "synthetic-data"); report references start "SYN-"; free text starts "Synthetic record (not
real)". `remove_synthetic()` (and `generate_synthetic --replace`) deletes exactly those rows.

What the data looks like, and where the figures come from, is in `shapes.py`: hate incidents with a
summer peak and overdispersed weekly counts, spread over boroughs by Census 2021 population and
over wards with some variation, with the Greater Manchester strand mix; Prevent referrals with the
published type-of-concern, sector, age and sex mixes and a stage conversion like the national one;
equality monitoring for about 70% of referrals from each borough's Census 2021 ethnic group and
religion mix; and tension reports about wards and boroughs.

PLANTED PATTERN, NOT A FINDING: one ethnic group (shapes.PLANTED_PATTERN, "White: any other White
background", picked arbitrarily) is referred 1.6 times as often as its Census share predicts and,
once at a panel, adopted 0.6 times as often as everyone else. It is there so that the fairness
analysis has something to find in tests and demonstrations. It says nothing about any real group
or any real service.
"""

from commonground.insights.synthetic.common import AGENCY_NAME, MARK, REFERENCE_PREFIX, USERNAME
from commonground.insights.synthetic.dataset import (
    SyntheticSummary,
    generate,
    remove_synthetic,
)
from commonground.insights.synthetic.shapes import PLANTED_PATTERN, PlantedPattern

__all__ = [
    "AGENCY_NAME",
    "MARK",
    "PLANTED_PATTERN",
    "REFERENCE_PREFIX",
    "USERNAME",
    "PlantedPattern",
    "SyntheticSummary",
    "generate",
    "remove_synthetic",
]
