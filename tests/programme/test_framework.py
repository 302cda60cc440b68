"""Framework versions (pure): the shipped reference data is sound, every kind of broken version is
refused with a message, and "what moves a borough up" is the next level's descriptor (none at 5)."""

import copy
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import commonground.programme
from commonground.programme import framework

REFERENCE = Path(commonground.programme.__file__).parent / "reference"


def shipped() -> dict:
    return json.loads((REFERENCE / "ni35_framework.json").read_text(encoding="utf-8"))


def test_the_shipped_framework_is_sound():
    assert framework.validate(shipped()) == []


def test_the_shipped_framework_has_four_reworded_dimensions_and_the_tension_one():
    dimensions = shipped()["dimensions"]
    assert len(dimensions) == 5
    for dimension in dimensions[:4]:
        assert dimension["source_title"]
        for descriptor in dimension["descriptors"]:
            assert descriptor["source_text"] and descriptor["text"] != descriptor["source_text"]
    assert dimensions[4]["key"] == "resilience-to-community-tension"
    assert not any(descriptor["source_text"] for descriptor in dimensions[4]["descriptors"])


def test_the_neutral_wording_names_no_single_community():
    for dimension in shipped()["dimensions"]:
        words = " ".join([dimension["title"]] + [d["text"] for d in dimension["descriptors"]])
        assert "Muslim" not in words


def test_the_source_and_licence_are_recorded():
    source = shipped()["source"]
    assert "NLGN" in source["licence"] and "quoted for reference" in source["licence"]
    assert "Stronger Together" in source["title"]


def broken(change) -> list[str]:
    version = copy.deepcopy(shipped())
    change(version)
    return framework.validate(version)


def test_four_descriptors_are_refused():
    problems = broken(lambda v: v["dimensions"][0]["descriptors"].pop())
    assert any("exactly 5 level descriptors, not 4" in problem for problem in problems)


def test_a_level_outside_one_to_five_is_refused():
    problems = broken(lambda v: v["dimensions"][1]["descriptors"][4].update(level=6))
    assert any("outside" in problem for problem in problems)
    assert any("level 5 is not described" in problem for problem in problems)


def test_a_repeated_level_is_refused():
    problems = broken(lambda v: v["dimensions"][1]["descriptors"][3].update(level=5))
    assert any("described more than once" in problem for problem in problems)


def test_a_repeated_dimension_key_is_refused():
    problems = broken(lambda v: v["dimensions"][2].update(key=v["dimensions"][0]["key"]))
    assert any("is used by another dimension" in problem for problem in problems)


def test_a_missing_text_and_a_bad_number_are_refused():
    assert broken(lambda v: v["dimensions"][0]["descriptors"][0].update(text=" "))
    assert broken(lambda v: v.update(number=0))
    assert broken(lambda v: v.update(dimensions=[]))


@given(st.lists(st.integers(min_value=-2, max_value=8), min_size=0, max_size=8))
def test_a_dimension_is_sound_exactly_when_its_levels_are_one_to_five(levels):
    version = {
        "key": "k",
        "number": 1,
        "title": "t",
        "dimensions": [
            {"key": "d", "title": "d", "descriptors": [{"level": n, "text": "x"} for n in levels]}
        ],
    }
    assert (framework.validate(version) == []) is (sorted(levels) == [1, 2, 3, 4, 5])


DESCRIPTORS = {level: f"level {level} text" for level in framework.LEVELS}


@pytest.mark.parametrize("current", [1, 2, 3, 4])
def test_what_moves_a_borough_up_is_the_next_levels_descriptor(current):
    assert framework.what_moves_up(DESCRIPTORS, current) == f"level {current + 1} text"


def test_level_five_has_nothing_above():
    assert framework.next_level(5) is None
    assert framework.what_moves_up(DESCRIPTORS, 5) is None


@pytest.mark.parametrize("level", [0, 6, -1, True, 2.5, "3"])
def test_a_level_outside_the_scale_is_an_error(level):
    with pytest.raises(ValueError):
        framework.next_level(level)
