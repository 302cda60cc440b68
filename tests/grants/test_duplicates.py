"""The duplicate rule, on its own: same organisation (by number or by normalised name) and a similar
event title."""

from hypothesis import given
from hypothesis import strategies as st

from commonground.grants.duplicates import Candidate, likely_duplicate, normalise_name, same_organisation

names = st.text(alphabet=st.characters(codec="ascii", categories=["L", "N", "Zs", "P"]), max_size=40)


def candidate(key, name="Breightmet Friends", charity="", company="", title="Street Feast"):
    return Candidate(
        key=key, organisation_name=name, charity_number=charity, company_number=company, event_title=title
    )


@given(names)
def test_normalising_a_name_twice_changes_nothing(name):
    assert normalise_name(normalise_name(name)) == normalise_name(name)


@given(names, st.sampled_from(["", " Ltd", " CIC", " Limited", "."]))
def test_legal_words_and_punctuation_do_not_make_another_organisation(name, suffix):
    if not normalise_name(name):
        return
    assert same_organisation(candidate(1, name=name), candidate(2, name=f"The {name.upper()}{suffix}"))


@given(names, names)
def test_an_application_is_never_its_own_duplicate(name, title):
    new = candidate(1, name=name, title=title)
    assert likely_duplicate(new, [new]) is None


@given(st.lists(names, max_size=5))
def test_another_organisation_is_never_a_duplicate(titles):
    new = candidate(1, name="Alpha Group", charity="1234567", title="Street Feast")
    others = [candidate(i + 2, name="Beta Group", charity="7654321", title=t) for i, t in enumerate(titles)]
    assert likely_duplicate(new, others) is None


def test_the_same_charity_number_with_a_similar_title_is_flagged():
    new = candidate(1, name="Friends of Breightmet", charity="1234567", title="Breightmet Street Feast 2027")
    earlier = candidate(
        7, name="Breightmet Friends Group", charity="1234567", title="Breightmet street feast"
    )
    assert likely_duplicate(new, [earlier]) == 7


def test_the_same_name_but_a_different_event_is_not_flagged():
    new = candidate(1, title="Interfaith football tournament")
    assert likely_duplicate(new, [candidate(2, title="Street Feast")]) is None


def test_the_closest_of_several_matches_is_named():
    new = candidate(1, title="Street Feast in the Park")
    others = [candidate(2, title="Street Feast"), candidate(3, title="Street Feast in the Park!")]
    assert likely_duplicate(new, others) == 3
