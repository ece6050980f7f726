"""Issuing a certificate costs a fixed, small number of queries (make bench times
it): the same for a course's 2nd and 25th certificate, with a signature and a logo
to snapshot, and at most eight (issue 19)."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certificates.models import Certificate, CertificateSettings
from certificates.services import (
    approve_certificate_request,
    issue_certificate,
    request_certificate,
)
from tests.certificates.support import complete, make_learner

pytestmark = pytest.mark.django_db

# The enrollment with its learner, course, signatory and signature; the serial
# (one UPDATE ... RETURNING); the valid certificates of this enrollment or course
# and learner (locked); the insert; the pending request marked approved; the audit
# entry (Wagtail checks its content type, then inserts). Snapshot images and the
# logo come from the cache after the first certificate.
ISSUE_QUERIES = 7


def _image(title, colour):
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    buffer = io.BytesIO()
    PILImage.new("RGB", (120, 40), colour).save(buffer, "PNG")
    return Image.objects.create(
        title=title, file=ImageFile(buffer, name=f"{title}.png")
    )


@pytest.fixture
def printed_course(course, signatory):
    signatory.signature = _image("signature", (10, 20, 30))
    signatory.save()
    settings = CertificateSettings.load()
    settings.logo = _image("logo", (200, 10, 10))
    settings.save()
    return course


def _issue_queries(enrollment, **kwargs) -> tuple[Certificate, int]:
    with CaptureQueriesContext(connection) as captured:
        certificate = issue_certificate(enrollment, **kwargs)
    # The test's own transaction turns issue's atomic block into a savepoint; in
    # production (the worker, autocommit) it is a plain BEGIN/COMMIT.
    sql = [q["sql"] for q in captured.captured_queries]
    return certificate, len([s for s in sql if "SAVEPOINT" not in s])


def test_issue_queries_are_fixed_and_at_most_eight(roles, printed_course):
    counts = {}
    for number in range(1, 26):
        certificate, count = _issue_queries(
            complete(make_learner(roles), printed_course)
        )
        counts[number] = count
        assert certificate.signature_id and certificate.logo_id
    assert counts[2] == counts[25] == ISSUE_QUERIES <= 8, counts
    # All snapshot the same signature and logo rows, as the first one made them.
    assert Certificate.objects.values("signature_id", "logo_id").distinct().count() == 1


def test_a_new_logo_is_snapshotted_for_the_next_certificate(roles, printed_course):
    first = issue_certificate(complete(make_learner(roles), printed_course))
    settings = CertificateSettings.load()
    settings.logo = _image("new-logo", (0, 120, 0))
    settings.save()
    second = issue_certificate(complete(make_learner(roles), printed_course))
    assert second.logo_id != first.logo_id
    assert bytes(second.logo.content) != bytes(first.logo.content)


def test_an_approval_issues_with_a_fixed_count_too(roles, printed_course):
    from lms.models import User

    admin = User.objects.create_superuser("boss@agency.test", None, full_name="Boss")
    counts = []
    for _ in range(3):
        request = request_certificate(complete(make_learner(roles), printed_course))
        with CaptureQueriesContext(connection) as captured:
            approve_certificate_request(request, by=admin)
        counts.append(len(captured))
    assert counts[1] == counts[2], counts
