"""The pure rules: weighted totals, when two assessors disagree, a round's money, and the limits on
awards and payments. Checked by hand and by property."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commonground.grants import budget, scoring

scores_and_weights = st.lists(
    st.tuples(st.integers(min_value=0, max_value=5), st.integers(min_value=1, max_value=10)),
    min_size=1,
    max_size=12,
)
amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000"), places=2)


def test_a_weighted_total_worked_by_hand():
    # (4 x 3 + 2 x 1) / (5 x 4) = 14 / 20 = 70%
    assert scoring.weighted_total([(4, 3), (2, 1)]) == Decimal("70.0")
    # 1 / 3 of the most possible, to one place
    assert scoring.weighted_total([(5, 1), (0, 2)]) == Decimal("33.3")


@given(scores_and_weights)
def test_a_weighted_total_is_a_percentage(pairs):
    total = scoring.weighted_total(pairs)
    assert Decimal(0) <= total <= Decimal(100)


@given(scores_and_weights)
def test_full_marks_everywhere_is_100_and_none_is_0(pairs):
    assert scoring.weighted_total([(5, w) for _, w in pairs]) == Decimal(100)
    assert scoring.weighted_total([(0, w) for _, w in pairs]) == Decimal(0)


@given(scores_and_weights, st.integers(min_value=0, max_value=11))
def test_scoring_one_criterion_higher_never_lowers_the_total(pairs, which):
    index = which % len(pairs)
    score, weight = pairs[index]
    higher = [*pairs]
    higher[index] = (min(score + 1, 5), weight)
    assert scoring.weighted_total(higher) >= scoring.weighted_total(pairs)


@pytest.mark.parametrize("bad", [[], [(6, 1)], [(-1, 1)], [(3, 0)]])
def test_scores_out_of_range_are_refused(bad):
    with pytest.raises(ValueError):
        scoring.weighted_total(bad)


@given(
    st.decimals(min_value=0, max_value=100, places=1),
    st.decimals(min_value=0, max_value=100, places=1),
    st.integers(min_value=0, max_value=100),
)
def test_two_totals_disagree_exactly_when_further_apart_than_the_threshold(a, b, threshold):
    assert scoring.totals_disagree([a, b], threshold) == (abs(a - b) > threshold)
    assert scoring.totals_disagree([a, b], threshold) == scoring.totals_disagree([b, a], threshold)


def test_one_total_never_disagrees_and_the_mean_is_of_the_totals():
    assert not scoring.totals_disagree([Decimal("90")], 0)
    assert scoring.mean_total([Decimal("70.0"), Decimal("45.5")]) == Decimal("57.8")
    assert scoring.mean_total([]) is None


@given(amounts, st.lists(amounts, max_size=8), st.lists(amounts, max_size=8))
def test_a_rounds_money_adds_up(total_budget, awards, payments):
    money = budget.money_of(total_budget, awards, payments)
    assert money.awarded == sum(awards, Decimal(0))
    assert money.paid == sum(payments, Decimal(0))
    assert money.remaining + money.awarded == total_budget


@given(amounts, st.lists(amounts, max_size=6), amounts, amounts)
def test_an_award_is_allowed_only_within_the_remaining_budget_and_the_amount_asked(
    total_budget, awards, requested, amount
):
    money = budget.money_of(total_budget, awards, [])
    refusal = budget.award_refusal(money, requested=requested, amount=amount)
    assert (refusal is None) == (amount <= requested and amount <= money.remaining)
    if refusal is None:
        # Whatever is awarded, the round never goes over its budget.
        assert budget.money_of(total_budget, [*awards, amount], []).remaining >= 0


def test_an_award_over_budget_names_the_remaining_budget():
    money = budget.RoundMoney(budget=Decimal("5000"), awarded=Decimal("4200"), paid=Decimal("0"))
    refusal = budget.award_refusal(money, requested=Decimal("1500"), amount=Decimal("1500"))
    assert refusal == "This award would take the round over its budget: £800.00 of the budget remains"
    refusal = budget.award_refusal(money, requested=Decimal("500"), amount=Decimal("600"))
    assert refusal == "An award cannot be more than the £500.00 the group asked for"


@given(amounts, st.lists(amounts, max_size=6), amounts)
def test_payments_never_exceed_the_award(award, earlier, amount):
    paid = sum(earlier, Decimal(0))
    refusal = budget.payment_refusal(award=award, paid=paid, amount=amount)
    assert (refusal is None) == (paid + amount <= award)


def test_a_payment_above_the_award_names_what_is_left():
    refusal = budget.payment_refusal(award=Decimal("1500"), paid=Decimal("1000"), amount=Decimal("600"))
    assert refusal == "This payment would take the total paid above the award: £500.00 is left to pay"
