"""Compile the message catalogues (locale/*/LC_MESSAGES/*.po) to .mo files with polib, so setting up
needs no GNU gettext. Unlike Django's compilemessages it checks each catalogue first and names the
file, line and entry of anything that would break a page: a broken line, a duplicate, a placeholder
such as %(reference)s that the English does not have, a stray %, or the wrong number of plural forms.
Nothing is written for a catalogue with a problem."""

import os
import re
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# One line of a .po file: blank, a comment (#, #:, #., #,, #|, #~ for obsolete entries), a keyword
# with a string, or a string continuing the one before. Strings may hold only gettext's escapes.
_STRING = r'"(?:[^"\\]|\\[\\"abfnrtv]|\\[0-7]{1,3}|\\x[0-9a-fA-F]+)*"'
_LINE = re.compile(
    rf"^\s*(?:#.*|(?:msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s+{_STRING}|{_STRING})?\s*$"
)
_MSGID = re.compile(rf"^\s*msgid\s+({_STRING})")
# A Python %-format placeholder: %(name)s, %d, %5.2f, or %% for a percent sign.
_PLACEHOLDER = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?(?P<type>[diouxXeEfFgGcrsa%])"
)


class MalformedCatalogue(Exception):
    pass


def _unquote(literal: str) -> str:
    return literal[1:-1].replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def _check_lines(path: Path) -> list[str]:
    """polib quietly accepts some broken lines (an unterminated string loses its last letter), so
    look at every line first."""
    problems = []
    current = None
    text = path.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        found = _MSGID.match(line)
        if found:
            current = _unquote(found.group(1))
        if not _LINE.match(line):
            after = f', in the entry msgid "{_short(current)}"' if current is not None else ""
            problems.append(f"line {number}{after}: not valid .po syntax: {line.strip()[:80]}")
    return problems


def _short(text: str, limit: int = 60) -> str:
    text = text.replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _placeholders(text: str) -> tuple[set[str], int, bool]:
    """Named placeholders, how many positional ones, and whether a lone % is left over."""
    named, positional = set(), 0
    for match in _PLACEHOLDER.finditer(text):
        if match.group("type") == "%":
            continue
        if match.group("name") is not None:
            named.add(match.group("name"))
        else:
            positional += 1
    stray = "%" in _PLACEHOLDER.sub("", text)
    return named, positional, stray


def _check_entry(entry: polib.POEntry, plurals: int | None) -> list[str]:
    problems = []
    where = f'line {entry.linenum}, msgid "{_short(entry.msgid)}"'
    if entry.msgid_plural:
        translations = [s for _, s in sorted(entry.msgstr_plural.items())]
        if any(translations) and plurals is not None and len(translations) != plurals:
            problems.append(
                f"{where}: has {len(translations)} plural forms but the header's Plural-Forms says {plurals}"
            )
    else:
        translations = [entry.msgstr]
    if "python-format" not in entry.flags:
        return problems
    source_named = _placeholders(entry.msgid)[0] | _placeholders(entry.msgid_plural or "")[0]
    source_positional = _placeholders(entry.msgid)[1]
    for translation in filter(None, translations):
        named, positional, stray = _placeholders(translation)
        if unknown := sorted(named - source_named):
            problems.append(
                f"{where}: the translation uses {', '.join(f'%({n})s' for n in unknown)}, "
                "which the English does not have"
            )
        if positional != source_positional:
            problems.append(
                f"{where}: the translation has {positional} unnamed placeholders, the English {source_positional}"
            )
        if stray:
            problems.append(
                f"{where}: the translation has a % that is not a placeholder: write %% for a percent sign"
            )
    return problems


def _plural_count(po: polib.POFile) -> int | None:
    found = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(found.group(1)) if found else None


def check_catalogue(path: Path) -> polib.POFile:
    """The parsed catalogue, or MalformedCatalogue naming every problem found."""
    problems = _check_lines(path)
    if not problems:
        try:
            po = polib.pofile(str(path), encoding="utf-8", check_for_duplicates=True)
        except (OSError, ValueError) as error:
            problems.append(str(error).replace(f" {path}", ""))
        else:
            plurals = _plural_count(po)
            for entry in po:
                if not entry.obsolete and not entry.fuzzy:
                    problems.extend(_check_entry(entry, plurals))
    if problems:
        raise MalformedCatalogue("\n".join(f"{path}: {problem}" for problem in problems))
    return po


def catalogues() -> list[Path]:
    return sorted(path for base in settings.LOCALE_PATHS for path in Path(base).glob("*/LC_MESSAGES/*.po"))


class Command(BaseCommand):
    help = "Compile every locale/*/LC_MESSAGES/*.po to .mo (with polib: no GNU gettext needed), checking each first."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Only check the catalogues; write nothing.")

    def handle(self, *args, check: bool = False, **options):
        found = catalogues()
        if not found:
            raise CommandError(
                f"No message catalogues (*/LC_MESSAGES/*.po) under {', '.join(map(str, settings.LOCALE_PATHS))}"
            )
        failures = []
        for path in found:
            try:
                po = check_catalogue(path)
            except MalformedCatalogue as problem:
                failures.append(str(problem))
                continue
            translated = len(po.translated_entries())
            total = len([entry for entry in po if not entry.obsolete])
            if not check:
                target = path.with_suffix(".mo")
                partial = target.with_suffix(".mo.partial")
                po.save_as_mofile(str(partial))
                os.replace(partial, target)  # never a half-written catalogue
            verb = "Checked" if check else "Compiled"
            self.stdout.write(f"{verb} {path} ({translated} of {total} messages translated)")
        if failures:
            raise CommandError("Malformed message catalogue:\n" + "\n".join(failures))
