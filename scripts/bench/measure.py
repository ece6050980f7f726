"""In-process half of ``make bench`` (run by scripts/bench/run.py, never imported).

``prepare``: the stock Wagtail page, the bench's signed-in learner and a batch of
in-progress 20-question attempts with sessions for the quiz-submit load.
``inprocess``: queries per request (CaptureQueriesContext on the URLs the load
generator hits), one certificate PDF (median), signing one credential (median),
issuing one certificate and a bulk approval of 500 (``inprocess_certificates``), a
ZIP of 1,000 certificates and a CSV export of 100,000 progress rows (time, time to
first byte, peak RSS growth).
Both print one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from inprocess_certificates import bulk_approval, certificate_issue  # noqa: E402
from wagtail.models import Page  # noqa: E402

from courses.models import (  # noqa: E402
    CoursePage,
    HomePage,
    InterviewPracticePage,
    LessonPage,
    QuizPage,
)
from lms.demo.bench import bench_email  # noqa: E402
from lms.models import (  # noqa: E402
    AttemptStatus,
    Enrollment,
    LessonProgress,
    QuizAttempt,
    User,
)

STOCK_SLUG = "bench-stock"
SUBMIT_ATTEMPTS = 3000
PRACTICE_ROUNDS = 2000
CHECK_REPEATS = 5000  # POSTs of one credential to the verification page


def _session_cookie(user) -> str:
    from importlib import import_module

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def ensure_stock_page() -> Page:
    """A bare ``wagtailcore.Page`` under the home page: Wagtail's own serve path
    with a one-line template (scripts/bench/templates/wagtailcore/page.html)."""
    page = Page.objects.filter(slug=STOCK_SLUG).first()
    if page is None:
        page = Page(title="Stock Wagtail page", slug=STOCK_SLUG, live=True)
        page.title_en, page.slug_en = page.title, STOCK_SLUG
        page.title_es, page.slug_es = "Página Wagtail simple", f"{STOCK_SLUG}-es"
        HomePage.objects.get().add_child(instance=page)
    return page


def _submit_entries(count: int) -> list[dict]:
    """In-progress attempts on enrollments that have none, with their owners'
    sessions, and answers (17 of 20 right for every other one, else 12)."""
    quizzes = {q.pk: q for q in QuizPage.objects.all()}
    course_quiz = {}
    for quiz in quizzes.values():
        course_quiz[quiz.get_parent().get_parent().pk] = quiz
    busy = QuizAttempt.objects.filter(status=AttemptStatus.IN_PROGRESS).values(
        "enrollment_id"
    )
    # Excluded in the query, not after slicing: a reused bench database keeps the
    # earlier runs' unused in-progress attempts on the first enrollments.
    enrollments = list(
        Enrollment.objects.filter(completed_at__isnull=True)
        .exclude(user__email=bench_email(1))
        .exclude(pk__in=busy)
        .order_by("pk")
        .select_related("user")[:count]
    )
    keys = {}
    for quiz in course_quiz.values():
        keys[quiz.pk] = [
            (
                q.pk,
                [c.pk for c in q.choices.all()],
                {c.pk for c in q.choices.all() if c.is_correct},
            )
            for q in quiz.questions.prefetch_related("choices")
        ]
    attempts, plans = [], []
    for index, enrollment in enumerate(enrollments):
        quiz = course_quiz[enrollment.course_id]
        key = keys[quiz.pk]
        number = (
            QuizAttempt.objects.filter(enrollment=enrollment, quiz=quiz).count() + 1
        )
        attempts.append(
            QuizAttempt(
                enrollment=enrollment,
                quiz=quiz,
                user_id=enrollment.user_id,
                number=number,
                started_at=timezone.now(),
                questions=[{"id": q, "choices": choices} for q, choices, _r in key],
            )
        )
        right = 17 if index % 2 == 0 else 12
        answers = []
        for n, (q, choices, correct) in enumerate(key):
            chosen = (
                sorted(correct)
                if n < right
                else [next(c for c in choices if c not in correct)]
            )
            answers += [f"q-{q}={c}" for c in chosen]
        plans.append((enrollment.user, answers))
    QuizAttempt.objects.bulk_create(attempts, batch_size=500)
    sessions: dict[int, str] = {}
    entries = []
    for attempt, (user, answers) in zip(attempts, plans, strict=True):
        if user.pk not in sessions:
            sessions[user.pk] = _session_cookie(user)
        token = secrets.token_hex(16)  # a 32-character CSRF secret, cookie and form
        entries.append(
            {
                "path": f"/en/learn/attempts/{attempt.pk}/submit/",
                "cookie": f"sessionid={sessions[user.pk]}; csrftoken={token}",
                "body": "&".join([f"csrfmiddlewaretoken={token}", *answers]),
            }
        )
    return entries


def _write_entries(path, entries: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for entry in entries:
            out.write(f"{entry['path']}\t{entry['cookie']}\t{entry['body']}\n")


def _move_entries(practice, count: int) -> list[dict]:
    """Rounds of ``practice`` waiting at its first node, for enrollments of its
    course that have none (content note read), each with its owner's session and
    the first option: every POST is a real first move."""
    from courses.services import get_practice_graph
    from lms.models import PracticeRound

    graph = get_practice_graph(practice)
    option = graph.options(graph.start_key)[0]
    course = CoursePage.objects.ancestor_of(practice).get()
    played = PracticeRound.objects.filter(practice=practice).values("enrollment_id")
    enrollments = list(
        Enrollment.objects.filter(course=course, left_at__isnull=True)
        .exclude(user__email=bench_email(1))
        .exclude(pk__in=played)
        .order_by("pk")
        .select_related("user")[:count]
    )
    Enrollment.objects.filter(pk__in=[e.pk for e in enrollments]).update(
        content_note_acknowledged_at=timezone.now()
    )
    rounds = PracticeRound.objects.bulk_create(
        [
            PracticeRound(
                enrollment=e, practice=practice, number=1, current_key=graph.start_key
            )
            for e in enrollments
        ],
        batch_size=500,
    )
    if rounds and not rounds[0].pk:
        rounds = list(PracticeRound.objects.filter(practice=practice, moves_count=0))
    by_enrollment = {r.enrollment_id: r for r in rounds}
    entries = []
    for enrollment in enrollments:
        token = secrets.token_hex(16)
        round_id = by_enrollment[enrollment.pk].pk
        entries.append(
            {
                "path": f"/en/learn/practice-rounds/{round_id}/moves/",
                "cookie": f"sessionid={_session_cookie(enrollment.user)}; "
                f"csrftoken={token}",
                "body": f"csrfmiddlewaretoken={token}&node={graph.start_key}"
                f"&option={option.pk}",
            }
        )
    return entries


def _credential_entries(certificate) -> tuple[str, dict]:
    """The holder's session (for the credential download) and one POST of the
    certificate's signed credential to the verification page."""
    from urllib.parse import quote

    from certificates.credentials.signing import get_signed_credential

    credential, _offline = get_signed_credential(certificate)
    token = secrets.token_hex(16)
    jws = credential if isinstance(credential, str) else json.dumps(credential)
    return f"sessionid={_session_cookie(certificate.user)}", {
        "path": "/en/verify/credential/",
        "cookie": f"csrftoken={token}",
        "body": f"csrfmiddlewaretoken={token}&text={quote(jws)}",
    }


