"""The project pages: budget and spend by quarter with totals and the overspend said in words and
shown in red; the status history with reasons and dates; the 6-week staleness flag; risks closed;
evaluations with their report, downloaded only in scope and each download audited; milestones
waiting on their owner's home."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from commonground.core.models import AuditEvent
from commonground.core.roles import Role
from commonground.programme.models import ProjectEvaluation, ProjectStatusUpdate, QuarterBudget
from tests.conftest import signed_in
from tests.factories import BOLTON, OLDHAM, staff
from tests.programme.plans_world import a_lead, a_plan, a_project, a_world, an_objective, pdf

pytestmark = pytest.mark.django_db


def test_the_budget_table_shows_totals_and_each_overspend_in_words_and_red():
    world = a_world()
    page = (
        signed_in(world["lead"])
        .get(reverse("programme:project", args=[world["project"].pk]))
        .content.decode()
    )
    assert "£1,000.00" in page and "£900.00" in page and "£1,250.50" in page
    assert '<strong class="govuk-tag govuk-tag--red">Overspent by £250.50</strong>' in page
    assert "Within budget" in page
    assert "£2,000.00" in page and "£2,150.50" in page
    assert "Overspent by £150.50 in total" in page


def test_a_quarter_over_budget_is_saved_and_the_lead_is_told_by_how_much():
    lead = a_lead()
    project = a_project(an_objective(a_plan(lead), lead), lead)
    response = signed_in(lead).post(
        reverse("programme:project-budget", args=[project.pk]),
        {"quarter_of": "15/5/2026", "budget": "500", "spend": "620"},
        follow=True,
    )
    assert QuarterBudget.objects.get().spend == 620
    assert "spend is £120.00 over budget" in response.content.decode()


def test_a_negative_or_unreadable_amount_is_refused_kindly():
    lead = a_lead()
    project = a_project(an_objective(a_plan(lead), lead), lead)
    response = signed_in(lead).post(
        reverse("programme:project-budget", args=[project.pk]),
        {"quarter_of": "15/5/2026", "budget": "-5", "spend": "lots"},
    )
    page = response.content.decode()
    assert "The budget cannot be negative" in page
    assert "Enter the spend as a number of pounds" in page
    assert not QuarterBudget.objects.exists()


def test_a_status_update_is_recorded_with_its_reason_and_shown_as_history():
    world = a_world()
    client = signed_in(world["lead"])
    url = reverse("programme:project-new-status", args=[world["project"].pk])
    response = client.post(url, {"rag": "red", "reason": "", "as_of": "1/1/2026"})
    assert "Enter the reason for this status" in response.content.decode()
    client.post(
        url, {"rag": "red", "reason": "Funding withdrawn", "as_of": timezone.localdate().strftime("%d/%m/%Y")}
    )
    assert ProjectStatusUpdate.objects.count() == 2
    page = client.get(reverse("programme:project", args=[world["project"].pk])).content.decode()
    assert "Funding withdrawn" in page and "Venue delayed" in page
    assert page.index("Funding withdrawn") < page.index("Venue delayed")
    assert "Red: off track" in page and "Amber: at risk" in page


def test_a_project_not_updated_for_6_weeks_is_flagged_and_the_flag_goes_with_an_update():
    lead = a_lead()
    project = a_project(an_objective(a_plan(lead), lead), lead, started_days_ago=43)
    client = signed_in(lead)
    url = reverse("programme:project", args=[project.pk])
    assert "Status not updated for 6 weeks or more" in client.get(url).content.decode()
    client.post(
        reverse("programme:project-new-status", args=[project.pk]),
        {"rag": "green", "reason": "Sessions running", "as_of": timezone.localdate().strftime("%d/%m/%Y")},
    )
    assert "Status not updated for 6 weeks" not in client.get(url).content.decode()


def test_a_risk_is_added_with_its_scores_and_closed():
    world = a_world()
    client = signed_in(world["lead"])
    client.post(
        reverse("programme:project-new-risk", args=[world["project"].pk]),
        {
            "description": "Staff leave",
            "likelihood": "2",
            "impact": "5",
            "mitigation": "Cover agreed",
            "owner_person": "",
        },
    )
    page = client.get(reverse("programme:project", args=[world["project"].pk])).content.decode()
    assert "Staff leave" in page and "Cover agreed" in page
    client.post(reverse("programme:project-move-risk", args=[world["risk"].pk]), {"step": "closed"})
    world["risk"].refresh_from_db()
    assert world["risk"].status == "closed"
    assert AuditEvent.objects.filter(object_type="programme.projectrisk", action="update").exists()


def test_an_evaluation_with_a_report_is_recorded_and_its_download_audited():
    lead = a_lead()
    project = a_project(an_objective(a_plan(lead), lead), lead)
    client = signed_in(lead)
    response = client.post(
        reverse("programme:project-new-evaluation", args=[project.pk]),
        {
            "evaluated_on": timezone.localdate().strftime("%d/%m/%Y"),
            "method": "Interviews with youth workers",
            "findings": "Young people raised concerns earlier",
            "changes_made": "Two more clubs joined",
            "report": SimpleUploadedFile("findings.pdf", pdf(), content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    evaluation = ProjectEvaluation.objects.get()
    assert evaluation.report_content_type == "application/pdf"
    url = reverse("programme:project-evaluation-report", args=[project.pk, evaluation.pk])
    assert url in client.get(reverse("programme:project", args=[project.pk])).content.decode()
    download = client.get(url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert AuditEvent.objects.filter(
        object_type="programme.projectevaluation", object_id=str(evaluation.pk), action="view", actor=lead
    ).exists()
    assert signed_in(a_lead(OLDHAM)).get(url).status_code == 404


def test_a_report_that_is_not_a_document_is_refused_and_the_rest_kept():
    lead = a_lead()
    project = a_project(an_objective(a_plan(lead), lead), lead)
    response = signed_in(lead).post(
        reverse("programme:project-new-evaluation", args=[project.pk]),
        {
            "evaluated_on": timezone.localdate().strftime("%d/%m/%Y"),
            "method": "Typed method",
            "findings": "Typed findings",
            "changes_made": "Typed changes",
            "report": SimpleUploadedFile(
                "report.pdf", b"MZ\x90 an executable", content_type="application/pdf"
            ),
        },
    )
    page = response.content.decode()
    assert "The selected file must be a PDF" in page
    assert "Typed findings" in page
    assert not ProjectEvaluation.objects.exists()


def test_another_boroughs_lead_cannot_open_or_add_to_a_project():
    world = a_world()
    other = signed_in(a_lead(OLDHAM))
    project = world["project"]
    assert other.get(reverse("programme:project", args=[project.pk])).status_code == 404
    response = other.post(
        reverse("programme:project-new-milestone", args=[project.pk]),
        {"title": "Sneaky", "due_on": "1/1/2027"},
    )
    assert response.status_code == 404
    assert project.milestones.count() == 1


def test_a_milestone_owner_finds_it_on_their_home_and_marks_it_done():
    owner = staff(Role.PARTNER_OFFICER, BOLTON)
    lead = a_lead()
    project = a_project(an_objective(a_plan(lead), lead), lead)
    client = signed_in(lead)
    due = (timezone.localdate() - timedelta(days=1)).strftime("%d/%m/%Y")
    client.post(
        reverse("programme:project-new-milestone", args=[project.pk]),
        {"title": "Venue booked", "due_on": due, "owner_person": str(owner.pk)},
    )
    milestone = project.milestones.get()
    owner_client = signed_in(owner)
    home = owner_client.get(reverse("core:staff-home")).content.decode()
    assert "Your project milestones" in home
    assert reverse("programme:project-milestone", args=[milestone.pk]) in home
    page = owner_client.get(reverse("programme:project-milestone", args=[milestone.pk])).content.decode()
    assert "Overdue" in page and "Mark as done" in page
    owner_client.post(reverse("programme:project-milestone-done", args=[milestone.pk]))
    milestone.refresh_from_db()
    assert milestone.done_on == timezone.localdate()
    assert (
        reverse("programme:project-milestone", args=[milestone.pk])
        not in owner_client.get(reverse("core:staff-home")).content.decode()
    )
