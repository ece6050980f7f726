"""A background task run again (its worker died, or two workers took it) does its
outside effect once: one certificate e-mail, one invitation. And tasks left RUNNING
by a dead worker go back in the queue (``manage.py recover_tasks``)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskContext, TaskResultStatus
from django_tasks_db.models import DBTaskResult

from certificates.services import issue_certificate
from certificates.tasks import send_certificate_email
from lms.cohorts.tasks import send_cohort_invitation
from lms.models import Cohort
from lms.ops.models import TaskEffect
from lms.ops.once import run_once
from tests.builders import make_course
from tests.certificates.support import complete
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(home_page, learner):
    built = make_course(home_page, modules=1, lessons_per_module=1, quiz=False)
    return issue_certificate(complete(learner, built.course))


def test_a_certificate_email_task_run_again_sends_nothing_more(certificate, outbox):
    outbox.clear()  # issuing queued (and sent) the "issued" e-mail already
    result = send_certificate_email.enqueue(certificate.pk, "revoked")
    assert result.status == TaskResultStatus.SUCCESSFUL and result.return_value
    assert len(outbox) == 1

    # The same task result again, as a worker would after a requeue.
    again = send_certificate_email.call(
        TaskContext(task_result=result), certificate.pk, "revoked"
    )
    assert again is True  # the e-mail is sent, by the earlier run
    assert len(outbox) == 1
    assert TaskEffect.objects.filter(key=str(result.id)).count() == 1

    # Another enqueue is another e-mail (a second revocation notice, say).
    send_certificate_email.enqueue(certificate.pk, "revoked")
    assert len(outbox) == 2


def test_an_invitation_task_run_again_invites_once(home_page, outbox):
    cohort = Cohort.objects.create(name="Unidad Norte")
    invitee = UserFactory(preferred_language="es")
    invitee.set_unusable_password()
    invitee.save()
    result = send_cohort_invitation.enqueue(invitee.pk, cohort.pk)
    assert len(outbox) == 1
    send_cohort_invitation.call(TaskContext(task_result=result), invitee.pk, cohort.pk)
    assert len(outbox) == 1
    assert outbox[0].to == [invitee.email]


def test_an_effect_that_fails_leaves_no_marker_so_the_task_can_retry(certificate):
    context = TaskContext(
        task_result=send_certificate_email.enqueue(certificate.pk, "revoked")
    )
    calls = []

    def failing():
        calls.append("try")
        raise ConnectionRefusedError("SMTP server down")

    with pytest.raises(ConnectionRefusedError):
        run_once(context, failing, name="smtp")
    assert not TaskEffect.objects.filter(key__endswith=":smtp").exists()
    assert run_once(context, lambda: calls.append("sent"), name="smtp") is True
    assert run_once(context, lambda: calls.append("twice"), name="smtp") is False
    assert calls == ["try", "sent"]


def _task_row(status, started_minutes_ago):
    now = timezone.now()
    return DBTaskResult.objects.create(
        status=status,
        started_at=now - timedelta(minutes=started_minutes_ago),
        args_kwargs={"args": [1, "issued"], "kwargs": {}},
        task_path="certificates.tasks.send_certificate_email",
        backend_name="default",
        run_after=now,
    )


def test_recover_tasks_requeues_only_tasks_abandoned_long_enough():
    abandoned = _task_row(TaskResultStatus.RUNNING, started_minutes_ago=60)
    running = _task_row(TaskResultStatus.RUNNING, started_minutes_ago=1)
    done = _task_row(TaskResultStatus.SUCCESSFUL, started_minutes_ago=60)
    old = TaskEffect.objects.create(key="old", task="t")
    TaskEffect.objects.filter(pk=old.pk).update(
        done_at=timezone.now() - timedelta(days=31)
    )
    recent = TaskEffect.objects.create(key="recent", task="t")

    out = StringIO()
    call_command("recover_tasks", "--dry-run", stdout=out)
    assert "Would requeue 1 abandoned task(s)." in out.getvalue()
    abandoned.refresh_from_db()
    assert abandoned.status == TaskResultStatus.RUNNING

    out = StringIO()
    call_command("recover_tasks", stdout=out)
    assert str(abandoned.pk) in out.getvalue()
    statuses = {
        row.pk: row.status
        for row in DBTaskResult.objects.filter(
            pk__in=[abandoned.pk, running.pk, done.pk]
        )
    }
    assert statuses == {
        abandoned.pk: TaskResultStatus.READY,
        running.pk: TaskResultStatus.RUNNING,
        done.pk: TaskResultStatus.SUCCESSFUL,
    }
    assert list(TaskEffect.objects.values_list("key", flat=True)) == [recent.key]
