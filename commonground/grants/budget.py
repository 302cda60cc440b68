"""A round's money, and the rules awards and payments keep. Pure: no Django.

Awarded is the sum of the panel's awards; remaining is the budget less what has been awarded; paid
is the sum of the payments made against the awards. An award may not take the round over budget
nor exceed what the group asked for; a payment may not take an award's payments above the award."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class RoundMoney:
    budget: Decimal
    awarded: Decimal
    paid: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.awarded

    @property
    def awarded_not_paid(self) -> Decimal:
        return self.awarded - self.paid


def money_of(budget: Decimal, awards: Iterable[Decimal], payments: Iterable[Decimal]) -> RoundMoney:
    return RoundMoney(budget=budget, awarded=sum(awards, ZERO), paid=sum(payments, ZERO))


def pounds(amount: Decimal) -> str:
    return f"£{amount:,.2f}"


def award_refusal(money: RoundMoney, *, requested: Decimal, amount: Decimal) -> str | None:
    """Why an award of `amount` cannot be made, or None if it can."""
    if amount <= 0:
        return "Enter an amount more than £0"
    if amount > requested:
        return f"An award cannot be more than the {pounds(requested)} the group asked for"
    if amount > money.remaining:
        return (
            f"This award would take the round over its budget: {pounds(money.remaining)} "
            "of the budget remains"
        )
    return None


def payment_refusal(*, award: Decimal, paid: Decimal, amount: Decimal) -> str | None:
    """Why a payment of `amount` against an award cannot be recorded, or None if it can."""
    if amount <= 0:
        return "Enter an amount more than £0"
    left = award - paid
    if amount > left:
        return f"This payment would take the total paid above the award: {pounds(left)} is left to pay"
    return None
