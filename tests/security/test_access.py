"""Issue 10, point 2: other people's objects are out of reach.

Every learner URL that names an object (attempt, certificate) answers 404 for
someone else's; the pages without an id (transcript page and PDF, data download)
only ever show the signed-in person's own records, whatever the query string says.
"""

import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from certificates.services import issue_certificate
from courses.models import LessonPage
from lms.learning.services.attempts import start_attempt
from lms.learning.services.enrollment import acknowledge_content_note, enroll_user
from lms.models import AttemptStatus, Enrollment
from tests.builders import make_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


@pytest.fixture
def owner_records(home_page, roles):
    """Another learner's completed course, certificate and in-progress attempt."""
    from lms.accounts.roles import LEARNERS

    owner = UserFactory(groups=[roles[LEARNERS]], full_name="Dueña Ñandú Original")
    built = make_course(home_page, modules=1, lessons_per_module=1, questions=1)
    enrollment = acknowledge_content_note(enroll_user(owner, built.course))
    attempt = start_attempt(enrollment, built.quizzes[0])
    Enrollment.objects.filter(pk=enrollment.pk).update(completed_at=timezone.now())
    enrollment.refresh_from_db()
    certificate = issue_certificate(enrollment)
    return owner, attempt, certificate


@pytest.fixture
def intruder(roles):
    from lms.accounts.roles import LEARNERS

    return UserFactory(groups=[roles[LEARNERS]], full_name="Intrusa")


def test_someone_elses_attempt_and_certificate_are_404(client, owner_records, intruder):
    _owner, attempt, certificate = owner_records
    client.force_login(intruder)
    for name in ("lms_attempt", "lms_attempt_result"):
        assert client.get(url(name, attempt.pk)).status_code == 404
    assert client.post(url("lms_submit_attempt", attempt.pk), {}).status_code == 404
    download = url("certificates:download", certificate.code)
    assert client.get(download).status_code == 404
    assert client.get(download + "?language=es&paper=a4").status_code == 404
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS


def test_course_and_lesson_urls_act_only_on_ones_own_enrollment(
    client, owner_records, intruder
):
    """These URLs name a course or lesson, never an enrollment: they find the
    signed-in person's own, so someone else's cannot be left, renewed or marked."""
    from lms.models import LessonProgress

    owner, attempt, _certificate = owner_records
    enrollment = attempt.enrollment
    lesson = enrollment.course.get_descendants().type(LessonPage).first()
    before = Enrollment.objects.values().get(pk=enrollment.pk)
    progress = LessonProgress.objects.filter(enrollment=enrollment).count()
    client.force_login(intruder)
    course_id = enrollment.course_id
    for name in ("lms_leave", "lms_renew", "lms_acknowledge_note"):
        assert client.post(url(name, course_id)).status_code == 302, name
    assert client.post(url("lms_lesson_complete", lesson.pk)).status_code == 302
    assert client.post(url("lms_take_a_break", lesson.pk)).status_code == 302
    assert Enrollment.objects.values().get(pk=enrollment.pk) == before
    assert LessonProgress.objects.filter(enrollment=enrollment).count() == progress
    assert not Enrollment.objects.filter(user=intruder).exists()
    assert Enrollment.objects.filter(user=owner).count() == 1


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_transcript_is_only_ever_ones_own(
    client, owner_records, intruder, language
):
    owner, _attempt, certificate = owner_records
    client.force_login(intruder)
    # A query string naming the owner changes nothing: the view has no id to read.
    tricks = f"?user={owner.pk}&user_id={owner.pk}&email={owner.email}"
    page = client.get(url("certificates:transcript", language=language) + tricks)
    assert page.status_code == 200
    html = page.content.decode()
    for trace in (owner.full_name, certificate.serial, certificate.course_title("en")):
        assert trace not in html
    pdf = client.get(url("certificates:transcript_pdf", language=language) + tricks)
    assert pdf.status_code == 200
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Intrusa" in text
    assert owner.full_name not in text and certificate.serial not in text


def test_the_owner_sees_their_transcript(client, owner_records):
    owner, _attempt, certificate = owner_records
    client.force_login(owner)
    page = client.get(url("certificates:transcript"))
    assert certificate.serial in page.content.decode()


def test_the_data_download_is_only_ever_ones_own(client, owner_records, intruder):
    owner, _attempt, certificate = owner_records
    client.force_login(intruder)
    response = client.get(
        url("account_data_download", "json") + f"?user={owner.pk}&pk={owner.pk}"
    )
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["sections"]["profile"]["rows"][0]["email"] == intruder.email
    assert data["sections"]["certificates"]["rows"] == []
    assert data["sections"]["enrollments"]["rows"] == []
    text = response.content.decode()
    assert owner.email not in text and certificate.code not in text


@pytest.mark.parametrize(
    "name",
    ["certificates:transcript", "certificates:transcript_pdf", "account_data"],
)
def test_anonymous_visitors_are_sent_to_sign_in(client, name):
    response = client.get(url(name))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
