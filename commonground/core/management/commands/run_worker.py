import logging
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from commonground.core import task_queue
from commonground.core.schedule import enqueue_due
from commonground.core.worker import ResilientWorker

logger = logging.getLogger("commonground.worker")


class Command(BaseCommand):
    help = (
        "Run the background worker: executes queued tasks (emails, alerts, retention sweeps, reports) and "
        "enqueues scheduled ones when due. Run several on PostgreSQL to scale out; they share the queue. "
        "It waits out database outages; run it under a supervisor that restarts it if it stops."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls when idle")
        parser.add_argument("--batch", action="store_true", help="Run what is queued now, then exit")
        parser.add_argument("--no-scheduler", action="store_true", help="Do not enqueue scheduled tasks")

    def handle(self, interval, batch, no_scheduler, **options):
        if not no_scheduler:
            enqueued = enqueue_due()
            for name in enqueued:
                logger.info("Enqueued %s", name)
            if not batch:
                threading.Thread(target=self._schedule_forever, daemon=True, name="scheduler").start()
        worker = ResilientWorker(
            max_backoff=settings.WORKER_MAX_BACKOFF_SECONDS,
            queue_names=["*"],
            interval=interval,
            batch=batch,
            backend_name="default",
            startup_delay=not batch,
            max_tasks=None,
            worker_id=f"commonground-{threading.get_native_id()}",
            excluded_queue_names=[],
        )
        if not batch:
            worker.configure_signals()
        worker.run()

    def _schedule_forever(self) -> None:
        while True:
            time.sleep(30)
            try:
                close_old_connections()
                for name in enqueue_due():
                    logger.info("Enqueued %s", name)
                task_queue.alert_if_stuck()
            except Exception:
                logger.exception("The scheduler failed this round; it will try again")
