"""The approval queue as a program administrator uses it: each pending completion
with its date, final score and evidence (best score per quiz in course order,
graded attempts, lessons done), a select-all control, Approve without a reason and
a reason asked only on Decline (required there), in the admin's language; its
query count does not grow with the queue."""

import re
from datetime import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from certificates.models import Certificate, CertificateRequest, RequestStatus
from certificates.services import handle_course_completed
from lms.models import AttemptStatus, Enrollment, LessonProgress, QuizAttempt
from tests.builders import make_course
from tests.certificates.support import complete, make_learner

pytestmark = pytest.mark.django_db

WORDS = {
    "en": {
        "columns": ["Learner", "Course", "Completed", "Final score", "Evidence"],
        "select_all": "Select all",
        "approve": "Approve and issue selected",
        "decline": "Decline selected",
        "reason": "Reason for declining",
        "best": "best 80 %",
        "attempts": "3 graded attempts",
        "lessons": "2 of 2 lessons",
        "date": "March 4, 2025",
        "refused": "Give a reason for declining.",
    },
    "es": {
        "columns": [
            "Participante",
            "Curso",
            "Concluido",
            "Calificación final",
            "Evidencia",
        ],
        "select_all": "Seleccionar todo",
        "approve": "Aprobar y emitir las seleccionadas",
        "decline": "Rechazar las seleccionadas",
        "reason": "Motivo del rechazo",
        "best": "mejor 80 %",
        "attempts": "3 intentos calificados",
        "lessons": "2 de 2 lecciones",
        "date": "4 de marzo de 2025",
        "refused": "Indique el motivo del rechazo.",
    },
}


@pytest.fixture
def approval_course(home_page, signatory):
    built = make_course(home_page, modules=2, lessons_per_module=1, questions=2)
    built.course.certificate_issue_mode = "approval"
    built.course.signatory = signatory
    built.course.save()
    return built


def pending_completion(roles, built, *, scores=(Decimal("60"), Decimal("80"))):
    """A learner who did every lesson and whose attempts were graded: the first quiz
    twice (best of ``scores``), the final once (90), then asked for a certificate."""
    learner = make_learner(roles, full_name="José Núñez Peña", agency="SSPC Tijuana")
    enrollment = complete(learner, built.course)
    for lesson in built.lessons:
        LessonProgress.objects.create(enrollment=enrollment, lesson=lesson)
    first, final = built.quizzes
    attempts = [(first, score) for score in scores] + [(final, Decimal("90"))]
    for number, (quiz, score) in enumerate(attempts, start=1):
        QuizAttempt.objects.create(
            enrollment=enrollment,
            quiz=quiz,
            user=learner,
            number=number,
            status=AttemptStatus.GRADED,
            score=score,
            submitted_at=timezone.now(),
        )
    handle_course_completed(enrollment)
    return enrollment


@pytest.fixture
def admin_in(client, program_admin):
    def login(language):
        profile = UserProfile.get_for_user(program_admin)
        profile.preferred_language = language
        profile.save()
        client.force_login(program_admin)
        return client

    return login


@pytest.mark.parametrize("language", ["en", "es"])
def test_each_pending_completion_shows_its_evidence(
    admin_in, roles, approval_course, language
):
    enrollment = pending_completion(roles, approval_course)
    Enrollment.objects.filter(pk=enrollment.pk).update(
        completed_at=timezone.make_aware(datetime(2025, 3, 4, 10, 30))
    )
    words = WORDS[language]
    html = admin_in(language).get(reverse("certificates_admin:queue")).content.decode()
    table = html[html.index('aria-labelledby="awaiting-heading"') :]
    head = table[: table.index("</thead>")]
    for column in words["columns"]:
        assert f">{column}</th>" in head, column
    row = html[html.index("José Núñez Peña") :]
    row = row[: row.index("</tr>")]
    assert words["date"] in row
    assert "90 %" in row  # the final score: the last graded attempt
    first, final = (getattr(q, f"title_{language}") for q in approval_course.quizzes)
    evidence = row[row.index("puente-evidence") :]
    # Best score per quiz, in the course's order, under its title in the language.
    assert evidence.index(first) < evidence.index(final)
    assert f"{first}: {words['best']}" in evidence
    assert words["attempts"] in row and words["lessons"] in row


