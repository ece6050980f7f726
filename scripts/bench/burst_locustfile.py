"""The learners of ``make bench-burst`` (locust, headless; run by
scripts/bench/burst.py, never imported by the site).

Each simulated user is one distinct cohort learner (``burst_db.py setup``) and
walks the cohort's first session once, as a browser would: the sign-in page and
allauth's real form (CSRF token read from the page), the dashboard it redirects to,
the course page and its content note, the first two lessons (each read, then "Mark
as complete"), the module's quiz, its attempt page and the submitted answers (one
input per question from the page's radios and checkboxes: every other learner,
cohort-001, -003, ..., answers with the key, the others pick at random), then the
result page. 0.5–2 s of reading between steps. Redirects are not followed, so
every step is timed alone and its status and ``Location`` checked; a step that
fails ends that learner's journey. A learner whose journey is over waits, idle,
until the last one ends (a user that stopped would be replaced at once by locust,
and the replacements would crowd the ramp).

Environment: ``BURST_SETUP`` (burst_db.py setup's JSON), ``BURST_OUT`` (where every
request's timing and each journey's outcome are written as JSON when locust quits),
``BURST_FORWARDED=1``: each learner sends its own ``X-Forwarded-For`` address
(10.0.x.y), as the load balancer of production would pass on (the servers then run
with ``DJANGO_TRUSTED_PROXY_COUNT=1``); otherwise all of them come from 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import random
import re
import time
from pathlib import Path

import gevent
from locust import HttpUser, events, task

SETUP = json.loads(Path(os.environ["BURST_SETUP"]).read_text())
OUT = Path(os.environ["BURST_OUT"])
THINK = (0.5, 2.0)
FORWARDED = os.environ.get("BURST_FORWARDED") == "1"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ANSWER = re.compile(r'<input type="(radio|checkbox)" name="(q-\d+)"[^>]*value="(\d+)"')

queue = list(enumerate(SETUP["learners"]))
records: list[tuple] = []  # (start, name, ms, error)
journeys: list[dict] = []


@events.request.add_listener
def _record(request_type, name, response_time, exception, start_time=None, **kw):
    records.append(
        (start_time or time.time(), name, response_time, str(exception or "") or None)
    )


@events.quitting.add_listener
def _write(environment, **kw):
    OUT.write_text(json.dumps({"requests": records, "journeys": journeys}))


class StepFailed(Exception):
    pass


class CohortLearner(HttpUser):
    """One learner, one journey."""

    done = False

    def think(self) -> None:
        gevent.sleep(random.uniform(*THINK))

    def step(self, name: str, method: str, url: str, expect: int, **kw):
        with self.client.request(
            method, url, name=name, catch_response=True, allow_redirects=False, **kw
        ) as response:
            if response.status_code != expect:
                response.failure(f"{response.status_code} (wanted {expect})")
                raise StepFailed(f"{name}: {response.status_code}")
            response.success()
            return response

    def post(self, name: str, url: str, page, data=None, expect_in: str = ""):
        token = CSRF.search(page.text)
        if token is None:
            raise StepFailed(f"{name}: no CSRF token on the page")
        form = {"csrfmiddlewaretoken": token.group(1), **(data or {})}
        response = self.step(name, "POST", url, 302, data=form)
        location = response.headers.get("Location", "")
        if expect_in not in location:
            raise StepFailed(f"{name}: redirected to {location!r}")
        return location

    @task
    def journey(self) -> None:
        if self.done or not queue:
            self.done = True
            gevent.sleep(3600)  # until the last journey ends and locust quits
            return
        self.done = True
        index, email = queue.pop(0)
        if FORWARDED:
            address = f"10.0.{index // 250}.{index % 250 + 1}"
            self.client.headers["X-Forwarded-For"] = address
        outcome = {"email": email, "with_key": index % 2 == 0, "ok": False}
        started = time.perf_counter()
        try:
            self.walk(email, outcome)
            outcome["ok"] = True
        except StepFailed as error:
            outcome["error"] = str(error)
        outcome["seconds"] = round(time.perf_counter() - started, 3)
        journeys.append(outcome)
        if len(journeys) == len(SETUP["learners"]):
            gevent.spawn_later(0.1, self.environment.runner.quit)

    def walk(self, email: str, outcome: dict) -> None:
        login = "/en/accounts/login/"
        page = self.step("01 sign-in page", "GET", login, 200)
        self.think()
        credentials = {"login": email, "password": SETUP["password"]}
        after = self.post("02 sign in (POST)", login, page, credentials, "/dashboard/")
        self.step("03 dashboard", "GET", after, 200)
        self.think()
        page = self.step("04 course page", "GET", SETUP["course_url"], 200)
        if SETUP["content_note"]:
            note = f"/en/learn/courses/{SETUP['course_id']}/content-note/"
            self.post("05 content note (POST)", note, page, None, "/lesson-1-1/")
        for number, url in enumerate(SETUP["lesson_urls"], start=1):
            self.think()
            page = self.step(f"0{4 + 2 * number} lesson {number}", "GET", url, 200)
            done = re.search(r'action="(/en/learn/lessons/\d+/complete/)"', page.text)
            if done is None:
                raise StepFailed(f"lesson {number}: no 'Mark as complete' form")
            self.think()
            name = f"0{5 + 2 * number} lesson {number} complete (POST)"
            self.post(name, done[1], page)
        page = self.step("10 quiz page", "GET", SETUP["quiz_url"], 200)
        self.think()
        start = f"/en/learn/quizzes/{SETUP['quiz_id']}/attempts/"
        attempt = self.post("11 start attempt (POST)", start, page, None, "/attempts/")
        outcome["attempt"] = int(attempt.rstrip("/").rsplit("/", 1)[1])
        page = self.step("12 attempt page", "GET", attempt, 200)
        inputs: dict[str, list[str]] = {}
        for _kind, name, value in ANSWER.findall(page.text):
            inputs.setdefault(name, []).append(value)
        if len(inputs) != len(SETUP["key"]):
            raise StepFailed(f"attempt page: {len(inputs)} questions")
        answers = {
            name: (
                [str(c) for c in SETUP["key"][name.removeprefix("q-")]]
                if outcome["with_key"]
                else [random.choice(values)]
            )
            for name, values in inputs.items()
        }
        gevent.sleep(random.uniform(2 * THINK[0], 2 * THINK[1]))  # answering
        result = self.post(
            "13 submit answers (POST)", f"{attempt}submit/", page, answers, "/result/"
        )
        outcome["submitted"] = True
        page = self.step("14 result page", "GET", result, 200)
