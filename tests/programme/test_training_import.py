"""Importing a trainer's attendance file: a good file is saved in full and audited; a file with bad
rows lists every one of them by line, and saves nothing. The parsing module stays pure."""

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

import commonground
from commonground.core.models import AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.programme.models import Attendance, AttendanceStatus
from commonground.programme.training_import import MAX_ROWS, FileRefused, parse_attendance
from tests.conftest import signed_in
from tests.factories import UserFactory
from tests.programme.training_helpers import OLDHAM, agency_with_lead, session_on

pytestmark = pytest.mark.django_db
URL = "/staff/programme/training/sessions/import/"


@pytest.fixture
def world():
    agency, lead = agency_with_lead()
    sam = UserFactory(agency=agency, username="sam", email="sam.jones@example.org")
    kim = UserFactory(agency=agency, username="kim", email="kim@example.org")
    outsider = UserFactory(agency=agency_with_lead(OLDHAM)[0], email="out@example.org")
    session_on(date(2026, 3, 12), agency=agency, by=lead)
    session_on(date(2026, 3, 19), agency=agency, by=lead, key="channel-awareness")
    return lead, sam, kim, outsider


def _upload(client, text: str):
    return client.post(
        URL, {"file": SimpleUploadedFile("attendance.csv", text.encode(), "text/csv")}, follow=True
    )


def test_a_good_file_is_saved_and_audited(world):
    lead, sam, kim, _ = world
    text = (
        "Email,Course,Session date,Status,Completed\n"
        "sam.jones@example.org,prevent-awareness,12/03/2026,completed,12/03/2026\n"
        "kim,Channel awareness,2026-03-19,did not attend,\n"
        "\n"
        "SAM.JONES@example.org,channel-awareness,19/03/2026,attended,\n"
    )
    page = _upload(signed_in(lead), text).content.decode()
    assert "Attendance imported: 3 new, 0 updated" in page
    rows = {
        (a.person.username, a.session.course.key): (a.status, a.completed_on)
        for a in Attendance.objects.all()
    }
    assert rows == {
        ("sam", "prevent-awareness"): (AttendanceStatus.COMPLETED, date(2026, 3, 12)),
        ("kim", "channel-awareness"): (AttendanceStatus.ABSENT, None),
        ("sam", "channel-awareness"): (AttendanceStatus.ATTENDED, None),
    }
    events = AuditEvent.objects.filter(
        action=AuditAction.UPDATE, actor=lead, changes__imported="attendance file"
    )
    assert {e.subject_ref for e in events} == {f"core.user:{sam.pk}", f"core.user:{kim.pk}"}


def test_a_file_with_three_bad_rows_lists_them_all_and_saves_nothing(world):
    lead, _, _, _ = world
    text = (
        "email,course,session date,status\n"
        "sam.jones@example.org,prevent-awareness,12/03/2026,completed\n"  # good
        "nobody@example.org,prevent-awareness,12/03/2026,completed\n"  # line 3: unknown person
        "out@example.org,prevent-awareness,12/03/2026,completed\n"  # line 4: another agency
        "kim,knitting,12/03/2026,completed\n"  # line 5: unknown course
        "kim,prevent-awareness,31/02/2026,completed\n"  # line 6: not a date
        "sam.jones@example.org,prevent-awareness,12/03/2026,completed\n"  # line 7: duplicate of 2
    )
    page = _upload(signed_in(lead), text).content.decode()
    assert "rows need correcting: nothing was saved" in page
    assert "Line 3" in page and "Nobody with the email or username" in page
    assert "Line 4" in page and "does not work for your agency" in page
    assert "Line 5" in page and "No course called" in page
    assert "Line 6" in page and "is not a date" in page
    assert "Line 7" in page and "duplicate row" in page.lower()
    assert "Line 2" not in page
    assert not Attendance.objects.exists()


def test_only_a_training_lead_imports(world):
    _, sam, _, _ = world
    person = UserFactory(agency=sam.agency, roles=[Role.PARTNER_OFFICER])
    response = signed_in(person).post(
        URL, {"file": SimpleUploadedFile("a.csv", b"email,course,date,status\n")}
    )
    assert response.status_code == 403


def test_files_that_cannot_be_read_are_refused_with_a_reason():
    with pytest.raises(FileRefused, match="Missing: course"):
        parse_attendance("email,when,status\nsam,12/03/2026,completed\n")
    too_many = "email,course,date,status\n" + "sam,prevent-awareness,12/03/2026,completed\n" * (MAX_ROWS + 1)
    with pytest.raises(FileRefused, match="at most"):
        parse_attendance(too_many)


def test_the_parsing_module_loads_no_django():
    package = Path(commonground.__file__).parent.parent
    check = "import sys; assert not [m for m in sys.modules if m.split('.')[0] == 'django']"
    subprocess.run(
        [sys.executable, "-c", f"import commonground.programme.training_import; {check}"],
        check=True,
        cwd=package,
        env={"PYTHONPATH": str(package)},
    )