@pytest.mark.parametrize("language", ["en", "es"])
def test_select_all_then_approve_needs_no_reason(
    admin_in, roles, approval_course, program_admin, language
):
    client = admin_in(language)
    enrollments = [pending_completion(roles, approval_course) for _ in range(3)]
    words = WORDS[language]
    html = client.get(reverse("certificates_admin:queue")).content.decode()
    assert 'data-controller="w-bulk"' in html
    select_all = re.search(r'<input[^>]*id="select-all"[^>]*>', html).group(0)
    assert 'data-w-bulk-target="all"' in select_all
    assert f'<label for="select-all">{words["select_all"]}</label>' in html
    assert html.count('data-w-bulk-target="item"') == 3
    # Approve comes first and skips the browser's check of the reason box, which
    # is folded away under "Decline selected…" with the decline button.
    approve = re.search(r'<button[^>]*value="approve"[^>]*>', html).group(0)
    assert "formnovalidate" in approve
    details = html[html.index('<details class="puente-decline"') :]
    details = details[: details.index("</details>")]
    assert 'name="reason"' in details and 'value="decline"' in details
    assert words["reason"] in details
    assert html.index(words["approve"]) < html.index('name="reason"')
    assert 'name="reason"' not in html[: html.index('<details class="puente-decline"')]

    ids = list(CertificateRequest.objects.values_list("pk", flat=True))
    response = client.post(
        reverse("certificates_admin:decide"), {"request": ids, "action": "approve"}
    )
    assert response.status_code == 302
    assert Certificate.objects.count() == 3
    assert set(Certificate.objects.values_list("enrollment_id", flat=True)) == {
        e.pk for e in enrollments
    }
    approvals = ModelLogEntry.objects.filter(action="certificates.approve")
    assert approvals.count() == 3
    assert {entry.user for entry in approvals} == {program_admin}
    assert all(not entry.data.get("reason") for entry in approvals)


@pytest.mark.parametrize("language", ["en", "es"])
def test_decline_without_a_reason_changes_nothing_and_keeps_the_selection(
    admin_in, roles, approval_course, language
):
    client = admin_in(language)
    kept, other = (pending_completion(roles, approval_course) for _ in range(2))
    chosen = CertificateRequest.objects.get(enrollment=kept)
    response = client.post(
        reverse("certificates_admin:decide"),
        {"request": [chosen.pk], "action": "decline", "reason": "   "},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert WORDS[language]["refused"] in html
    assert '<details class="puente-decline" open>' in html
    assert re.search(rf'value="{chosen.pk}"[^>]*checked', html)
    unchosen = CertificateRequest.objects.get(enrollment=other)
    assert not re.search(rf'value="{unchosen.pk}"[^>]*checked', html)
    assert not CertificateRequest.objects.exclude(status=RequestStatus.PENDING).exists()
    assert not ModelLogEntry.objects.filter(action="certificates.decline").exists()

    response = client.post(
        reverse("certificates_admin:decide"),
        {"request": [chosen.pk], "action": "decline", "reason": "Curso incompleto"},
    )
    assert response.status_code == 302
    chosen.refresh_from_db()
    assert (chosen.status, chosen.reason) == (
        RequestStatus.DECLINED,
        "Curso incompleto",
    )
    entry = ModelLogEntry.objects.get(action="certificates.decline")
    assert entry.data["reason"] == "Curso incompleto"


def test_the_queue_reads_the_same_queries_for_2_and_12_requests(
    admin_in, roles, approval_course, home_page, signatory
):
    client = admin_in("en")
    second = make_course(home_page, modules=2, lessons_per_module=1, questions=1)
    second.course.certificate_issue_mode = "approval"
    second.course.signatory = signatory
    second.course.save()

    def queries(pending_per_course: int) -> int:
        for built in (approval_course, second):
            for _ in range(pending_per_course):
                pending_completion(roles, built, scores=(Decimal("70"),))
        path = reverse("certificates_admin:queue")
        client.get(path)  # warm per-process caches (menus, site, outlines)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200
        assert response.content.decode().count("puente-evidence") == (
            CertificateRequest.objects.count()
        )
        return len(captured)

    assert queries(1) == queries(5)
