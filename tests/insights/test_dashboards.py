"""The staff dashboards: figures against hand-computed counts on small fixed datasets, the user's
scope, the filters (reversed and absurd periods, a ward outside the borough, nothing selected) and
a bounded number of queries whatever the data."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commonground.core.roles import Role
from commonground.insights.tasks import warm_dashboard_totals
from commonground.reports.models import Report
from tests.conftest import signed_in
from tests.factories import BOLTON, BURY, GREATER_MANCHESTER, staff
from tests.insights import staff_builders as build

pytestmark = pytest.mark.django_db

BOLTON_WARD = None  # set from the loaded places in the fixture
MARCH = {"date_from": "1/3/2026", "date_to": "30/4/2026"}


def _table(chart):
    return {row[0]: row[1:] for row in chart.table.rows}


@pytest.fixture
def analyst():
    return staff(Role.TENSION_ANALYST, BOLTON)


@pytest.fixture
def manager():
    return staff(Role.PROGRAMME_MANAGER, GREATER_MANCHESTER)


@pytest.fixture
def incidents():
    from commonground.core.models import Area

    ward = Area.objects.wards().filter(parent__code=BOLTON).order_by("name").first()
    build.incident(BOLTON, date(2026, 3, 2), "race", "religion")
    build.incident(BOLTON, date(2026, 3, 15), "race")
    build.incident(BOLTON, date(2026, 3, 31), ward=ward.code)
    build.incident(BOLTON, date(2026, 4, 1), "religion")
    build.incident(BOLTON, date(2026, 4, 30))
    build.incident(BURY, date(2026, 3, 10), "race")
    build.incident(BOLTON, date(2026, 5, 1), "race")  # after the period
    build.incident(BOLTON, date(2026, 3, 5), kind="community_tension")  # another kind
    build.tension_report(date(2026, 3, 3), ward.code)
    build.tension_report(date(2026, 3, 20), BOLTON, BURY)
    return ward


def _get(client, name, **params):
    return client.get(reverse(f"insights:{name}"), params)


def test_the_incidents_dashboard_counts_by_month_borough_and_strand_in_the_users_boroughs(analyst, incidents):
    response = _get(signed_in(analyst), "staff-incidents", **MARCH)
    assert response.status_code == 200
    data = response.context["data"]
    assert data.reports_total == 5  # Bury's incident, May's and the other kind are left out
    assert data.tension_total == 2
    assert _table(data.by_month) == {"March 2026": ("3", "2"), "April 2026": ("2", "0")}
    assert _table(data.by_borough) == {"Bolton": ("5", "2")}
    strands = _table(data.by_strand)
    assert strands["Race or ethnicity"] == ("2",) and strands["Religion or belief"] == ("2",)
    content = response.content.decode()
    assert "<svg" in content and "Reports by month" in content and "govuk-table" in content


def test_rates_per_100000_use_the_census_population_with_an_exact_poisson_interval(analyst, incidents):
    data = _get(signed_in(analyst), "staff-incidents", **MARCH).context["data"]
    # Bolton: 5 incidents, 295,963 residents. 5 / 295,963 * 100,000 = 1.689. Garwood 95% interval for
    # a count of 5: 1.6235 to 11.6683, so 0.5485 to 3.9425 per 100,000.
    [(rate, interval)] = _table(data.rates).values()
    assert rate == "1.7"
    assert interval == "0.5 to 3.9"
    chart_series = data.rates.table.rows[0]
    assert chart_series[0] == "Bolton"


def test_a_combined_authority_user_sees_every_borough(manager, incidents):
    data = _get(signed_in(manager), "staff-incidents", **MARCH).context["data"]
    assert data.reports_total == 6
    by_borough = _table(data.by_borough)
    assert by_borough["Bolton"] == ("5", "2") and by_borough["Bury"] == ("1", "1")


def test_whole_months_come_from_the_monthly_totals_and_the_edges_from_the_reports(analyst):
    for day in (
        date(2026, 2, 10),
        date(2026, 2, 20),
        date(2026, 3, 15),
        date(2026, 4, 10),
        date(2026, 4, 25),
    ):
        build.incident(BOLTON, day, "race")
    data = _get(signed_in(analyst), "staff-incidents", date_from="15/2/2026", date_to="20/4/2026").context[
        "data"
    ]
    assert data.reports_total == 3
    assert _table(data.by_month) == {
        "February 2026": ("1", "0"),
        "March 2026": ("1", "0"),
        "April 2026": ("1", "0"),
    }
    assert _table(data.by_strand)["Race or ethnicity"] == ("3",)
    by_strand = _get(
        signed_in(analyst), "staff-incidents", date_from="15/2/2026", date_to="20/4/2026", strand="race"
    )
    assert by_strand.context["data"].reports_total == 3


def test_a_period_splits_into_complete_months_and_the_days_around_them():
    from commonground.insights.forms.filters import Filters
    from commonground.insights.queries.dashboards.monthly import split_period

    filters = Filters(date_from=date(2026, 2, 15), date_to=date(2026, 11, 20))
    months, ranges = split_period(filters, today=date(2026, 11, 22))
    assert months[0] == date(2026, 3, 1) and months[-1] == date(2026, 10, 1) and len(months) == 8
    assert [(start.date(), end.date()) for start, end in ranges] == [
        (date(2026, 2, 15), date(2026, 3, 1)),
        (date(2026, 11, 1), date(2026, 11, 21)),
    ]
    whole = Filters(date_from=date(2026, 3, 1), date_to=date(2026, 3, 31))
    assert split_period(whole, today=date(2026, 11, 22)) == ([date(2026, 3, 1)], [])


def test_filters_by_ward_strand_and_kind(analyst, incidents):
    client = signed_in(analyst)
    assert _get(client, "staff-incidents", **MARCH, ward=incidents.code).context["data"].reports_total == 1
    by_strand = _get(client, "staff-incidents", **MARCH, strand="race").context["data"]
    assert by_strand.reports_total == 2 and by_strand.tension_total is None
    other_kind = _get(client, "staff-incidents", **MARCH, kind="community_tension").context["data"]
    assert other_kind.reports_total == 1 and other_kind.tension_total is None
    only_tension = _get(client, "staff-incidents", **MARCH, kind="tension_report").context["data"]
    assert only_tension.reports_label is None and only_tension.tension_total == 2


def test_filters_that_select_nothing_show_an_empty_state_not_an_error(analyst, incidents):
    response = _get(signed_in(analyst), "staff-incidents", date_from="1/1/2020", date_to="31/1/2020")
    assert response.status_code == 200
    assert "No records match these filters" in response.content.decode()


def test_a_reversed_period_is_refused_with_a_message_and_the_form_shown_back(analyst):
    response = _get(signed_in(analyst), "staff-incidents", date_from="30/4/2026", date_to="1/3/2026")
    content = response.content.decode()
    assert response.status_code == 200
    assert "The start date must be before the end date" in content
    assert 'value="30/4/2026"' in content
    assert response.context["data"] is None
    assert "Error:" in content


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "1/1/1990", "date_to": "1/1/2026"}, "Enter a date from 1 January 2000"),
        ({"date_from": "1/1/2005", "date_to": "1/1/2026"}, "Choose a period of 10 years or less"),
        (
            {"date_from": "1/1/2026", "date_to": "1/1/2999"},
            "Enter an end date no later than the end of next year",
        ),
        ({"date_from": "31/2/2026"}, "Enter the start date as day/month/year"),
    ],
)
def test_an_absurd_period_gets_a_message(analyst, params, message):
    response = _get(signed_in(analyst), "staff-incidents", **params)
    assert message in response.content.decode()
    assert response.context["data"] is None


def test_a_ward_outside_the_chosen_borough_is_refused(manager, incidents):
    response = _get(signed_in(manager), "staff-incidents", borough=BURY, ward=incidents.code)
    assert "Choose a ward in the borough you chose" in response.content.decode()


def test_a_borough_outside_the_users_scope_cannot_be_chosen(analyst, incidents):
    response = _get(signed_in(analyst), "staff-incidents", borough=BURY)
    assert "Choose one of your boroughs from the list" in response.content.decode()
    assert response.context["data"] is None


def test_the_referrals_dashboard_counts_and_follows_referrals_through_the_stages(analyst):
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    first = build.referral(BOLTON, date(2026, 3, 1), born=date(2010, 3, 2), status="exited")  # 15
    second = build.referral(
        BOLTON,
        date(2026, 3, 2),
        born=None,
        age=17,
        concern_type="islamist",
        sector="police",
        status="signposted",
    )
    build.referral(BOLTON, date(2026, 3, 5), born=date(1990, 1, 1), status="to_screen")
    build.referral(BURY, date(2026, 3, 5))  # outside the analyst's scope
    build.screened(first, date(2026, 3, 3), coordinator)
    build.screened(second, date(2026, 3, 8), coordinator)
    build.at_panel(first, date(2026, 3, 10), coordinator, adopt_on=date(2026, 3, 10))
    build.exited(first, date(2026, 6, 1), coordinator)

    data = _get(signed_in(analyst), "staff-referrals", **MARCH).context["data"]
    assert data.total == 3
    concern = _table(data.by_concern)
    assert concern["Extreme right-wing"] == ("2",) and concern["Islamist"] == ("1",)
    ages = _table(data.by_age)
    assert ages["11 to 15"] == ("1",) and ages["16 to 17"] == ("1",) and ages["25 or over"] == ("1",)
    assert _table(data.by_sector)["Police"] == ("1",)
    assert _table(data.by_borough) == {"Bolton": ("3",)}
    assert _table(data.by_outcome)["Support ended"] == ("1",)
    stages = {row[0]: row[1:] for row in data.stage_table.rows}
    # Reached: 3, 2, 1, 1, 1. Days: referral → screened 2 and 6 (median 4); screened → panel 7;
    # panel → adopted 0; adopted → exited 10 March to 1 June, 83.
    assert stages["Referred"] == ("3", "100.0%", "\u2013", "4", "2")
    assert stages["Screened"] == ("2", "66.7%", "66.7%", "7", "1")
    assert stages["Discussed at a panel"] == ("1", "33.3%", "50.0%", "0", "1")
    assert stages["Adopted as a Channel case"] == ("1", "33.3%", "100.0%", "83", "1")
    assert stages["Support ended (exited)"][0] == "1"


def test_the_helpline_dashboard_counts_calls_by_outcome(analyst, manager):
    build.call(BOLTON, date(2026, 3, 2), "advice_only", manager)
    build.call(BOLTON, date(2026, 3, 3), "advice_only", manager)
    build.call(BOLTON, date(2026, 3, 4), "report_created", manager)
    build.call(BURY, date(2026, 3, 4), "report_created", manager)
    build.call(None, date(2026, 3, 4), "signposted", manager)
    mine = _get(signed_in(analyst), "staff-helpline", **MARCH).context["data"]
    assert mine.total == 3
    assert _table(mine.by_outcome)["Advice only"] == ("2",)
    everyone = _get(signed_in(manager), "staff-helpline", **MARCH).context["data"]
    assert everyone.total == 5  # calls with no borough count for the combined authority


def test_staff_without_the_insights_permission_are_refused():
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    for name in ("staff-incidents", "staff-referrals", "staff-helpline"):
        assert _get(signed_in(coordinator), name).status_code == 403


@pytest.mark.parametrize("name", ["staff-incidents", "staff-referrals", "staff-helpline", "staff-fairness"])
def test_each_dashboard_runs_the_same_number_of_queries_whatever_the_data(manager, name):
    client = signed_in(manager)
    _get(client, name, **MARCH)  # warm the session and the second-factor check

    def queries_for_dataset(size):
        coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
        for n in range(size):
            day = date(2026, 3, 1 + n % 28)
            build.incident(BOLTON if n % 2 else BURY, day, "race")
            build.tension_report(day, BOLTON)
            made = build.referral(BOLTON, day, ethnic_group="white_british")
            build.screened(made, day, coordinator)
            build.call(BOLTON, day, "advice_only", coordinator)
        with CaptureQueriesContext(connection) as captured:
            assert _get(client, name, **MARCH).status_code == 200
        return len(captured.captured_queries)

    assert queries_for_dataset(2) == queries_for_dataset(12)


def test_the_median_from_a_histogram_is_the_median_of_the_values_it_counts():
    import random
    import statistics

    from commonground.insights.queries.dashboards.referrals import _median

    rng = random.Random(7)
    assert _median({}) is None
    for _ in range(200):
        values = [rng.randint(0, 30) for _ in range(rng.randint(1, 25))]
        histogram = {v: values.count(v) for v in set(values)}
        assert _median(histogram) == statistics.median(values)


def test_the_worker_warms_the_monthly_totals_so_a_request_counts_no_whole_month(analyst, incidents):
    warm_dashboard_totals.call()
    with CaptureQueriesContext(connection) as warmed:
        response = _get(signed_in(analyst), "staff-incidents", **MARCH)

    assert response.context["data"].reports_total == 5
    # Complete months come from the warmed totals: no query groups the reports by month.
    assert not [q for q in warmed.captured_queries if "GROUP BY" in q["sql"] and "month" in q["sql"].lower()]
    # Renewed afresh: a report erased since is gone from the totals after the next warming.
    Report.objects.filter(submitted_at__date=date(2026, 3, 15)).delete()
    warm_dashboard_totals.call()
    assert _get(signed_in(analyst), "staff-incidents", **MARCH).context["data"].reports_total == 4
