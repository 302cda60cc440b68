"""The synthetic dataset: writing it in one transaction, and removing it (see the package docstring)."""

import time
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from commonground.core import audit
from commonground.core.models import Agency, AgencyKind, Area, AuditAction, PopulationFigure, User
from commonground.insights.synthetic import shapes
from commonground.insights.synthetic.common import (
    ACTOR_LABEL,
    AGENCY_NAME,
    REFERENCE_PREFIX,
    USERNAME,
    Places,
    Run,
)
from commonground.insights.synthetic.incidents import write_incidents
from commonground.insights.synthetic.referrals import write_referrals
from commonground.insights.synthetic.tension import write_tension_reports
from commonground.insights.synthetic.writer import purge
from commonground.reports.models import Report
from commonground.safeguarding.models import EthnicGroup, PanelMeeting, Referral, Religion
from commonground.tension.models import TensionReport

ETHNIC_CATEGORIES = {
    "bangladeshi": EthnicGroup.ASIAN_BANGLADESHI,
    "chinese": EthnicGroup.ASIAN_CHINESE,
    "indian": EthnicGroup.ASIAN_INDIAN,
    "pakistani": EthnicGroup.ASIAN_PAKISTANI,
    "other asian": EthnicGroup.ASIAN_OTHER,
    "african": EthnicGroup.BLACK_AFRICAN,
    "caribbean": EthnicGroup.BLACK_CARIBBEAN,
    "other black": EthnicGroup.BLACK_OTHER,
    "white and asian": EthnicGroup.MIXED_WHITE_ASIAN,
    "white and black african": EthnicGroup.MIXED_WHITE_BLACK_AFRICAN,
    "white and black caribbean": EthnicGroup.MIXED_WHITE_BLACK_CARIBBEAN,
    "other mixed or multiple ethnic groups": EthnicGroup.MIXED_OTHER,
    "english, welsh, scottish, northern irish or british": EthnicGroup.WHITE_BRITISH,
    "irish": EthnicGroup.WHITE_IRISH,
    "gypsy or irish traveller": EthnicGroup.WHITE_GYPSY_TRAVELLER,
    "roma": EthnicGroup.WHITE_ROMA,
    "other white": EthnicGroup.WHITE_OTHER,
    "arab": EthnicGroup.OTHER_ARAB,
    "any other ethnic group": EthnicGroup.OTHER_ANY,
}
RELIGION_CATEGORIES = {
    "christian": Religion.CHRISTIAN,
    "buddhist": Religion.BUDDHIST,
    "hindu": Religion.HINDU,
    "jewish": Religion.JEWISH,
    "muslim": Religion.MUSLIM,
    "sikh": Religion.SIKH,
    "other religion": Religion.OTHER,
    "no religion": Religion.NO_RELIGION,
    "not answered": Religion.PREFER_NOT_TO_SAY,
}


@dataclass(frozen=True)
class SyntheticSummary:
    seed: int | None
    years: float
    # Rows written and rows removed first (--replace), by model label.
    written: Mapping[str, int]
    removed: Mapping[str, int]
    seconds: float
    planted_pattern: shapes.PlantedPattern = shapes.PLANTED_PATTERN
    notes: tuple[str, ...] = ()

    @property
    def total_written(self) -> int:
        return sum(self.written.values())


# --- Entry points -----------------------------------------------------------------------------


def generate(
    *,
    incidents: int,
    referrals: int,
    tension_reports: int,
    years: float = 3,
    seed: int | None = None,
    progress: bool = True,
    replace: bool = False,
) -> SyntheticSummary:
    """Write a synthetic dataset ending now, all in one transaction. See the package docstring."""
    started = time.monotonic()
    rng = np.random.default_rng(seed)
    with transaction.atomic():
        agency, user = _synthetic_owner()
        removed = remove_synthetic() if replace else {}
        now = timezone.now()
        days = max(round(years * 365.25), 7)
        end = np.datetime64(now.replace(tzinfo=None), "s")
        start = (end.astype("datetime64[D]") - np.timedelta64(days, "D")).astype("datetime64[s]")
        # An estimate of the rows to write (the steps of each referral depend on the draws).
        total = round(incidents * 2.08 + referrals * 3.2 + tension_reports * 2.08)
        with tqdm(
            total=total, desc="Writing synthetic rows", unit="row", disable=not progress, leave=False
        ) as bar:
            run = Run(
                rng=rng,
                places=_load_places(rng),
                agency_id=agency.pk,
                user_id=user.pk,
                start=start,
                end=end,
                days=days,
                bar=bar,
            )
            write_incidents(run, incidents)
            write_referrals(run, referrals)
            write_tension_reports(run, tension_reports)
            bar.total = bar.n
            bar.refresh()
        audit.record(
            actor=None,
            actor_label=ACTOR_LABEL,
            action=AuditAction.CREATE,
            object_type="insights.synthetic",
            object_repr=AGENCY_NAME,
            changes={"written": run.written, "removed": removed, "seed": seed, "years": years},
            reason="Synthetic data for development and testing; marked as not real.",
        )
    # Timed after the commit, which checks the foreign keys of every row written.
    return SyntheticSummary(
        seed=seed,
        years=years,
        written=dict(run.written),
        removed=removed,
        seconds=time.monotonic() - started,
        notes=tuple(run.notes),
    )


