"""Background work of the certificates app (django-tasks): the certificate e-mails,
enqueued by ``certificates.receivers``. Tests and dev run tasks immediately;
production runs ``manage.py db_worker`` (docs/decisions/0005). Arguments are ids, so
a task can be stored as JSON; the send goes through ``lms.ops.once.run_once``, so a
task run again after its worker died sends nothing twice.
"""

from django_tasks import task

from certificates.emails import build_certificate_email
from certificates.models import Certificate
from lms.ops.once import run_once


@task(takes_context=True)
def send_certificate_email(context, certificate_id: int, event: str) -> bool:
    certificate = (
        Certificate.objects.select_related("user", "logo", "signature")
        .filter(pk=certificate_id)
        .first()
    )
    if certificate is None or not certificate.user.email:
        return False
    # Built (and its PDF rendered) before the marker's transaction: only the send
    # itself is inside it. True once the e-mail is sent, by this run or an earlier.
    run_once(context, build_certificate_email(certificate, event).send)
    return True
