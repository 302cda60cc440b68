"""Awarded grants as 360Giving open data, checked against the standard itself.

`assert_valid_360giving_package` below is written from the 360Giving Data Standard's published
documentation, in its public repository ThreeSixtyGiving/standard:

- `schema/360-giving-package-schema.json`: a package is an object whose required `grants` is an
  array of grants with no two alike (`uniqueItems`); `license`, when given, is a URI.
- `schema/360-giving-schema.json`: each grant requires `id`, `title`, `description`, `currency`,
  `amountAwarded` and `awardDate`. Types: `id`, `title`, `description` strings (the title "should
  be under 140 characters"); `currency` an ISO 4217 code; `amountAwarded`, `amountAppliedFor`,
  `amountDisbursed` numbers ("DO NOT include any currency symbols"); `awardDate` a date-time or
  YYYY-MM-DD; `dateModified` a full date-time; `plannedDates` an array of Events (`startDate`,
  `endDate` as YYYY-MM-DD); `recipientOrganization` and `fundingOrganization` arrays of
  Organizations, each requiring `id` and `name` (strings), with `charityNumber` and
  `companyNumber` strings without prefixes; `grantProgramme` an array of GrantProgrammes (`code`,
  `title`); `beneficiaryLocation` an array of Locations (`name`, `geoCode`, `geoCodeType`, the
  last from the geoCodeType codelist: LAD for a local authority district); `fromOpenCall` "Yes"
  or "No". Every grant published here names its funder and its recipient organisation, as the
  standard's guidance asks.
- `documentation/identifiers.md`: a grant's identifier is the publisher's 360Giving prefix (which
  starts with `360G`), a hyphen and an internal identifier, with no slashes or spaces; an
  organisation's identifier is an org-id.guide list code and the number from that list (GB-CHC
  for a charity in England and Wales, e.g. GB-CHC-1070468; GB-SC and GB-NIC for Scottish and
  Northern Irish charities; GB-COH for a company), or the publisher's 360G prefix and an internal
  identifier where it has no registration.

Beyond the standard, this partnership never publishes a private individual: none of the
Organization's personal fields (`contactName`, `email`, `telephone`, `streetAddress`,
`postalCode`) and no `recipientIndividual`. The property tests below build awards of every shape
(hypothesis) and check each record against all of this."""

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from commonground.grants import threesixtygiving as tsg

DATE = re.compile(r"^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$")
GRANT_ID = re.compile(r"^360G-[^/\\\s]+$")
ORGANISATION_ID = re.compile(
    r"^(GB-CHC-[0-9]{6,7}|GB-SC-SC[0-9]{6}|GB-NIC-[0-9]{5,6}|GB-COH-(?:[0-9]{8}|[A-Z]{2}[0-9]{6})"
    r"|360G-[^/\\\s]+)$"
)
REQUIRED = ("id", "title", "description", "currency", "amountAwarded", "awardDate")
PERSONAL_ORGANISATION_FIELDS = ("contactName", "email", "telephone", "streetAddress", "postalCode")
GEO_CODE_TYPES = {"LAD", "WD", "CTY", "RGN", "CTRY", "WPC", "MSOA", "LSOA", "OA"}

PUBLISHER = tsg.Publisher(
    prefix="360G-commonground-test",
    funder_id="360G-commonground-test-partnership",
    funder_name="Test partnership",
)


def is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def is_datetime(value) -> bool:
    if not isinstance(value, str) or "T" not in value:
        return False
    parsed = datetime.fromisoformat(value)
    return parsed.tzinfo is not None


def assert_valid_organisation(org: dict) -> None:
    assert isinstance(org.get("id"), str) and ORGANISATION_ID.match(org["id"]), org
    assert isinstance(org.get("name"), str) and org["name"].strip(), org
    for number in ("charityNumber", "companyNumber"):
        if number in org:
            assert isinstance(org[number], str) and not org[number].startswith("GB-"), org
    assert not set(PERSONAL_ORGANISATION_FIELDS) & set(org), org


