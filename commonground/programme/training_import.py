"""Reading the attendance file a trainer already keeps (CSV): one row per person and session, with
the person (email or username), the course (key or title), the session's date, and the status or
the completion date. Pure: no Django; the action resolves people, courses and sessions.

Every problem is listed with its line number (the header is line 1), so the trainer can correct
their own file; a file with any problem is saved not at all."""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

MAX_BYTES = 512 * 1024
MAX_ROWS = 2000
DATE_FORMATS = ["%d/%m/%Y", "%d %m %Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]

# Header → column, in the words trainers use.
PERSON_HEADERS = {"email", "email address", "username", "person", "name or email"}
COURSE_HEADERS = {"course", "course key", "course title", "training"}
DATE_HEADERS = {"session date", "date", "session", "date of session"}
STATUS_HEADERS = {"status", "attendance", "outcome"}
COMPLETED_HEADERS = {"completed", "completed on", "completion date", "date completed"}

STATUSES = {
    "booked": "booked",
    "attended": "attended",
    "attended, not completed": "attended",
    "completed": "completed",
    "complete": "completed",
    "passed": "completed",
    "absent": "absent",
    "did not attend": "absent",
    "dna": "absent",
}


@dataclass(frozen=True)
class ImportRow:
    line: int
    person: str  # an email or a username, as typed
    course: str  # a course key or title, as typed
    session_on: date
    status: str  # one of the attendance statuses
    completed_on: date | None


@dataclass(frozen=True)
class RowProblem:
    line: int
    reason: str


class FileRefused(ValueError):
    """The file as a whole cannot be read (not text, too big, no header we know)."""


def parse_day(text: str) -> date | None:
    for date_format in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), date_format).date()
        except ValueError:
            continue
    return None


def _columns(header: list[str]) -> dict[str, int]:
    names = [cell.strip().lower() for cell in header]
    columns: dict[str, int] = {}
    for key, accepted in (
        ("person", PERSON_HEADERS),
        ("course", COURSE_HEADERS),
        ("date", DATE_HEADERS),
        ("status", STATUS_HEADERS),
        ("completed", COMPLETED_HEADERS),
    ):
        for index, name in enumerate(names):
            if name in accepted:
                columns[key] = index
                break
    missing = [
        label
        for key, label in (("person", "email or username"), ("course", "course"), ("date", "session date"))
        if key not in columns
    ]
    if missing:
        raise FileRefused("The first line must name the columns. Missing: " + ", ".join(missing) + ".")
    if "status" not in columns and "completed" not in columns:
        raise FileRefused("The first line must name a status column or a completed date column.")
    return columns


def decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise FileRefused(f"The file must be smaller than {MAX_BYTES // 1024} KB.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused("The file must be a CSV file saved as text (UTF-8).") from None


def _row(line: int, cells: list[str], columns: dict[str, int]) -> ImportRow | str:
    def cell(key: str) -> str:
        index = columns.get(key)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    person, course, day = cell("person"), cell("course"), cell("date")
    if not person:
        return "no email or username"
    if not course:
        return "no course"
    session_on = parse_day(day)
    if session_on is None:
        return (
            f"the session date '{day}' is not a date (write it as 27/03/2026)" if day else "no session date"
        )
    completed_text, status_text = cell("completed"), cell("status").lower()
    completed_on = parse_day(completed_text) if completed_text else None
    if completed_text and completed_on is None:
        return f"the completed date '{completed_text}' is not a date (write it as 27/03/2026)"
    status = STATUSES.get(status_text) if status_text else ("completed" if completed_on else None)
    if status is None:
        if not status_text:
            return "no status and no completed date"
        return f"the status '{cell('status')}' is not one of booked, attended, completed or absent"
    if status == "completed" and completed_on is None:
        completed_on = session_on
    if status != "completed" and completed_on is not None:
        return "a completed date is given but the status is not completed"
    return ImportRow(line, person, course, session_on, status, completed_on)


def parse_attendance(text: str) -> tuple[list[ImportRow], list[RowProblem]]:
    """The rows of the file and the problems found in it (blank lines are skipped)."""
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise FileRefused("The file is empty.") from None
    columns = _columns(header)
    rows: list[ImportRow] = []
    problems: list[RowProblem] = []
    first_seen: dict[tuple[str, str, date], int] = {}
    try:
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) + len(problems) >= MAX_ROWS:
                raise FileRefused(f"The file can have at most {MAX_ROWS} rows: split it into smaller files.")
            parsed = _row(line, cells, columns)
            if isinstance(parsed, str):
                problems.append(RowProblem(line, parsed))
                continue
            key = (parsed.person.lower(), parsed.course.lower(), parsed.session_on)
            if key in first_seen:
                problems.append(
                    RowProblem(
                        line, f"duplicate row: the same person, course and date as line {first_seen[key]}"
                    )
                )
                continue
            first_seen[key] = line
            rows.append(parsed)
    except csv.Error as error:
        raise FileRefused(f"The file could not be read as CSV: {error}.") from None
    return rows, problems