def prepare(args) -> dict:
    cache.clear()
    ensure_stock_page()
    course = CoursePage.objects.filter(import_key="bench-01").get()
    lesson = LessonPage.objects.descendant_of(course).live().order_by("path").first()
    from certificates.models import Certificate, CertificateStatus

    certificate = (
        Certificate.objects.filter(status=CertificateStatus.VALID)
        .order_by("pk")
        .first()
    )
    entries = _submit_entries(args.attempts)
    _write_entries(args.entries, entries)
    practice = InterviewPracticePage.objects.descendant_of(course).live().first()
    moves = _move_entries(practice, args.rounds) if practice else []
    _write_entries(f"{args.entries}.moves", moves)
    holder_cookie, check = _credential_entries(certificate)
    _write_entries(f"{args.entries}.check", [check] * CHECK_REPEATS)
    return {
        "urls": {
            "ceiling": "/bench/ok",
            "stock": f"/en/{STOCK_SLUG}/",
            "catalogue": course.get_parent().specific.get_url(),
            "course": course.get_url(),
            "lesson": lesson.get_url(),
            "dashboard": "/en/dashboard/",
            "verify": f"/en/verify/{certificate.code}/",
            "practice": practice.get_url() if practice else None,
            "credential": f"/en/certificates/{certificate.code}/credential/",
            "verify_credential": "/en/verify/credential/",
        },
        "learner": bench_email(1),
        "holder_cookie": holder_cookie,
        "holder": certificate.user.email,
        "submit_entries": len(entries),
        "move_entries": len(moves),
        "check_entries": CHECK_REPEATS,
        "counts": {
            "learners": User.objects.filter(
                email__endswith="@bench.puente.test"
            ).count(),
            "courses": CoursePage.objects.count(),
            "enrollments": Enrollment.objects.count(),
            "lesson_progress": LessonProgress.objects.count(),
            "attempts": QuizAttempt.objects.count(),
            "certificates": Certificate.objects.count(),
        },
    }


# In process --------------------------------------------------------------------------


