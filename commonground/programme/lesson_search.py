"""The words of a search in the lessons library: pure Python, so the rule is the same whichever
database answers it. A search is a few words typed into a box: punctuation is not a word, each word
counts once, and a very long search is cut to its first words rather than refused."""

import re

# Enough words for any real search; more would only make every query longer.
MOST_WORDS = 12
# A word of one letter ("a", "I") finds everything and nothing useful.
SHORTEST_WORD = 2

# A word may hold an apostrophe (typed or typographic) or a hyphen: "don't", "counter-narrative".
_WORD = re.compile("[^\\W_]+(?:['\u2019-][^\\W_]+)*")


def words_of(text: str) -> list[str]:
    """The distinct words of `text`, lower case, in the order typed, at most `MOST_WORDS`."""
    words: list[str] = []
    for match in _WORD.finditer(text or ""):
        word = match.group(0).lower().replace("\u2019", "'")
        if len(word) >= SHORTEST_WORD and word not in words:
            words.append(word)
        if len(words) == MOST_WORDS:
            break
    return words


def tags_of(text: str) -> list[str]:
    """Tags typed as a list separated by commas: each trimmed, spaces inside kept single, lower
    case, each once, none empty, each at most 60 characters (the tag's own limit)."""
    tags: list[str] = []
    for part in (text or "").split(","):
        tag = " ".join(part.split()).lower()[:60].strip()
        if tag and tag not in tags:
            tags.append(tag)
    return tags
