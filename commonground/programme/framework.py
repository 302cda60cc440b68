"""Checking a self-assessment framework version, and "what moves a borough up". Pure: no Django.

A framework version is plain data, as stored in reference/ni35_framework.json:
{"key", "number", "title", "dimensions": [{"key", "title", "descriptors": [{"level", "text"}]}]}."""

from collections.abc import Mapping, Sequence
from typing import Any

LEVELS = (1, 2, 3, 4, 5)
LOWEST_LEVEL, HIGHEST_LEVEL = LEVELS[0], LEVELS[-1]


def validate(version: Mapping[str, Any]) -> list[str]:
    """Every problem with a framework version, in words; an empty list when it is sound."""
    problems: list[str] = []
    for field in ("key", "title"):
        if not str(version.get(field) or "").strip():
            problems.append(f"The framework needs a {field}.")
    number = version.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        problems.append("The version number must be a whole number from 1.")
    dimensions = version.get("dimensions") or []
    if not dimensions:
        problems.append("The framework needs at least one dimension.")
    seen_keys: set[str] = set()
    for position, dimension in enumerate(dimensions, start=1):
        key = str(dimension.get("key") or "").strip()
        name = f"Dimension {position}" + (f" ({key})" if key else "")
        if not key:
            problems.append(f"{name} needs a key.")
        elif key in seen_keys:
            problems.append(f"{name}: the key “{key}” is used by another dimension.")
        seen_keys.add(key)
        if not str(dimension.get("title") or "").strip():
            problems.append(f"{name} needs a title.")
        problems.extend(
            f"{name}: {problem}" for problem in _descriptor_problems(dimension.get("descriptors") or [])
        )
    return problems


def _descriptor_problems(descriptors: Sequence[Mapping[str, Any]]) -> list[str]:
    problems = []
    if len(descriptors) != len(LEVELS):
        problems.append(f"it needs exactly {len(LEVELS)} level descriptors, not {len(descriptors)}.")
    levels = [descriptor.get("level") for descriptor in descriptors]
    strays = [level for level in levels if level not in LEVELS]
    if strays:
        problems.append(f"levels run from {LOWEST_LEVEL} to {HIGHEST_LEVEL}; {strays} is outside.")
    repeated = sorted({level for level in levels if level in LEVELS and levels.count(level) > 1})
    if repeated:
        problems.append(f"level {', '.join(map(str, repeated))} is described more than once.")
    missing = [level for level in LEVELS if level not in levels]
    if missing and len(descriptors) == len(LEVELS):
        problems.append(f"level {', '.join(map(str, missing))} is not described.")
    if any(not str(descriptor.get("text") or "").strip() for descriptor in descriptors):
        problems.append("every level descriptor needs its text.")
    return problems


def is_valid_level(level: object) -> bool:
    return isinstance(level, int) and not isinstance(level, bool) and LOWEST_LEVEL <= level <= HIGHEST_LEVEL


def next_level(current: int) -> int | None:
    """The level above `current`, or None at the top."""
    if not is_valid_level(current):
        raise ValueError(
            f"A level is a whole number from {LOWEST_LEVEL} to {HIGHEST_LEVEL}, not {current!r}."
        )
    return None if current == HIGHEST_LEVEL else current + 1


def what_moves_up(descriptors: Mapping[int, str], current: int) -> str | None:
    """The descriptor of the level above `current` (what the borough works towards); None at level 5.
    `descriptors` maps level → text for one dimension."""
    target = next_level(current)
    return None if target is None else descriptors[target]