def assert_valid_360giving_grant(grant: dict) -> None:
    for name in REQUIRED:
        assert name in grant, f"{name} is required"
    for name in ("id", "title", "description"):
        assert isinstance(grant[name], str) and grant[name].strip(), name
    assert GRANT_ID.match(grant["id"]), grant["id"]
    assert len(grant["title"]) < 141
    assert grant["currency"] == "GBP"
    for amount in ("amountAwarded", "amountAppliedFor", "amountDisbursed"):
        if amount in grant:
            assert is_number(grant[amount]), (amount, grant[amount])
    assert grant["amountAwarded"] > 0
    assert DATE.match(grant["awardDate"]) or is_datetime(grant["awardDate"])
    assert is_datetime(grant["dateModified"])
    for planned in grant.get("plannedDates", []):
        assert DATE.match(planned["startDate"])
        if "endDate" in planned:
            assert DATE.match(planned["endDate"]) and planned["endDate"] >= planned["startDate"]
    assert isinstance(grant["recipientOrganization"], list) and len(grant["recipientOrganization"]) == 1
    for org in grant["recipientOrganization"] + grant["fundingOrganization"]:
        assert_valid_organisation(org)
    for programme in grant.get("grantProgramme", []):
        assert isinstance(programme["code"], str) and programme["code"]
        assert isinstance(programme["title"], str)
    for place in grant.get("beneficiaryLocation", []):
        assert isinstance(place["name"], str) and place["name"]
        assert re.match(r"^[EWSN][0-9]{8}$", place["geoCode"]), place
        assert place["geoCodeType"] in GEO_CODE_TYPES
    assert grant.get("fromOpenCall", "Yes") in ("Yes", "No")
    assert "recipientIndividual" not in grant


def assert_valid_360giving_package(document: dict) -> None:
    assert isinstance(document["grants"], list)
    ids = [g["id"] for g in document["grants"]]
    assert len(ids) == len(set(ids)), "grants must be unique"
    if "license" in document:
        assert document["license"].startswith("https://")
    for grant in document["grants"]:
        assert_valid_360giving_grant(grant)


# --- Awards of every shape ---------------------------------------------------------------------------

words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=60)
names = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"), min_size=3, max_size=12
)
amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000"), places=2)
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))


# Building awards of every shape takes a while on a busy machine: that is not a failure.
PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def awards(draw, **fixed) -> tsg.Award:
    starts = draw(st.none() | days)
    first, last = draw(names), draw(names)
    assume(first.casefold() not in ("name", "withheld") and last.casefold() not in ("name", "withheld"))
    fields = {
        "reference": draw(st.from_regex(r"^CG-[0-9]{4}-[0-9]{4}$", fullmatch=True) | words.filter(str.strip)),
        "title": draw(words),
        "description": draw(words),
        "amount_awarded": draw(amounts),
        "amount_applied_for": draw(st.none() | amounts),
        "amount_disbursed": draw(st.none() | amounts),
        "award_date": draw(days),
        "organisation_name": draw(words.filter(str.strip)),
        "organisation_type": draw(
            st.sampled_from(["registered_charity", "cio", "cic", "clg", "community_group", "other"])
        ),
        "charity_number": draw(
            st.sampled_from(["", "1070468", " 1 070 468", "SC012345", "NIC100002", "abc", "12"])
        ),
        "company_number": draw(st.sampled_from(["", "01234567", "1234567", "SC123456", "??", "123456789"])),
        "round_code": draw(st.from_regex(r"^[a-z0-9-]{1,40}$", fullmatch=True)),
        "round_title": draw(words.filter(str.strip)),
        "starts_on": starts,
        "ends_on": (starts + timedelta(days=draw(st.integers(0, 3)))) if starts else None,
        "borough_name": "Bolton",
        "borough_code": draw(st.sampled_from(["", "E08000001"])),
        "modified_at": datetime(2027, 1, 1, tzinfo=UTC) + timedelta(minutes=draw(st.integers(0, 10**6))),
        "private_words": (f"{first} {last}", f"{first.lower()}.{last.lower()}@example.org"),
    }
    fields.update(fixed)
    return tsg.Award(**fields)


