"""The keys a person's details are found by, whichever app holds them. Pure: no Django.

A subject access search must find a person among millions of records in well under two seconds, so
each record that can hold a person keeps indexed search columns worked out by these rules, set on
its save path (and cleared when the details are erased):

- a **name key**: the Soundex code of the last word of the name and the first letter of the first
  ("Mohammed Khan" and "Muhammad Kahn" are both "K500 m"). Candidates are looked up by this key and
  then scored fuzzily (`safeguarding.matching`'s rule), so a misspelt name is still found;
- an **email key**: the address in lower case, spaces removed;
- a **phone key**: the digits only, a UK number written +44 or 0044 turned back into 0… .
"""

import unicodedata

_SOUNDEX = {
    **dict.fromkeys("bfpv", "1"),
    **dict.fromkeys("cgjkqsxz", "2"),
    **dict.fromkeys("dt", "3"),
    "l": "4",
    **dict.fromkeys("mn", "5"),
    "r": "6",
}


def normalise_name(name: str) -> str:
    """Accents removed, lower case, letters only, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    letters = "".join(c if c.isalpha() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.lower().split())


def soundex(word: str) -> str:
    """American Soundex of one word (letters a to z only): a letter and three digits."""
    letters = [c for c in normalise_name(word) if "a" <= c <= "z"]
    if not letters:
        return ""
    code, previous = letters[0].upper(), _SOUNDEX.get(letters[0], "")
    for letter in letters[1:]:
        digit = _SOUNDEX.get(letter, "")
        if digit and digit != previous:
            code += digit
            if len(code) == 4:
                break
        if letter not in "hw":
            previous = digit
    return code.ljust(4, "0")


def split_name(name: str) -> tuple[str, str]:
    """(first word, last word) of a full name; a single word is a last name."""
    words = normalise_name(name).split()
    if not words:
        return "", ""
    return (words[0] if len(words) > 1 else ""), words[-1]


def name_key_of(first: str, last: str) -> str:
    first_words, last_words = normalise_name(first).split(), normalise_name(last).split()
    if not last_words:
        return ""
    initial = first_words[0][0] if first_words else ""
    return f"{soundex(last_words[-1])} {initial}".strip()


def name_key(full_name: str) -> str:
    """The name key of a name written whole ("Amina Begum")."""
    first, last = split_name(full_name)
    return name_key_of(first, last)


def name_keys_to_look_up(full_name: str) -> list[str]:
    """The keys a searched name may be stored under: as written, and with its first and last words
    swapped (a name given surname first)."""
    first, last = split_name(full_name)
    keys = [name_key_of(first, last)]
    if first:
        keys.append(name_key_of(last, first))
    return [key for key in dict.fromkeys(keys) if key]


def email_key(email: str) -> str:
    return "".join((email or "").split()).lower()


def phone_key(phone: str) -> str:
    digits = "".join(c for c in (phone or "") if c.isdigit())
    if (phone or "").strip().startswith("+44") or digits.startswith("0044"):
        national = digits.removeprefix("00").removeprefix("44")
        # "+44 (0)7700 900123": the written trunk zero is kept, not doubled.
        digits = national if national.startswith("0") else "0" + national
    return digits
