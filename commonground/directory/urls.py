"""The directories of reporting centres and meeting spaces. The public finders under /find/; staff
pages under /staff/directory/: the list, adding and editing entries, each entry's page with its
audits, recording an audit."""

from django.urls import path

from commonground.directory.views import public, staff

app_name = "directory"

S = "staff/directory/"

urlpatterns: list = [
    # The public finders
    path("find/", public.start, name="find"),
    path("find/<slug:finder>/", public.search, name="finder"),
    path("find/<slug:finder>/<int:entry_id>/", public.entry, name="entry"),
    # Staff pages
    path(S, staff.entry_list, name="staff-list"),
    path(f"{S}new/", staff.new_entry, name="staff-new"),
    path(f"{S}<int:entry_id>/", staff.entry, name="staff-entry"),
    path(f"{S}<int:entry_id>/edit/", staff.edit_entry, name="staff-edit"),
    path(f"{S}<int:entry_id>/withdraw/", staff.withdraw_entry, name="staff-withdraw"),
    path(f"{S}<int:entry_id>/publish/", staff.publish_entry, name="staff-publish"),
    path(f"{S}<int:entry_id>/audit/", staff.record_audit, name="staff-audit"),
    path(f"{S}actions/<int:action_id>/done/", staff.action_done, name="staff-action-done"),
]
