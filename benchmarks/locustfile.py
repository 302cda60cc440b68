"""Load for the report line (run by benchmarks/reports_load.py, not by hand).

JourneyReporter: a person walking the whole hate-incident journey, pausing 0.5–2 s on each page
(people take longer; the short pauses make the load heavier), then sending it.
SubmitOnly: the submit step alone, each time with fresh signed answers (a new submission key).
BareInsert: the reference point, a view that inserts one row.
"""

import os
import random
import re
import uuid

import gevent
from locust import HttpUser, SequentialTaskSet, between, constant, events, task

ANSWERS = [
    ("who", {"reporter_role": "witness"}),
    ("what", {"description": "Abuse shouted at a bus stop (load test)."}),
    ("when", {"happened_on": "1/11/2026"}),
    ("where", {"where": "place"}),
    ("place", {"postcode": "", "borough": "E08000001", "street": "Bus stop"}),
    ("why", {"strand_codes": ["religion"]}),
    ("police", {"reported_to_police": "no"}),
    ("support", {"wants_support": "no"}),
    ("share", {}),
    ("contact", {}),
]
CONFIRMATIONS = {"count": 0}
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SIGNED = re.compile(r'name="answers" value="([^"]+)"')


def _csrf(response) -> str:
    match = TOKEN.search(response.text)
    return match.group(1) if match else ""


class Journey(SequentialTaskSet):
    """One page at a time, with a person's pause between pages."""

    def on_start(self):
        self.client.cookies.clear()
        self.token = uuid.uuid4().hex
        self.page = self.client.get("/report/hate-incident/who/", name="question (GET)")

    @task
    def answer_questions(self):
        for step, data in ANSWERS:
            if step == "what":
                # A token per journey, to match confirmations shown with reports stored.
                data = {"description": f"Abuse shouted at a bus stop (load test {self.token})."}
            self.page = self.client.post(
                f"/report/hate-incident/{step}/",
                {**data, "csrfmiddlewaretoken": _csrf(self.page)},
                name="question (POST)",
            )
            gevent.sleep(random.uniform(0.5, 2.0))

    @task
    def send(self):
        signed = SIGNED.search(self.page.text)
        with self.client.post(
            "/report/hate-incident/check/",
            {"answers": signed.group(1) if signed else "", "csrfmiddlewaretoken": _csrf(self.page)},
            name="submit",
            catch_response=True,
        ) as sent:
            if "Report sent" in sent.text and "CG-" in sent.text:
                CONFIRMATIONS["count"] += 1
                CONFIRMATIONS.setdefault("tokens", []).append(self.token)
                sent.success()
            else:
                sent.failure(f"no confirmation (status {sent.status_code})")
        self.interrupt(reschedule=False)


class JourneyReporter(HttpUser):
    weight = int(os.environ.get("JOURNEY_WEIGHT", "1"))
    wait_time = between(1, 3)
    tasks = [Journey]


class SubmitOnly(HttpUser):
    weight = int(os.environ.get("SUBMIT_WEIGHT", "0"))
    wait_time = constant(0)

    def on_start(self):
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings_bench")
        django.setup()
        page = self.client.get("/report/hate-incident/who/", name="setup")
        self.token = _csrf(page)
        from commonground.reports.journey import JOURNEYS, sign_answers

        self.journey = JOURNEYS["hate-incident"]
        self.sign = sign_answers

    @task
    def submit(self):
        signed = self.sign(self.journey, dict(ANSWERS), uuid.uuid4().hex, [])
        with self.client.post(
            "/report/hate-incident/check/",
            {"answers": signed, "csrfmiddlewaretoken": self.token},
            name="submit only",
            allow_redirects=False,
            catch_response=True,
        ) as sent:
            if sent.status_code == 302:
                CONFIRMATIONS["count"] += 1
                sent.success()
            else:
                sent.failure(f"status {sent.status_code}")


class BareInsert(HttpUser):
    weight = int(os.environ.get("BARE_WEIGHT", "0"))
    wait_time = constant(0)

    @task
    def insert(self):
        self.client.post("/bench/insert/", {"body": "x"}, name="bare insert")


@events.quitting.add_listener
def _report_confirmations(environment, **kwargs):
    path = os.environ.get("CONFIRMATIONS_FILE")
    if path:
        with open(path, "w") as handle:
            handle.write(str(CONFIRMATIONS["count"]))
        with open(f"{path}.tokens", "w") as handle:
            handle.write("\n".join(CONFIRMATIONS.get("tokens", [])))
