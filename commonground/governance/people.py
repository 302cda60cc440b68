"""The subject access search's rules: which records a searched name matches, and how the records
found are grouped into the people they are about. Pure: no Django.

A name matches by `safeguarding.matching`'s rule (a fuzzy full name, or the same surname and first
initial), tried with the words of either name swapped. Two records are about the same person when
one leads to the other (a call logged against a report, a referral made from a report), when they
share an email address or a phone number, or when their names match and their dates of birth do
not disagree. A suggestion only: the officer chooses the records to disclose or erase."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher

from commonground.core import person_keys
from commonground.safeguarding.matching import PersonDetails, names_match


@dataclass(frozen=True)
class Candidate:
    source: str  # the kind of record, in words ("Report to the report line")
    ref: str  # "app.model:id", the audit trail's way of naming a record
    reference: str  # what staff quote (a report's or referral's reference), or ""
    name: str = ""
    date_of_birth: date | None = None
    email: str = ""
    phone: str = ""
    summary: str = ""
    when: date | None = None
    links: tuple[str, ...] = ()  # refs of records this one leads to
    mentions: str = ""  # for free text found by a name (a call's notes): the name it mentions


@dataclass
class Person:
    name: str
    date_of_birth: date | None
    records: list[Candidate] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(record.source for record in self.records))


def _details(name: str) -> PersonDetails:
    first, last = person_keys.split_name(name)
    return PersonDetails(first_name=first, last_name=last)


def name_matches(searched: str, found: str) -> bool:
    if not person_keys.normalise_name(searched) or not person_keys.normalise_name(found):
        return False
    a, b = _details(searched), _details(found)
    swapped = PersonDetails(first_name=b.last_name, last_name=b.first_name)
    return names_match(a, b) or (bool(b.first_name) and names_match(a, swapped))


WORD_RATIO = 0.8


def _close(word: str, other: str) -> bool:
    return word == other or SequenceMatcher(None, word, other).ratio() >= WORD_RATIO


def text_mentions(searched: str, text: str) -> bool:
    """Free text (a call's notes) mentions the name: each word of it, or a close spelling, in any
    order ("Aminah Begum" is mentioned by "Amina Begum called")."""
    words = person_keys.normalise_name(searched).split()
    haystack = set(person_keys.normalise_name(text).split())
    return bool(words) and all(any(_close(word, other) for other in haystack) for word in words)


def _linked(a: Candidate, b: Candidate) -> bool:
    return a.ref in b.links or b.ref in a.links


def _same_person(a: Candidate, b: Candidate) -> bool:
    if _linked(a, b):
        return True
    if a.email and person_keys.email_key(a.email) == person_keys.email_key(b.email):
        return True
    if a.phone and person_keys.phone_key(a.phone) == person_keys.phone_key(b.phone):
        return True
    if a.date_of_birth and b.date_of_birth and a.date_of_birth != b.date_of_birth:
        return False
    name_a, name_b = a.name or a.mentions, b.name or b.mentions
    return bool(name_a and name_b) and name_matches(name_a, name_b)


def group_into_people(candidates: Iterable[Candidate]) -> list[Person]:
    """Each group of records joined by `_same_person`, directly or through others, never joining two
    groups whose dates of birth differ (unless one record leads to the other); the people with the
    most records first. Quadratic in the records found, which a search keeps to a few hundred."""
    records = list(dict.fromkeys(candidates))
    parent = list(range(len(records)))
    born: dict[int, date | None] = {i: record.date_of_birth for i, record in enumerate(records)}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(records)):
        for j in range(i + 1, len(records)):
            a, b = root(i), root(j)
            if a == b or not _same_person(records[i], records[j]):
                continue
            if born[a] and born[b] and born[a] != born[b] and not _linked(records[i], records[j]):
                continue
            parent[b] = a
            born[a] = born[a] or born[b]
    groups: dict[int, list[Candidate]] = {}
    for i, record in enumerate(records):
        groups.setdefault(root(i), []).append(record)
    people = []
    for members in groups.values():
        named = [m.name for m in members if m.name]
        dates = [m.date_of_birth for m in members if m.date_of_birth]
        people.append(
            Person(
                name=max(named, key=len) if named else "",
                date_of_birth=dates[0] if dates else None,
                records=sorted(members, key=lambda m: (m.source, m.ref)),
            )
        )
    return sorted(people, key=lambda p: (-len(p.records), p.name))
