"""Background work of the certificates app (django-tasks): the certificate e-mails.

``queue_certificate_email`` is what issuing and reminders call: it enqueues the task
once the transaction commits. Tests and dev run tasks immediately; production sets
the database backend and runs ``manage.py db_worker`` (docs/decisions/0005). Arguments
are ids, so a task can be stored as JSON.
"""

from django.db import transaction
from django_tasks import task

from certificates.emails import build_certificate_email
from certificates.models import Certificate


@task()
def send_certificate_email(certificate_id: int, event: str) -> bool:
    certificate = (
        Certificate.objects.select_related("user", "logo", "signature")
        .filter(pk=certificate_id)
        .first()
    )
    if certificate is None or not certificate.user.email:
        return False
    build_certificate_email(certificate, event).send()
    return True


def queue_certificate_email(certificate: Certificate, event: str) -> None:
    """Send the ``event`` e-mail (issued, revoked, reissued, expiring) after commit;
    nothing is sent if the transaction rolls back."""
    transaction.on_commit(lambda: send_certificate_email.enqueue(certificate.pk, event))
