"""A course completed by a quiz submit gets its certificate on the worker, not in the
learner's request: until the worker has run, the learner reads that it is being
prepared; a worker that was down runs the queued task when it starts; a failed issue
is tried again; the sweeper issues what no task covers (docs/decisions/0010)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from certificates.models import (
    Certificate,
    CertificateRequest,
    CertificateStatus,
    RequestStatus,
)
from certificates.services import (
    decline_certificate_request,
    issue_certificate,
    revoke_certificate,
)
from lms.learning.services.attempts import start_attempt
from lms.learning.services.enrollment import acknowledge_content_note, enroll_user
from lms.learning.services.lessons import mark_lesson_complete
from tests.builders import make_course
from tests.certificates.support import complete, make_learner
from tests.lms.learning.support import answers_for
from tests.lms.support import lms_url, page_url

pytestmark = pytest.mark.django_db

ISSUE_TASK = "certificates.tasks.issue_certificate_for_completion"
PREPARING = {
    "en": "Your certificate is being prepared.",
    "es": "Su constancia se está preparando.",
}


@pytest.fixture
def worker_backend(settings):
    """Production's queue: task rows in the database, run only by ``db_worker``."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default"],
        }
    }


@pytest.fixture
def run_worker(django_capture_on_commit_callbacks, monkeypatch):
    """``db_worker --batch``, again while its tasks queued more after their commit
    (the issue queues the e-mail), as a running worker would pick them up.

    The worker runs inside the test's transaction, so its check for stale
    connections (which closes one whose autocommit is off) must not close the
    test's own connection; on PostgreSQL that ended every later query."""
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections",
        lambda: None,
    )

    def run():
        for _ in range(3):
            with django_capture_on_commit_callbacks(execute=True) as callbacks:
                call_command(
                    "db_worker", batch=True, startup_delay=False, stdout=StringIO()
                )
            if not callbacks:
                return

    return run


def _issue_tasks(status=None):
    rows = DBTaskResult.objects.filter(task_path=ISSUE_TASK)
    return rows.filter(status=status) if status else rows


def _ready_to_pass(learner, **course_fields):
    """A course whose only step left is its quiz, and the learner's open attempt."""
    built = make_course(modules=1, lessons_per_module=2, **course_fields)
    enrollment = acknowledge_content_note(enroll_user(learner, built.course))
    for lesson in built.lessons:
        mark_lesson_complete(enrollment, lesson)
    return built, start_attempt(enrollment, built.quizzes[0])


def _submit(client, attempt, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            lms_url("lms_submit_attempt", attempt.pk), answers_for(attempt)
        )
    assert response.status_code == 302
    return response


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_completing_submit_only_queues_and_the_worker_issues(
    client,
    learner,
    home_page,
    worker_backend,
    run_worker,
    outbox,
    language,
    django_capture_on_commit_callbacks,
):
    built, attempt = _ready_to_pass(learner)
    client.force_login(learner)
    with CaptureQueriesContext(connection) as request_queries:
        _submit(client, attempt, django_capture_on_commit_callbacks)
    outbox.clear()

    # Graded and recorded in the request; the certificate is one queued task row.
    assert not Certificate.objects.exists()
    assert _issue_tasks(TaskResultStatus.READY).count() == 1
    assert not any(
        "certificates_" in q["sql"] and "INSERT" in q["sql"]
        for q in request_queries.captured_queries
    )
    course_page = client.get(page_url(built.course, language)).content.decode()
    dashboard = client.get(lms_url("dashboard", lang=language)).content.decode()
    assert PREPARING[language] in course_page
    assert PREPARING[language] in dashboard

    run_worker()

    certificate = Certificate.objects.get(user=learner)
    assert certificate.status == CertificateStatus.VALID
    assert _issue_tasks(TaskResultStatus.SUCCESSFUL).count() == 1
    assert [m.to for m in outbox] == [[learner.email]]  # the e-mail, also on it
    download = lms_url("certificates:download", certificate.code, lang=language)
    course_page = client.get(page_url(built.course, language)).content.decode()
    dashboard = client.get(lms_url("dashboard", lang=language)).content.decode()
    assert PREPARING[language] not in course_page
    assert download in course_page and download in dashboard


