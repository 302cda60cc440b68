"""The words of a lessons search (`lesson_search`): pure Python, so importing it loads no Django,
and its rules hold for any text typed."""

import ast
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import commonground.programme
from commonground.programme.lesson_search import MOST_WORDS, SHORTEST_WORD, tags_of, words_of

PACKAGE = Path(commonground.programme.__file__).parent


def test_the_module_imports_only_the_standard_library():
    tree = ast.parse((PACKAGE / "lesson_search.py").read_text())
    imported = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    imported += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert [module for module in imported if module.split(".")[0] not in sys.stdlib_module_names] == []


def test_importing_it_loads_no_django():
    check = "import sys; assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django loaded'"
    subprocess.run(
        [sys.executable, "-c", f"import commonground.programme.lesson_search; {check}"],
        check=True,
        cwd=PACKAGE.parent.parent,
        env={"PYTHONPATH": str(PACKAGE.parent.parent)},
    )


@given(st.text())
def test_words_are_few_distinct_lower_case_and_never_punctuation(text):
    words = words_of(text)
    assert len(words) <= MOST_WORDS
    assert len(set(words)) == len(words)
    assert all(word == word.lower() and len(word) >= SHORTEST_WORD for word in words)
    assert all(word[0].isalnum() and word[-1].isalnum() for word in words)


@given(st.text())
def test_tags_are_trimmed_distinct_and_never_empty(text):
    tags = tags_of(text)
    assert len(set(tags)) == len(tags)
    assert all(tag and tag == tag.strip() and "," not in tag and len(tag) <= 60 for tag in tags)


def test_examples():
    assert words_of("Prevent lead, prevent LEAD; A&E") == ["prevent", "lead"]
    assert tags_of("Online, online safety ,  ") == ["online", "online safety"]
