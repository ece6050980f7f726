"""Certificate emails, in the learner's language: issued, revoked, reissued, expiring.

Built here and sent by ``certificates.tasks.send_certificate_email`` (a django-tasks
task), so production sends them from a worker. Imports the services' modules it needs
directly: the package face re-exports issuing, which queues these e-mails.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from certificates.models import Certificate
from certificates.services.deciding import default_language_for
from certificates.services.files import render_certificate_file
from certificates.services.links import verification_url

EVENTS = ("issued", "revoked", "reissued", "expiring")
WITH_PDF = ("issued", "reissued")


def build_certificate_email(
    certificate: Certificate, event: str
) -> EmailMultiAlternatives:
    if event not in EVENTS:
        raise ValueError(f"Unknown certificate email event: {event}")
    user = certificate.user
    language = default_language_for(user)
    with translation.override(language):
        context = {
            "certificate": certificate,
            "name": certificate.learner_name,
            "course_title": certificate.course_title(language),
            "verify_url": verification_url(certificate, language),
            "dashboard_url": f"{settings.BASE_URL}{reverse('dashboard')}",
            "language": language,
        }
        subject = render_to_string(
            f"certificates/email/{event}_subject.txt", context
        ).strip()
        body = render_to_string(f"certificates/email/{event}_body.txt", context)
    message = EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
    if event in WITH_PDF:
        data = render_certificate_file(certificate)
        message.attach(f"{certificate.serial}.pdf", data, "application/pdf")
    return message
