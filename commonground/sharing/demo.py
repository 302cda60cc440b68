"""Demo information sharing agreements (synthetic; development only). Idempotent.

They cover what the demo shares: the Channel agreement (information requests and panels between
the councils, the police and health; its review is near, so it waits on the data protection
officer's home), the report line's agreement (reports routed to the police and victim support),
and a tension monitoring agreement that has ended (shown as expired)."""

from datetime import timedelta

from django.utils import timezone

from commonground.core.models import Agency, User
from commonground.sharing.actions.agreements import AgreementTerms, record_agreement
from commonground.sharing.models import (
    Article6Basis,
    Article9Condition,
    DataCategory,
    Schedule1Condition,
    SharingAgreement,
)

OFFICER = "dpo"
CHANNEL = "[Demo] Prevent and Channel information sharing agreement"
REPORT_LINE = "[Demo] Hate incident report line: partner referrals"
TENSION = "[Demo] Community tension monitoring 2024 to 2026"


def load_demo() -> None:
    """After the report line's set-up, which makes the partnership's own agency and partner teams."""
    officer = User.objects.filter(username=OFFICER).first()
    if officer is None:
        return
    today = timezone.localdate()
    agencies = {agency.name: agency for agency in Agency.objects.all()}

    def parties(*names: str) -> list[Agency]:
        return [agencies[name] for name in names if name in agencies]

    demo = [
        AgreementTerms(
            title=CHANNEL,
            purpose=(
                "[Demo] Safeguarding people at risk of radicalisation: information requests about a "
                "referral, and the multi-agency Channel panel's discussion of cases on its agenda."
            ),
            article_6_basis=Article6Basis.PUBLIC_TASK,
            article_9_condition=Article9Condition.SUBSTANTIAL_PUBLIC_INTEREST,
            schedule_1_condition=Schedule1Condition.SAFEGUARDING,
            categories=[
                DataCategory.SAFEGUARDING_CASES,
                DataCategory.PANEL_CASES,
                DataCategory.SPECIAL_CATEGORY,
            ],
            parties=parties(
                "Demo Combined Authority Team",
                "Demo Bolton Council",
                "Demo Oldham Council",
                "Demo Police Force",
                "Demo Health Partnership",
            ),
            starts_on=today - timedelta(days=345),
            review_on=today + timedelta(days=20),
        ),
        AgreementTerms(
            title=REPORT_LINE,
            purpose=(
                "[Demo] Passing reports of hate incidents to the police and to victim support when "
                "the reporter agrees (or the law allows it without consent)."
            ),
            article_6_basis=Article6Basis.PUBLIC_TASK,
            article_9_condition=Article9Condition.SUBSTANTIAL_PUBLIC_INTEREST,
            schedule_1_condition=Schedule1Condition.PREVENTING_CRIME,
            categories=[
                DataCategory.HATE_INCIDENT_REPORTS,
                DataCategory.HELPLINE_CALLS,
                DataCategory.SPECIAL_CATEGORY,
            ],
            parties=parties(
                "Common Ground partnership",
                "Demo Combined Authority Team",
                "Demo Bolton Council",
                "Demo Oldham Council",
                "Demo Police Force",
                "Demo Victim Support",
                "Demo Bolton Hate Crime Reporting Centre",
            ),
            starts_on=today - timedelta(days=200),
            review_on=today + timedelta(days=165),
        ),
        AgreementTerms(
            title=TENSION,
            purpose="[Demo] Sharing community tension reports between the councils and the police.",
            article_6_basis=Article6Basis.PUBLIC_TASK,
            article_9_condition="",
            schedule_1_condition="",
            categories=[DataCategory.TENSION_MONITORING],
            parties=parties("Demo Bolton Council", "Demo Oldham Council", "Demo Police Force"),
            starts_on=today - timedelta(days=2 * 365),
            review_on=today - timedelta(days=365),
            ends_on=today - timedelta(days=21),
        ),
    ]
    for terms in demo:
        if not SharingAgreement.objects.filter(title=terms.title).exists():
            record_agreement(actor=officer, terms=terms)
