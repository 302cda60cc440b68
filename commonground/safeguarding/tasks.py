"""Background tasks of safeguarding casework (django-tasks, run by `manage.py run_worker`). Each is
safe to run twice: a second run the same day sends nothing again."""

from django_tasks import task

from commonground.safeguarding.actions import information, retention


@task()
def chase_overdue_information_requests() -> int:
    """Weekday mornings: email the agencies whose information requests are overdue, at most once a
    day per request (see `actions.information.chase_overdue_information_requests`)."""
    return information.chase_overdue_information_requests()


@task()
def list_records_past_retention() -> int:
    """Daily: list the referrals past their retention period for a data protection officer to
    confirm (see `actions.retention`). Erases nothing by itself; a second run adds nothing."""
    return retention.list_records_past_retention()


@task()
def render_panel_pack(*, pack_id: int) -> str:
    """A large panel pack, rendered for the person who asked for it (see `actions.documents`)."""
    # Here, not at the top: actions.documents enqueues this task, so it imports this module.
    from commonground.safeguarding.actions.documents import render_prepared_panel_pack

    return render_prepared_panel_pack(pack_id)


@task()
def remove_expired_panel_packs() -> int:
    """Hourly: prepared panel packs hold personal data; delete those past their time."""
    # Here, not at the top: actions.documents enqueues render_panel_pack, so it imports this module.
    from commonground.safeguarding.actions.documents import remove_expired_panel_packs as remove

    return remove()