class RssSampler:
    """Peak resident memory above the starting point, sampled every 10 ms from
    /proc (no psutil, no tracemalloc slowing the measured code down)."""

    def __init__(self):
        self.page = os.sysconf("SC_PAGE_SIZE")
        self.base = self.peak = self.rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def rss(self) -> int:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * self.page

    def _run(self):
        while not self._stop.wait(0.01):
            self.peak = max(self.peak, self.rss())

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.rss())

    @property
    def growth_mb(self) -> float:
        return round((self.peak - self.base) / 2**20, 1)


def _queries(client: Client, method: str, url: str, data=None, repeat=2) -> int:
    """Queries of the last of ``repeat`` identical requests (caches warm)."""
    for _ in range(repeat - 1):
        getattr(client, method)(url, data)
    with CaptureQueriesContext(connection) as ctx:
        response = getattr(client, method)(url, data)
    if response.status_code not in (200, 302):
        raise SystemExit(f"{method.upper()} {url} answered {response.status_code}")
    return len(ctx.captured_queries)


def targets_holder(urls: dict) -> str:
    from certificates.models import Certificate

    code = urls["credential"].split("/")[-3]
    return Certificate.objects.select_related("user").get(code=code).user.email


def query_counts(urls: dict, learner_email: str) -> dict:
    anonymous = Client()
    signed_in = Client()
    signed_in.force_login(User.objects.get(email=learner_email))
    counts = {}
    for name in ("ceiling", "stock", "catalogue", "course", "verify"):
        counts[name] = _queries(anonymous, "get", urls[name])
    for name in ("lesson", "dashboard", "practice"):
        if urls.get(name):
            counts[name] = _queries(signed_in, "get", urls[name])
    counts["verify_credential"] = _queries(anonymous, "get", urls["verify_credential"])
    holder = Client()
    holder.force_login(User.objects.get(email=targets_holder(urls)))
    counts["credential"] = _queries(holder, "get", urls["credential"])
    # Quiz submit: one fresh attempt, submitted once.
    entry = _submit_entries(1)[0]
    attempt = QuizAttempt.objects.get(pk=int(entry["path"].split("/")[-3]))
    submitter = Client()
    submitter.force_login(attempt.user)
    data = {}
    for pair in entry["body"].split("&")[1:]:
        name, value = pair.split("=")
        data.setdefault(name, []).append(value)
    counts["quiz_submit"] = _queries(submitter, "post", entry["path"], data, repeat=1)
    return counts


def pdf_median(runs: int) -> dict:
    """Rendering a certificate PDF (bilingual, Letter), median of ``runs``, each of
    a different certificate (so nothing kept per certificate helps): the drawing
    alone, the drawing with the offline QR code (what ``render_certificate_file``
    draws for a signed certificate), and the stored file as handed out. Wall and
    CPU time (``process_time``: less moved by other load on the machine)."""
    from certificates.models import Certificate
    from certificates.pdf import render_certificate_pdf
    from certificates.services import render_certificate_file, verification_url

    certificates = list(Certificate.objects.order_by("pk")[: runs + 1])
    first_certificate, others = certificates[0], certificates[1:] or certificates

    def timed(render) -> tuple[list[float], list[float], bytes]:
        wall, cpu, data = [], [], b""
        for certificate in others:
            url = verification_url(certificate, "both")
            started, started_cpu = time.perf_counter(), time.process_time()
            data = render(certificate, url)
            cpu.append(time.process_time() - started_cpu)
            wall.append(time.perf_counter() - started)
        return wall, cpu, data

    first_url = verification_url(first_certificate, "both")
    started = time.perf_counter()
    render_certificate_pdf(first_certificate, verification_url=first_url)
    first = time.perf_counter() - started
    times, cpu, data = timed(
        lambda certificate, url: render_certificate_pdf(
            certificate, verification_url=url
        )
    )
    offline_times, offline_cpu, _data = timed(
        lambda certificate, url: render_certificate_pdf(
            certificate,
            verification_url=url,
            offline_payload=certificate.offline_jws or None,
        )
    )
    # What a download, an e-mail or a ZIP costs: the variant as first rendered and
    # stored (certificates.services.render_certificate_file).
    render_certificate_file(first_certificate)
    stored = []
    for _ in range(runs):
        started = time.perf_counter()
        render_certificate_file(first_certificate)
        stored.append(time.perf_counter() - started)
    with_offline = sum(1 for certificate in others if certificate.offline_jws)
    return {
        "first_ms": round(first * 1000, 1),
        "median_ms": round(statistics.median(times) * 1000, 2),
        "cpu_median_ms": round(statistics.median(cpu) * 1000, 2),
        "offline_median_ms": round(statistics.median(offline_times) * 1000, 2),
        "offline_cpu_median_ms": round(statistics.median(offline_cpu) * 1000, 2),
        "offline_payloads": with_offline,
        "stored_median_ms": round(statistics.median(stored) * 1000, 2),
        "runs": len(others),
        "bytes": len(data),
    }


