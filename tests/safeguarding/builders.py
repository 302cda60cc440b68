"""Builders for safeguarding tests: referrals made through the action, as a referrer would."""

from datetime import date

from commonground.core.models import AgencyKind, Area
from commonground.core.roles import Role
from commonground.safeguarding.actions.referrals import EqualityAnswers, ReferralDetails, submit_referral
from commonground.safeguarding.models import ConcernType, PersonAware, Referral, ReferringSector
from tests.factories import staff


def details(borough_code: str, **overrides) -> ReferralDetails:
    values = {
        "first_name": "Sam",
        "last_name": "Taylor",
        "date_of_birth": date(2010, 5, 17),
        "borough": Area.objects.get(code=borough_code),
        "referrer_name": "Alex Morgan",
        "referrer_role": "Designated safeguarding lead",
        "referrer_agency_name": "Hillside High School",
        "referring_sector": ReferringSector.EDUCATION,
        "referrer_contact": "01204 000000",
        "concern": "Shares extremist videos with classmates and talks about hurting people.",
        "concern_type": ConcernType.EXTREME_RIGHT_WING,
        "person_aware": PersonAware.NOT_ASKED,
        "safeguarding_lead_consulted": True,
    }
    return ReferralDetails(**(values | overrides))


def referral_in(borough_code: str, equality: EqualityAnswers | None = None, **overrides) -> Referral:
    referrer = staff(Role.PANEL_MEMBER, borough_code, kind=AgencyKind.EDUCATION)
    return submit_referral(actor=referrer, details=details(borough_code, **overrides), equality=equality)
