"""What a completed course offers its learner (``lms.hooks.COMPLETION_LINKS``): the
certificate to download and share and the transcript, that the certificate awaits
approval, or, until the worker has issued it, that it is being prepared. Shown on the
course page and the dashboard; registered from ``certificates/wagtail_hooks.py``.
Two queries for any number of enrollments.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from certificates.models import (
    Certificate,
    CertificateRequest,
    CertificateStatus,
    RequestStatus,
)
from certificates.services import verification_url
from lms.learning.dashboard import CompletionLink


def get_completion_links(request, enrollments) -> dict[int, list[CompletionLink]]:
    ids = [enrollment.pk for enrollment in enrollments]
    certificates, with_certificate = {}, set()
    for certificate in Certificate.objects.filter(enrollment_id__in=ids).order_by(
        "issued_at", "pk"
    ):
        with_certificate.add(certificate.enrollment_id)
        if certificate.status == CertificateStatus.VALID:
            certificates[certificate.enrollment_id] = certificate
    requests = dict(
        CertificateRequest.objects.filter(enrollment_id__in=ids).values_list(
            "enrollment_id", "status"
        )
    )
    pending = {pk for pk, status in requests.items() if status == RequestStatus.PENDING}
    transcript = CompletionLink(
        _("Download your transcript (PDF)"),
        url=reverse("certificates:transcript_pdf"),
        download=True,
    )
    links = {}
    for enrollment_id in ids:
        certificate = certificates.get(enrollment_id)
        if certificate is not None:
            links[enrollment_id] = [
                CompletionLink(
                    _("Download your certificate (PDF)"),
                    url=reverse("certificates:download", args=[certificate.code]),
                    primary=True,
                    download=True,
                ),
                CompletionLink(
                    _("Share it: the certificate's verification page"),
                    url=verification_url(certificate, get_language()),
                ),
                transcript,
            ]
        elif enrollment_id in pending:
            links[enrollment_id] = [
                CompletionLink(
                    _(
                        "Your certificate is awaiting approval by a program "
                        "administrator; we will e-mail you when it is issued."
                    )
                ),
                transcript,
            ]
        elif enrollment_id not in with_certificate and enrollment_id not in requests:
            # Completed a moment ago: the worker has not issued (or queued) it yet.
            links[enrollment_id] = [
                CompletionLink(
                    _(
                        "Your certificate is being prepared. It will be here in a "
                        "moment, and we will e-mail it to you."
                    )
                ),
                transcript,
            ]
        else:
            links[enrollment_id] = [transcript]
    return links
