"""Spotting a likely duplicate application: the same organisation (by its charity or company number,
or by its name once normalised) asking the same round for a similar event. Pure: no Django.

A match is only a flag for the grants officer to look at; an application is never refused for it."""

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

# Two event titles at least this similar (difflib's ratio, 0 to 1) describe the same event.
TITLE_SIMILARITY = 0.75

# Words that name the legal form rather than the group: "St Mary's Youth Club Ltd" is "st marys youth club".
_LEGAL_WORDS = {"the", "ltd", "limited", "cic", "cio", "plc", "llp", "inc", "charity", "trust"}
_NOT_WORD = re.compile(r"[^0-9a-z\s]")


@dataclass(frozen=True)
class Candidate:
    key: int
    organisation_name: str
    charity_number: str
    company_number: str
    event_title: str


def normalise_name(name: str) -> str:
    words = _NOT_WORD.sub("", (name or "").lower().replace("&", " and ")).split()
    kept = [word for word in words if word not in _LEGAL_WORDS]
    return " ".join(kept or words)


def _number(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def same_organisation(a: Candidate, b: Candidate) -> bool:
    if _number(a.charity_number) and _number(a.charity_number) == _number(b.charity_number):
        return True
    if _number(a.company_number) and _number(a.company_number) == _number(b.company_number):
        return True
    name = normalise_name(a.organisation_name)
    return bool(name) and name == normalise_name(b.organisation_name)


def title_similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, normalise_name(a), normalise_name(b)).ratio()


def likely_duplicate(new: Candidate, others: Iterable[Candidate]) -> int | None:
    """The key of the most similar earlier application from the same organisation, if any is close
    enough; None otherwise. `others` are the round's other sent applications."""
    best: tuple[float, int] | None = None
    for other in others:
        if other.key == new.key or not same_organisation(new, other):
            continue
        similarity = title_similarity(new.event_title, other.event_title)
        if similarity >= TITLE_SIMILARITY and (best is None or similarity > best[0]):
            best = (similarity, other.key)
    return best[1] if best else None