def test_a_completion_waits_in_the_queue_while_no_worker_runs(
    client,
    learner,
    home_page,
    worker_backend,
    run_worker,
    django_capture_on_commit_callbacks,
):
    _built, attempt = _ready_to_pass(learner)
    client.force_login(learner)
    _submit(client, attempt, django_capture_on_commit_callbacks)
    # No worker for a while: nothing lost, nothing issued, the row still queued.
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(hours=2))
    assert _issue_tasks(TaskResultStatus.READY).count() == 1
    assert not Certificate.objects.exists()

    run_worker()  # the first worker to start runs it
    assert Certificate.objects.filter(user=learner).count() == 1
    run_worker()  # and nothing is left to run twice
    assert Certificate.objects.filter(user=learner).count() == 1
    assert _issue_tasks().count() == 1


def test_an_approval_course_completion_is_queued_for_approval_on_the_worker(
    client,
    learner,
    home_page,
    worker_backend,
    run_worker,
    django_capture_on_commit_callbacks,
):
    _built, attempt = _ready_to_pass(learner, certificate_issue_mode="approval")
    client.force_login(learner)
    _submit(client, attempt, django_capture_on_commit_callbacks)
    assert not CertificateRequest.objects.exists()
    run_worker()
    request = CertificateRequest.objects.get(user=learner)
    assert request.status == RequestStatus.PENDING
    assert not Certificate.objects.exists()


def test_a_failed_issue_is_tried_again_later(
    client,
    learner,
    home_page,
    worker_backend,
    run_worker,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    from certificates import tasks

    real = tasks.handle_course_completed
    calls = []

    def flaky(enrollment):
        calls.append(enrollment.pk)
        if len(calls) == 1:
            raise ConnectionError("database went away")
        return real(enrollment)

    monkeypatch.setattr(tasks, "handle_course_completed", flaky)
    _built, attempt = _ready_to_pass(learner)
    client.force_login(learner)
    _submit(client, attempt, django_capture_on_commit_callbacks)

    run_worker()
    assert _issue_tasks(TaskResultStatus.FAILED).count() == 1
    retry = _issue_tasks(TaskResultStatus.READY).get()
    assert retry.run_after > timezone.now()  # later, not at once
    assert retry.args_kwargs["args"][1] == 2  # its second attempt
    assert not Certificate.objects.exists()

    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()
    assert Certificate.objects.filter(user=learner).count() == 1
    assert len(calls) == 2


def test_the_sweeper_issues_or_queues_completions_no_task_covers(roles, home_page):
    automatic = make_course(modules=1, lessons_per_module=1, quiz=False).course
    approval = make_course(
        modules=1, lessons_per_module=1, quiz=False, certificate_issue_mode="approval"
    ).course
    forgotten = complete(make_learner(roles), automatic)
    queued_late = complete(make_learner(roles), approval)
    just_now = complete(make_learner(roles), automatic)
    revoked = complete(make_learner(roles), automatic)
    revoke_certificate(issue_certificate(revoked), by=None, reason="Error")
    declined = complete(make_learner(roles), approval)
    from certificates.services import request_certificate

    decline_certificate_request(
        request_certificate(declined), by=None, reason="Not eligible"
    )
    long_ago = timezone.now() - timedelta(hours=1)
    for enrollment in (forgotten, queued_late, revoked, declined):
        type(enrollment).objects.filter(pk=enrollment.pk).update(completed_at=long_ago)

    out = StringIO()
    call_command("issue_pending_certificates", stdout=out)
    assert "2 completion(s)" in out.getvalue()

    assert Certificate.objects.get(enrollment=forgotten).status == "valid"
    assert CertificateRequest.objects.get(enrollment=queued_late).status == "pending"
    # Too recent (its task is normally still queued), and never a second
    # certificate after a revocation or a decline.
    assert not Certificate.objects.filter(enrollment=just_now).exists()
    assert Certificate.objects.get(enrollment=revoked).status == "revoked"
    assert not Certificate.objects.filter(enrollment=declined).exists()

    call_command("issue_pending_certificates", stdout=out)
    assert Certificate.objects.filter(enrollment=forgotten).count() == 1
