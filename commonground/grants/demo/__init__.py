"""Community grants for the demo (synthetic; development only): the round open now, with an
application at every stage, and a closed earlier round whose awards fill the 360Giving open data.

The round open now ("#WeStandTogether community events 2027") holds: a draft; two sent
applications, the second flagged as a likely duplicate of the first; one being assessed, where one
assessor has scored and the other declared a conflict of interest; one whose two assessors' scores
disagree, waiting for moderation; one awarded, part paid, its event still to come; one awarded
whose group has sent its monitoring report; one awarded whose report is overdue; one declined with
the panel's reasons; and one withdrawn. The earlier round (2026) is closed, its three awards paid
in full and their reports reviewed.

Every staff step goes through the grants team's own actions, as the demo grants officer
("grants"), the two demo assessors and the demo programme manager, who chairs the panel. A
group withdraws and reports back through its own actions; an application is written as its group
filled it in and sent by moving it through the application's table (the sending action checks the
answers page by page, as typed, and refuses a round already closed). Dates are then set back to when each step would
have happened, so the history reads as it would in a real round (what the actions stamp "now").

The groups are clearly fictional ("Demo … Community Association"), with no charity or company
number (a made-up number could be a real organisation's), and their contacts' emails end in
@demo.commonground.invalid. Idempotent: nothing is made once the open round exists."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from commonground.core.models import User
from commonground.grants.actions import applications, decisions
from commonground.grants.demo.groups import GROUPS
from commonground.grants.demo.steps import (
    ASSESSOR,
    EARLIER_ROUND,
    OFFICER,
    OPEN_ROUND,
    PANEL,
    SECOND_ASSESSOR,
    assess,
    award,
    backdate,
    draft,
    new_round,
    report_back,
    send,
)
from commonground.grants.models import DecisionOutcome, GrantRound


def load_demo() -> None:
    """Nothing to set up: the accounts come from core."""


def _earlier_round(people, panel, today: date) -> None:
    officer = people[0]
    opens = today - timedelta(days=420)
    grant_round = new_round(
        officer,
        slug=EARLIER_ROUND,
        name="#WeStandTogether community events 2026",
        opens_on=opens,
        closes_on=opens + timedelta(days=60),
    )
    for number, key in enumerate(("earlier-1", "earlier-2", "earlier-3"), start=1):
        event = opens + timedelta(days=120 + 20 * number)
        application = send(
            draft(grant_round, GROUPS[key], starts=event, number=number), on=opens + timedelta(days=20)
        )
        decided = opens + timedelta(days=80)
        amount = GROUPS[key].asked
        award(application, people, panel, decided=decided, paid=[(decided + timedelta(days=10), amount)])
        report_back(application, on=event + timedelta(days=20), reviewer=officer)


def _open_round(people, panel, today: date) -> None:
    officer = people[0]
    opens = today - timedelta(days=90)
    grant_round = new_round(
        officer,
        slug=OPEN_ROUND,
        name="#WeStandTogether community events 2027",
        opens_on=opens,
        closes_on=today + timedelta(days=30),
    )
    future = today + timedelta(days=45)
    made = {}
    for number, key in enumerate(GROUPS, start=1):
        if key.startswith("earlier"):
            continue
        past_event = key in ("library", "chapel")
        starts = today - timedelta(days=35 if key == "library" else 50) if past_event else future
        made[key] = draft(grant_round, GROUPS[key], starts=starts, number=number)
    sent_on = opens + timedelta(days=10)
    # A draft: "brook" stays as typed. Sent, and a likely duplicate of it:
    send(made["riverside"], on=today - timedelta(days=6))
    send(made["riverside-again"], on=today - timedelta(days=2))
    made["riverside-again"].possible_duplicate_of = made["riverside"]
    made["riverside-again"].save(update_fields=["possible_duplicate_of"])
    # Being assessed: one assessor has scored, the other declared a conflict.
    assess(send(made["hilltop"], on=sent_on), people, first=[4, 3, 4, 4], second=None, conflict=True)
    backdate(made["hilltop"], assessed=today - timedelta(days=12))
    # Scores that disagree, waiting for moderation.
    assess(send(made["canal"], on=sent_on), people, first=[5, 5, 5, 5], second=[1, 2, 1, 2])
    backdate(made["canal"], assessed=today - timedelta(days=10))
    # Awarded, half paid, its event still to come (on the calendar, the group having agreed).
    send(made["mill"], on=sent_on)
    award(
        made["mill"],
        people,
        panel,
        decided=today - timedelta(days=20),
        paid=[(today - timedelta(days=12), Decimal("1000"))],
    )
    # Awarded, event held, report received; awarded, event held, report overdue.
    for key in ("library", "chapel"):
        send(made[key], on=sent_on)
        award(
            made[key],
            people,
            panel,
            decided=opens + timedelta(days=25),
            paid=[(opens + timedelta(days=30), GROUPS[key].asked)],
        )
    report_back(made["library"], on=today - timedelta(days=8))
    # Declined, with the panel's reasons.
    send(made["moor"], on=sent_on)
    assess(made["moor"], people, first=[2, 1, 2, 3], second=[2, 2, 1, 3])
    decisions.decide(
        actor=panel,
        application=made["moor"],
        outcome=DecisionOutcome.DECLINE,
        reasons="[Demo] The plan does not yet say how people from different communities will meet; "
        "the panel would welcome a new application to the next round.",
    )
    backdate(made["moor"], assessed=today - timedelta(days=30), decided=today - timedelta(days=20))
    # Withdrawn by the group before a decision.
    send(made["park"], on=sent_on)
    applications.withdraw_application(applicant=made["park"].applicant, application=made["park"])


@transaction.atomic
def load_demo_records() -> None:
    if GrantRound.objects.filter(slug=OPEN_ROUND).exists():
        return
    people = tuple(User.objects.get(username=name) for name in (OFFICER, ASSESSOR, SECOND_ASSESSOR))
    panel = User.objects.get(username=PANEL)
    today = timezone.localdate()
    _earlier_round(people, panel, today)
    _open_round(people, panel, today)
