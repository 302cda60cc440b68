from django.core.management.base import BaseCommand, CommandError

from commonground.core import task_queue


class Command(BaseCommand):
    help = (
        "Report the background queue's health: tasks waiting, the oldest wait, tasks left running and "
        "failures in the last day. Exits with status 1 when the queue is stuck (for an outside monitor)."
    )

    def handle(self, **options):
        state = task_queue.queue_state()
        oldest = state.oldest_ready_at.isoformat() if state.oldest_ready_at else "none"
        self.stdout.write(
            f"waiting: {state.ready} (oldest since {oldest}); left running: {state.running_too_long}; "
            f"failed in the last 24 hours: {state.failed_recently}"
        )
        if task_queue.queue_is_stuck(state):
            raise CommandError("The background queue is stuck: check that the workers are running.")
        self.stdout.write("The background queue is healthy.")