def remove_synthetic() -> dict[str, int]:
    """Delete every synthetic row (and only those): rows owned by the synthetic agency or user
    whose references, where they have one, carry the synthetic prefix."""
    agency = Agency.objects.filter(name=AGENCY_NAME).first()
    user = User.objects.filter(username=USERNAME).first()
    removed: dict[str, int] = {}
    with transaction.atomic():
        if user is not None:
            removed[PanelMeeting._meta.label] = purge(PanelMeeting.objects.filter(created_by=user))
        if agency is not None:
            removed[Referral._meta.label] = purge(Referral.objects.filter(referrer_agency=agency))
            removed[Report._meta.label] = purge(
                Report.objects.filter(recorded_by_agency=agency, reference__startswith=REFERENCE_PREFIX)
            )
            removed[TensionReport._meta.label] = purge(
                TensionReport.objects.filter(submitting_agency=agency, reference__startswith=REFERENCE_PREFIX)
            )
        if removed:
            audit.record(
                actor=None,
                actor_label=ACTOR_LABEL,
                action=AuditAction.DELETE,
                object_type="insights.synthetic",
                object_repr=AGENCY_NAME,
                changes={"removed": removed},
                reason="Earlier synthetic data replaced.",
            )
    return removed


# --- Set-up -----------------------------------------------------------------------------------


def _synthetic_owner() -> tuple[Agency, User]:
    agency, _ = Agency.objects.get_or_create(
        name=AGENCY_NAME, defaults={"kind": AgencyKind.OTHER, "is_active": False}
    )
    user = User.objects.filter(username=USERNAME).first()
    if user is None:
        user = User(
            username=USERNAME,
            first_name="Synthetic data",
            last_name="(not real)",
            agency=agency,
            is_active=False,
        )
        user.set_unusable_password()
        user.save()
    return agency, user


def _load_places(rng: np.random.Generator) -> Places:
    boroughs = list(Area.objects.boroughs().order_by("code").values_list("id", "population"))
    if not boroughs:
        raise ValueError("No boroughs are loaded: run load_places first.")
    known = [population for _, population in boroughs if population]
    fallback = float(np.mean(known)) if known else 1.0
    borough_ids = np.array([pk for pk, _ in boroughs], dtype=np.int64)
    populations = [population or fallback for _, population in boroughs]
    wards: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    rows = Area.objects.wards().order_by("code").values_list("id", "parent_id", "population")
    by_borough: dict[int, list[tuple[int, int | None]]] = {}
    for pk, parent, population in rows:
        by_borough.setdefault(parent, []).append((pk, population))
    for borough, members in by_borough.items():
        # Ward populations are not always published: without them every ward counts the same.
        known_wards = [population for _, population in members if population]
        typical = float(np.mean(known_wards)) if known_wards else 1.0
        ids = np.array([pk for pk, _ in members], dtype=np.int64)
        wards[borough] = (ids, shapes.area_weights(rng, [p or typical for _, p in members], variation=0.45))
    ethnic_mix: dict[int, dict[str, float]] = {}
    religion_mix: dict[int, dict[str, float]] = {}
    figures = PopulationFigure.objects.filter(
        area_id__in=borough_ids.tolist(), dimension__in=["ethnic_group_detailed", "religion"]
    ).order_by("area_id", "dimension", "category")
    for figure in figures.values_list("area_id", "dimension", "category", "count"):
        area_id, dimension, category, count = figure
        name = category.split(":", 1)[-1].strip().lower()
        if dimension == "religion" and name in RELIGION_CATEGORIES:
            religion_mix.setdefault(area_id, {})[str(RELIGION_CATEGORIES[name])] = count
        elif dimension == "ethnic_group_detailed" and name in ETHNIC_CATEGORIES:
            ethnic_mix.setdefault(area_id, {})[str(ETHNIC_CATEGORIES[name])] = count
    return Places(
        borough_ids=borough_ids,
        borough_weights=shapes.area_weights(rng, populations, variation=0.12),
        wards=wards,
        ethnic_mix=ethnic_mix,
        religion_mix=religion_mix,
    )
