"""Background work of the certificates app (django-tasks): the certificate e-mails,
enqueued by ``certificates.receivers``. Tests and dev run tasks immediately;
production runs ``manage.py db_worker`` (docs/decisions/0005). Arguments are ids, so
a task can be stored as JSON.
"""

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
