"""Fixtures for certificates: a small bilingual course with certificate settings and
completed enrollments (completion written directly; lms tests cover how it happens)."""

import pytest
from django.utils import timezone
from django.utils.translation import override

from courses.models import Signatory
from tests.factories import UserFactory
from tests.lms.builders import make_course

NAMES = [
    "José Núñez Peña",
    "Nguyễn Thị Minh Khai",
    "Søren Kierkegaard",
    "Anna Straße",
    "O'Brien & <b>Test</b>",
]


@pytest.fixture
def signatory(db):
    signatory = Signatory(name="Dra. Ana María Gómez")
    signatory.title_en = "Programme Director"
    signatory.title_es = "Directora del Programa"
    signatory.title = signatory.title_en
    signatory.save()
    return signatory


@pytest.fixture
def course(home_page, signatory):
    built = make_course(home_page, modules=1, lessons_per_module=1, quiz=False)
    course = built.course
    course.signatory = signatory
    course.certificate_wording_en = "has completed the course"
    course.certificate_wording_es = "concluyó satisfactoriamente el curso"
    course.save()
    course.lessons = built.lessons
    return course


def complete(user, course):
    """An enrollment marked complete, without sending ``course_completed``."""
    from lms.learning.services.enrollment import enroll_user
    from lms.models import Enrollment

    enrollment = enroll_user(user, course)
    Enrollment.objects.filter(pk=enrollment.pk).update(completed_at=timezone.now())
    enrollment.refresh_from_db()
    return enrollment


@pytest.fixture
def enrollment(learner, course):
    return complete(learner, course)


@pytest.fixture
def certificate(enrollment):
    from certificates.services import issue_certificate

    return issue_certificate(enrollment)


def make_learner(roles, **fields):
    from lms.accounts.roles import LEARNERS

    return UserFactory(groups=[roles[LEARNERS]], **fields)


def url(name, *args, lang="en"):
    from django.urls import reverse

    with override(lang):
        return reverse(name, args=args)
