"""The demo's fictional community groups: clearly marked "Demo", with no charity or company number
(a made-up number could be a real organisation's), their contacts' names plainly invented."""

from dataclasses import dataclass
from decimal import Decimal

from commonground.grants.models import OrganisationType


@dataclass(frozen=True)
class Group:
    key: str
    name: str
    contact: str
    borough: str
    event: str
    description: str
    asked: Decimal
    organisation_type: str = OrganisationType.COMMUNITY_GROUP


GROUPS = {
    g.key: g
    for g in [
        Group(
            "riverside",
            "Demo Riverside Community Association",
            "Alex Sampleton",
            "E08000001",
            "Riverside street feast",
            "A shared meal on Riverside Road, each family bringing a dish.",
            Decimal("1800"),
        ),
        Group(
            "riverside-again",
            "Demo Riverside Community Association",
            "Alex Sampleton",
            "E08000001",
            "Riverside Road street feast",
            "A street meal on Riverside Road with a dish from each family.",
            Decimal("1800"),
        ),
        Group(
            "hilltop",
            "Demo Hilltop Residents Community Association",
            "Jo Testwood",
            "E08000002",
            "Hilltop open kitchen",
            "Cooking lessons swapped between neighbours, ending in a meal for all.",
            Decimal("2200"),
        ),
        Group(
            "canal",
            "Demo Canal Side Community Association",
            "Sam Placeholder",
            "E08000004",
            "Canal clean-up and picnic",
            "Neighbours clean the towpath together, then share a picnic.",
            Decimal("1500"),
        ),
        Group(
            "mill",
            "Demo Old Mill Community Association",
            "Robin Fictionalson",
            "E08000001",
            "Mill Lane five-a-side",
            "A football tournament with mixed teams from the mosques, churches and clubs of Mill Lane.",
            Decimal("2000"),
        ),
        Group(
            "park",
            "Demo Park Ward Community Association",
            "Kit Exampleby",
            "E08000002",
            "Park Ward family fun day",
            "Games, music and food from the ward's communities.",
            Decimal("2500"),
        ),
        Group(
            "library",
            "Demo Library Friends Community Association",
            "Lee Madeupton",
            "E08000004",
            "Stories from home",
            "Older residents and children share stories of where their families came from.",
            Decimal("900"),
        ),
        Group(
            "chapel",
            "Demo Chapel Street Community Association",
            "Nic Samplewood",
            "E08000001",
            "Chapel Street open day",
            "Three places of worship on one street open their doors together.",
            Decimal("1200"),
        ),
        Group(
            "moor",
            "Demo Moorside Community Association",
            "Ari Testerley",
            "E08000004",
            "Moorside music night",
            "Bands from the estate's different communities.",
            Decimal("2500"),
        ),
        Group(
            "brook",
            "Demo Brookside Community Association",
            "Val Notreal",
            "E08000002",
            "Brookside allotment harvest",
            "A harvest supper on the shared allotments.",
            Decimal("1000"),
        ),
        Group(
            "earlier-1",
            "Demo Greenway Community Association",
            "Dee Imaginary",
            "E08000001",
            "Greenway street party",
            "A street party for the whole estate.",
            Decimal("2000"),
        ),
        Group(
            "earlier-2",
            "Demo Northside Youth Community Association",
            "Max Pretendwell",
            "E08000004",
            "Northside youth cook-off",
            "Young people cook each other's family recipes.",
            Decimal("1500"),
        ),
        Group(
            "earlier-3",
            "Demo Eastfield Community Association",
            "Ray Fabricant",
            "E08000002",
            "Eastfield walking festival",
            "Guided walks led by residents from different communities.",
            Decimal("750"),
        ),
    ]
}