@PROPERTY
@given(st.lists(awards(), min_size=1, max_size=8, unique_by=lambda a: a.reference))
def test_any_awarded_set_gives_valid_records(awarded):
    document = tsg.package(awarded, PUBLISHER, licence_url="https://example.org/licence")
    assert len(document["grants"]) == len(awarded)
    assert_valid_360giving_package(document)


@PROPERTY
@given(awards())
def test_amounts_are_numbers_equal_to_the_awards(award):
    record = tsg.grant_record(award, PUBLISHER)
    assert is_number(record["amountAwarded"])
    assert Decimal(str(record["amountAwarded"])) == award.amount_awarded
    if award.amount_disbursed is not None:
        assert Decimal(str(record["amountDisbursed"])) == award.amount_disbursed


@PROPERTY
@given(awards(), st.sampled_from(["Thanks to {name} for organising", "{NAME} will lead", "Email {email}"]))
def test_never_a_persons_name_or_email(award, sentence):
    # Names marked so that they cannot occur by chance in the record's other words ("Yes", "GBP").
    first, last = (f"Qz{part}" for part in award.private_words[0].split())
    full_name, email = f"{first} {last}", f"{first.lower()}.{last.lower()}@example.org"
    text = sentence.format(name=full_name, NAME=full_name.upper(), email=email)
    award = tsg.Award(
        **{
            **award.__dict__,
            "private_words": (full_name, email),
            "reference": "CG-0001-0001",
            "title": text,
            "description": f"{text}. {last} says hello.",
            "organisation_name": "Demo Group",
            "round_title": "Round",
        }
    )
    record = tsg.grant_record(award, PUBLISHER)
    published = tsg.csv_text([record]) + repr(record)
    for private in (full_name, email, last):
        assert not re.search(rf"(?<!\w){re.escape(private)}(?!\w)", published, re.IGNORECASE), private


@PROPERTY
@given(awards(organisation_name="The {name} Trust"))
def test_a_group_named_after_its_contact_is_published_without_the_name(award):
    full_name = award.private_words[0]
    award = tsg.Award(**{**award.__dict__, "organisation_name": f"The {full_name} Trust"})
    name = tsg.grant_record(award, PUBLISHER)["recipientOrganization"][0]["name"]
    assert full_name.casefold() not in name.casefold()
    assert name == f"The {tsg.WITHHELD} Trust"


@PROPERTY
@given(st.lists(awards(), min_size=1, max_size=5, unique_by=lambda a: a.reference))
def test_the_csv_has_the_standards_titles_and_one_row_a_grant(awarded):
    records = tsg.package(awarded, PUBLISHER)["grants"]
    rows = list(csv.DictReader(io.StringIO(tsg.csv_text(records))))
    assert len(rows) == len(awarded)
    for row, record in zip(rows, records, strict=True):
        assert row["Identifier"] == record["id"]
        assert Decimal(row["Amount Awarded"]) == Decimal(str(record["amountAwarded"]))
        assert row["Recipient Org:Identifier"] == record["recipientOrganization"][0]["id"]
        assert row["Funding Org:Identifier"] == PUBLISHER.funder_id
        assert row["Currency"] == "GBP"
        for value in row.values():
            assert value.lstrip()[:1] not in ("=", "+", "@", "|"), "a cell a spreadsheet would run"


def test_the_csv_titles_are_the_standards_summary_table_titles():
    header = tsg.csv_text([]).strip().split(",")
    # From schema/summary-table/360-giving-schema-titles.csv/grants.csv in the standard's repository.
    standard = (  # noqa: SIM905 (the file's header line, as published)
        "Identifier,Title,Description,Currency,Amount Applied For,Amount Awarded,Amount Disbursed,Award Date,"
        "Planned Dates:Start Date,Planned Dates:End Date,Recipient Org:Identifier,Recipient Org:Name,"
        "Recipient Org:Charity Number,Recipient Org:Company Number,Beneficiary Location:Name,"
        "Beneficiary Location:Geographic Code,Beneficiary Location:Geographic Code Type,Funding Org:Identifier,"
        "Funding Org:Name,Grant Programme:Code,Grant Programme:Title,From an open call?,Last modified"
    ).split(",")
    assert header == standard


