"""Recertification: an expiring certificate lets the learner take the course again
as a new cycle; the earlier cycle's records stay as history."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.translation import override

from certificates.models import Certificate
from lms.learning.services.enrollment import acknowledge_content_note
from lms.learning.services.lessons import mark_lesson_complete
from lms.models import Enrollment, LessonProgress
from tests.certificates.support import url
from tests.factories import PASSWORD


def _expire_in(certificate, days):
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=timezone.now() + timedelta(days=days)
    )


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "Take the course again"), ("es", "Tomar el curso de nuevo")],
)
def test_an_expiring_certificate_offers_a_new_cycle(
    client, learner, course, certificate, lang, text
):
    client.login(email=learner.email, password=PASSWORD)
    _expire_in(certificate, 400)
    with override(lang):
        course_url = course.get_url()
    assert text not in client.get(course_url).content.decode()
    _expire_in(certificate, 10)
    assert text in client.get(course_url).content.decode()


def test_a_new_cycle_keeps_the_earlier_one_as_history(
    client, learner, course, certificate
):
    first = acknowledge_content_note(
        Enrollment.objects.get(user=learner, course=course)
    )
    mark_lesson_complete(first, course.lessons[0])
    client.login(email=learner.email, password=PASSWORD)

    # Not due yet: refused, nothing created.
    _expire_in(certificate, 400)
    client.post(url("lms_renew", course.pk))
    assert Enrollment.objects.filter(user=learner, course=course).count() == 1

    _expire_in(certificate, 5)
    response = client.post(url("lms_renew", course.pk))
    assert response.status_code == 302
    client.post(url("lms_renew", course.pk))  # a double click opens no third cycle
    cycles = list(
        Enrollment.objects.filter(user=learner, course=course).order_by("cycle")
    )
    assert [e.cycle for e in cycles] == [1, 2]
    assert cycles[0].completed_at is not None
    assert cycles[1].completed_at is None
    assert LessonProgress.objects.filter(enrollment=cycles[0]).count() == 1
    assert LessonProgress.objects.filter(enrollment=cycles[1]).count() == 0
    # The dashboard follows the new cycle; the old certificate still verifies.
    dashboard = client.get(url("dashboard")).content.decode()
    assert "0%" in dashboard or "0 %" in dashboard
    assert client.get(url("certificates:verify", certificate.code)).status_code == 200
