"""URLs of the panels part of casework."""

from django.urls import path

from commonground.safeguarding.views import panels

P = "staff/safeguarding/panels/"

urlpatterns: list = [
    path(P, panels.panels, name="panels"),
    path(f"{P}new/", panels.new_panel, name="new-panel"),
    path(f"{P}attendance/", panels.attendance_report, name="attendance-report"),
    path(f"{P}<int:meeting_id>/", panels.panel, name="panel"),
    path(f"{P}<int:meeting_id>/agenda/", panels.add_to_agenda, name="add-to-agenda"),
    path(f"{P}<int:meeting_id>/attendance/", panels.record_attendance, name="record-attendance"),
    path(f"{P}<int:meeting_id>/items/<int:item_id>/", panels.agenda_item, name="agenda-item"),
    path(
        f"{P}<int:meeting_id>/items/<int:item_id>/factors/",
        panels.record_factor_discussion,
        name="record-factor-discussion",
    ),
    path(
        f"{P}<int:meeting_id>/items/<int:item_id>/decision/",
        panels.record_panel_decision,
        name="record-panel-decision",
    ),
    path(f"{P}<int:meeting_id>/cases/<int:referral_id>/", panels.panel_case, name="panel-case"),
]
