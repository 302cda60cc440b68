"""CSV downloads never hand a spreadsheet a formula, whatever comes before it or however it is written."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from commonground.insights.presentation import safe_cell

FORMULA_CHARACTERS = [
    "=",
    "+",
    "-",
    "@",
    "|",
    "\uff1d",  # full-width =
    "\uff0b",  # full-width +
    "\uff0d",  # full-width -
    "\uff20",  # full-width @
    "\uff5c",  # full-width |
    "\ufe66",  # small equals sign
    "\u2212",  # minus sign
]
leading_whitespace = st.text(alphabet=st.sampled_from([" ", "\u00a0", "\u3000", "\u2003", "\t", "\n", "\r"]))


@given(leading_whitespace, st.sampled_from(FORMULA_CHARACTERS), st.text())
def test_a_cell_starting_like_a_formula_after_any_whitespace_gets_an_apostrophe(space, start, rest):
    text = space + start + rest
    assert safe_cell(text) == "'" + text


@given(st.text(min_size=1))
def test_a_cell_is_either_unchanged_or_prefixed_and_never_starts_with_a_formula_character(text):
    cell = safe_cell(text)
    assert cell in (text, "'" + text)
    first = cell.lstrip()[:1]
    assert unicodedata.normalize("NFKC", first)[:1] not in set("=+-@|") if first else True


@given(st.text(alphabet=st.characters(categories=["L", "N"]), min_size=1))
def test_words_and_numbers_are_written_as_they_are(text):
    if unicodedata.normalize("NFKC", text[0])[:1] not in set("=+-@|"):
        assert safe_cell(text) == text
