"""The certificate rows of ``make bench`` measured in process: issuing one
certificate (time, CPU and queries, the e-mail's task row included, as the worker
does it) and a bulk approval of 500 queued certificates (the approval queue's
loop). Each on completions made here for new learners, so the seed's rows and the
load runs are untouched. Bench-only; imported by scripts/bench/measure.py.
"""

from __future__ import annotations

import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import CertificateIssueMode, CoursePage
from lms.models import Enrollment, User

PREFIX = "bench-issue-"
# Transaction control is not a query: PostgreSQL's BEGIN is not even logged by
# Django, SQLite's BEGIN IMMEDIATE is; neither is counted on either.
CONTROL = ("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE", "ROLLBACK")


def _is_query(sql: str) -> bool:
    return not sql.lstrip().upper().startswith(CONTROL)


def _completions(count: int, mode: str, tag: str) -> list[Enrollment]:
    """``count`` new learners, each with a completed enrollment in a bench course
    of ``mode`` (automatic or approval): what a course completion leaves."""
    course = (
        CoursePage.objects.filter(
            import_key__startswith="bench-", certificate_issue_mode=mode
        )
        .order_by("import_key")
        .first()
    )
    stamp = int(time.time() * 1000)
    users = User.objects.bulk_create(
        [
            User(
                email=f"{PREFIX}{tag}-{stamp}-{n}@bench.puente.test",
                full_name=f"Bench Issue {n}",
                country="US",
                preferred_language="en",
            )
            for n in range(count)
        ]
    )
    if not users[0].pk:  # backends that return no ids from bulk_create
        users = list(User.objects.filter(email__startswith=f"{PREFIX}{tag}-{stamp}-"))
    now = timezone.now()
    Enrollment.objects.bulk_create(
        [Enrollment(user=u, course=course, completed_at=now) for u in users]
    )
    return list(Enrollment.objects.filter(user__in=users, course=course).order_by("pk"))


def certificate_issue(runs: int) -> dict:
    """``issue_certificate`` for ``runs`` completions of an automatic course, each
    timed (wall and CPU) and its queries counted (the e-mail's task row, written
    after commit, included), after one that warms the caches (the signature and
    logo snapshots, the first of a process)."""
    from certificates.services import issue_certificate

    enrollments = _completions(runs + 1, CertificateIssueMode.AUTOMATIC, "one")
    issue_certificate(enrollments[0])
    wall, cpu, queries = [], [], []
    for enrollment in enrollments[1:]:
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            issue_certificate(enrollment)
            cpu.append(time.process_time() - started_cpu)
            wall.append(time.perf_counter() - started)
        queries.append(sum(_is_query(q["sql"]) for q in captured.captured_queries))
    return {
        "median_ms": round(statistics.median(wall) * 1000, 2),
        "cpu_median_ms": round(statistics.median(cpu) * 1000, 2),
        "queries": max(queries),
        "runs": runs,
    }


def bulk_approval(count: int) -> dict:
    """Approving ``count`` queued certificates as the approval queue's Approve does
    (``approve_certificate_request`` for each selected request), timed whole."""
    from certificates.models import CertificateRequest, RequestStatus
    from certificates.services import approve_certificate_request, request_certificate

    admin = User.objects.filter(is_superuser=True).first()
    if admin is None:
        admin = User.objects.create_superuser(
            "bench-admin@bench.puente.test", None, full_name="Bench Admin"
        )
    for enrollment in _completions(count, CertificateIssueMode.APPROVAL, "bulk"):
        request_certificate(enrollment)
    requests = list(
        CertificateRequest.objects.filter(
            status=RequestStatus.PENDING, user__email__startswith=f"{PREFIX}bulk-"
        ).order_by("-pk")[:count]
    )
    executed = []

    def count(execute, sql, params, many, context):
        if _is_query(sql):
            executed.append(1)
        return execute(sql, params, many, context)

    started = time.perf_counter()
    with connection.execute_wrapper(count):
        for item in requests:
            approve_certificate_request(item, by=admin)
    seconds = time.perf_counter() - started
    return {
        "certificates": len(requests),
        "seconds": round(seconds, 2),
        "queries_each": round(len(executed) / max(1, len(requests)), 1),
    }