# --- Identifiers, by example -------------------------------------------------------------------------


def an_award(**fields) -> tsg.Award:
    defaults = {
        "reference": "CG-2027-0001",
        "title": "Street feast",
        "description": "A meal for neighbours",
        "amount_awarded": Decimal("1500.00"),
        "award_date": date(2027, 3, 1),
        "organisation_name": "Demo Riverside Community Association",
        "organisation_type": "community_group",
        "round_code": "community-events-2027",
        "round_title": "Community events 2027",
        "modified_at": datetime(2027, 3, 1, 10, tzinfo=UTC),
    }
    return tsg.Award(**{**defaults, **fields})


def test_a_charity_in_england_and_wales_is_identified_by_its_charity_number():
    org = tsg.grant_record(an_award(charity_number="1070 468"), PUBLISHER)["recipientOrganization"][0]
    assert org == {
        "id": "GB-CHC-1070468",
        "name": "Demo Riverside Community Association",
        "charityNumber": "1070468",
    }


def test_a_scottish_charity_and_a_company():
    assert tsg.recipient_identifier(an_award(charity_number="sc012345"), PUBLISHER) == "GB-SC-SC012345"
    company = tsg.grant_record(an_award(company_number="1234567"), PUBLISHER)["recipientOrganization"][0]
    assert company["id"] == "GB-COH-01234567" and company["companyNumber"] == "01234567"


def test_a_charity_number_comes_before_a_company_number():
    assert tsg.recipient_identifier(
        an_award(charity_number="1070468", company_number="01234567"), PUBLISHER
    ) == ("GB-CHC-1070468")


def test_an_unregistered_group_gets_a_stable_id_under_the_prefix():
    one = tsg.recipient_identifier(an_award(), PUBLISHER)
    again = tsg.recipient_identifier(
        an_award(organisation_name=" demo riverside  community ASSOCIATION "), PUBLISHER
    )
    other = tsg.recipient_identifier(an_award(organisation_name="Demo Hilltop Residents"), PUBLISHER)
    assert one == again != other
    assert re.match(r"^360G-commonground-test-org-[0-9a-f]{12}$", one)


def test_an_unusable_number_falls_back_to_the_prefix():
    assert tsg.recipient_identifier(an_award(charity_number="pending"), PUBLISHER).startswith("360G-")


def test_a_reference_with_slashes_or_spaces_becomes_a_safe_identifier():
    one = tsg.grant_identifier(an_award(reference="CG/2027 1"), PUBLISHER)
    other = tsg.grant_identifier(an_award(reference="CG 2027/1"), PUBLISHER)
    assert re.match(r"^360G-commonground-test-CG_2027_1_[0-9a-f]{8}$", one)
    assert one != other
    plain = tsg.grant_identifier(an_award(reference="CG-2027-0001"), PUBLISHER)
    assert plain == "360G-commonground-test-CG-2027-0001"


def test_planned_dates_and_borough():
    record = tsg.grant_record(
        an_award(
            starts_on=date(2027, 6, 5),
            ends_on=date(2027, 6, 6),
            borough_name="Bolton",
            borough_code="E08000001",
        ),
        PUBLISHER,
    )
    assert record["plannedDates"] == [{"startDate": "2027-06-05", "endDate": "2027-06-06"}]
    assert record["beneficiaryLocation"] == [{"name": "Bolton", "geoCode": "E08000001", "geoCodeType": "LAD"}]
    assert record["amountAwarded"] == 1500 and isinstance(record["amountAwarded"], int)
    assert record["awardDate"] == "2027-03-01"
    assert record["dateModified"] == "2027-03-01T10:00:00+00:00"