def credential_signing(runs: int) -> dict:
    """What signing adds per certificate (building the OB 3.0 credential and the
    offline payload, two EdDSA signatures), in process, median of ``runs``."""
    from certificates.credentials.signing import sign_credential, sign_offline_payload
    from certificates.models import Certificate

    certificate = Certificate.objects.order_by("pk").first()
    sign_credential(certificate)  # keys loaded, code warm
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        sign_credential(certificate)
        sign_offline_payload(certificate)
        times.append(time.perf_counter() - started)
    return {"median_ms": round(statistics.median(times) * 1000, 3), "runs": runs}


def _bench_admin() -> User:
    return User.objects.create_superuser(
        "bench-admin@bench.puente.test", None, full_name="Bench Admin"
    )


def zip_of_certificates(count: int) -> dict:
    from certificates.admin.zip_stream import stream_certificates_zip
    from certificates.models import Certificate

    admin = User.objects.filter(is_superuser=True).first() or _bench_admin()
    pks = list(
        Certificate.objects.order_by("serial").values_list("pk", flat=True)[:count]
    )
    queryset = Certificate.objects.filter(pk__in=pks).order_by("serial")
    size = 0
    with RssSampler() as memory:
        started = time.perf_counter()
        for chunk in stream_certificates_zip(queryset, user=admin, query="bench"):
            size += len(chunk)
        elapsed = time.perf_counter() - started
    return {
        "certificates": len(pks),
        "seconds": round(elapsed, 2),
        "peak_growth_mb": memory.growth_mb,
        "bytes": size,
    }


def csv_export(rows: int) -> dict:
    """The report export in lms.reports (Wagtail's streamed CSV, audited), over
    ``rows`` lesson-progress rows."""
    from csv_export import progress_export_response
    from django.test import RequestFactory

    admin = User.objects.filter(is_superuser=True).first() or _bench_admin()
    request = RequestFactory().get("/admin/reports/progress/?export=csv")
    request.user = admin
    # Warm-up: imports and first-use caches are not the export's memory.
    warm, _source = progress_export_response(request, 10)
    b"".join(warm.streaming_content)
    with RssSampler() as memory:
        started = time.perf_counter()
        response, source = progress_export_response(request, rows)
        stream = iter(response.streaming_content)
        first = next(stream)
        first_byte = time.perf_counter() - started
        lines, size = first.count(b"\n"), len(first)
        for chunk in stream:
            lines += chunk.count(b"\n")
            size += len(chunk)
        total = time.perf_counter() - started
    return {
        "source": source,
        "rows": lines - 1,
        "first_byte_s": round(first_byte, 3),
        "seconds": round(total, 2),
        "peak_growth_mb": memory.growth_mb,
        "bytes": size,
    }


def inprocess(args) -> dict:
    targets = json.loads(Path(args.targets).read_text())
    cache.clear()
    result = {"queries": query_counts(targets["urls"], targets["learner"])}
    result["pdf"] = pdf_median(args.pdf_runs)
    result["signing"] = credential_signing(args.pdf_runs * 10)
    # The ZIP first: the certificates issued below have no stored PDFs (no worker
    # runs their e-mails here), and the ZIP would render them.
    result["zip"] = zip_of_certificates(args.zip_count)
    result["issue"] = certificate_issue(args.pdf_runs)
    result["bulk_approval"] = bulk_approval(args.bulk_count)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="step", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("--entries", required=True)
    p.add_argument("--attempts", type=int, default=SUBMIT_ATTEMPTS)
    p.add_argument("--rounds", type=int, default=PRACTICE_ROUNDS)
    i = sub.add_parser("inprocess")
    i.add_argument("--targets", required=True)
    i.add_argument("--pdf-runs", type=int, default=30)
    i.add_argument("--zip-count", type=int, default=1000)
    i.add_argument("--bulk-count", type=int, default=500)
    e = sub.add_parser("issue", help="the certificate issue rows alone (in process)")
    e.add_argument("--runs", type=int, default=30)
    e.add_argument("--bulk-count", type=int, default=500)
    d = sub.add_parser("pdf", help="the certificate PDF rows alone (in process)")
    d.add_argument("--pdf-runs", type=int, default=30)
    c = sub.add_parser("csv", help="in its own process, so memory starts clean")
    c.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    if args.step == "prepare":
        result = prepare(args)
    elif args.step == "csv":
        result = csv_export(args.rows)
    elif args.step == "pdf":
        result = {"pdf": pdf_median(args.pdf_runs)}
    elif args.step == "issue":
        result = {
            "issue": certificate_issue(args.runs),
            "bulk_approval": bulk_approval(args.bulk_count),
        }
    else:
        result = inprocess(args)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
