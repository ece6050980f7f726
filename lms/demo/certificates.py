"""The certificates side of the demo activity (``manage.py load_demo_data``).

Called by ``load_demo_data`` once the demo learners' completions are committed (and
certificates' receivers have issued or queued their certificates):
the demo program administrator approves some queued requests and revokes one
certificate, through the same services as the admin, so the audit log shows them.
"""

from certificates.models import CertificateStatus
from certificates.services import (
    approve_certificate_request,
    get_certificates_for_user,
    get_pending_requests_for_user,
    revoke_certificate,
)
from lms.demo.activity import demo_learner_email
from lms.demo.learners import DEMO_ADMINISTRATOR, DEMO_APPROVALS, DEMO_REVOCATION
from lms.models import User


def decide_demo_certificates() -> None:
    """Approve some queued demo certificates and revoke one, as the demo program
    administrator (these actions are in the audit log like any other)."""
    admin = User.objects.get(email=DEMO_ADMINISTRATOR)
    for local_part, course_key in DEMO_APPROVALS:
        learner = User.objects.get(email=demo_learner_email(local_part))
        for request in get_pending_requests_for_user(learner):
            if request.course.import_key == course_key:
                approve_certificate_request(request, by=admin)
    local_part, course_key, reason = DEMO_REVOCATION
    learner = User.objects.get(email=demo_learner_email(local_part))
    for certificate in get_certificates_for_user(learner):
        if (
            certificate.course.import_key == course_key
            and certificate.status == CertificateStatus.VALID
        ):
            revoke_certificate(certificate, by=admin, reason=reason)
