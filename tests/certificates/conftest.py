"""Fixtures for certificates: a small bilingual course with certificate settings and
completed enrollments (completion written directly; lms tests cover how it happens).
Importable helpers live in support.py."""

import pytest

from courses.models import Signatory
from tests.builders import make_course
from tests.certificates.support import complete


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


@pytest.fixture
def enrollment(learner, course):
    return complete(learner, course)


@pytest.fixture
def certificate(enrollment):
    from certificates.services import issue_certificate

    return issue_certificate(enrollment)
