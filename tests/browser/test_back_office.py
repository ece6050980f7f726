"""The back office as bilingual staff use it, in Chromium, in English and in Spanish:
every page Puente defines or customises (admin home, approval queue, certificate
list and page, reports with charts, cohorts, content-quality and translation
reports, the learner name form) passes axe with no serious or critical violation at
1280 and 360 px, does not scroll sideways at 360 px and is saved as screenshots
``artifacts/screenshots/<lang>-admin-<name>-<width>.png``. On the way, a program
administrator declines one request with a reason, selects all the others and
approves them without one, opens the learner report from its own course choice,
corrects a learner's name, and a visitor checks a revoked certificate's PDF."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.support import NARROW, SCREENSHOTS, SERIOUS, WIDE, sign_in, url_in
from tests.factories import PASSWORD, UserFactory

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AGENCIES = [
    "Policía Municipal de Tijuana",
    "Procuraduría de Protección de Niñas, Niños y Adolescentes de Baja California",
    "San Diego County Sheriff's Department",
    "Fiscalía General del Estado de Chihuahua",
]
_axe = Axe()


def look(session, name: str) -> None:
    """axe at 1280 and 360 px, no sideways scroll at 360, a screenshot at each."""
    page = session.page
    page.wait_for_load_state("load")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for size in (WIDE, NARROW):
        page.set_viewport_size(size)
        results = _axe.run(page)
        problems += [
            f"{v['id']} ({v['impact']}) at {size['width']}px: {v['help']} — "
            + ", ".join(str(node["target"]) for node in v["nodes"][:5])
            for v in results.response["violations"]
            if v.get("impact") in SERIOUS
        ]
        if size is NARROW:
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= NARROW["width"], f"{name} scrolls sideways: {width}px"
        # Wagtail's admin scrolls inside its content area, not the page: the
        # screenshot is taken in a window as tall as that content.
        tall = page.evaluate(
            "Math.max(...[...document.querySelectorAll('main, main *')]"
            ".map((e) => e.scrollHeight))"
        )
        page.set_viewport_size({**size, "height": min(max(tall, size["height"]), 8000)})
        page.screenshot(
            path=str(
                SCREENSHOTS / f"{session.language}-admin-{name}-{size['width']}.png"
            ),
            full_page=True,
        )
    page.set_viewport_size(WIDE)
    assert not problems, f"axe on {name} [{session.language}] {page.url}:\n" + (
        "\n".join(problems)
    )


def click_and_wait(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


@pytest.fixture
def office(course_site, settings):
    """A course with three completions awaiting approval, one certificate expiring
    in ten days, one revoked, a cohort, and a lesson waiting for review."""
    from django.utils import timezone
    from wagtail.users.models import UserProfile

    from certificates.models import Certificate
    from certificates.services import (
        handle_course_completed,
        issue_certificate,
        revoke_certificate,
    )
    from lms.accounts.roles import LEARNERS, PROGRAM_ADMINS, TRAINERS, sync_roles
    from lms.models import Cohort, CohortMember
    from tests.certificates.support import complete

    settings.PUENTE_STAFF_MFA_REQUIRED = False
    roles = sync_roles()
    course = course_site.course
    learners = [
        UserFactory(
            groups=[roles[LEARNERS]],
            full_name=name,
            agency=agency,
            country="MX" if index % 2 == 0 else "US",
        )
        for index, (name, agency) in enumerate(
            zip(
                ["José Núñez Peña", "Ana López", "John Smith", "María Peña"],
                AGENCIES,
                strict=True,
            )
        )
    ]
    course.certificate_issue_mode = "approval"
    course.save()
    for learner in learners[:3]:
        handle_course_completed(complete(learner, course))
    course.certificate_issue_mode = "automatic"
    course.save()
    expiring = issue_certificate(complete(learners[3], course))
    Certificate.objects.filter(pk=expiring.pk).update(
        expires_at=timezone.now() + timedelta(days=10)
    )
    other = UserFactory(groups=[roles[LEARNERS]], full_name="Jorge Ramírez Solano")
    revoked = issue_certificate(complete(other, course))
    cohort = Cohort.objects.create(name="Tijuana, junio de 2026", place="Tijuana")
    cohort.courses.set([course])
    for learner in learners:
        CohortMember.objects.create(cohort=cohort, user=learner)

    trainer = UserFactory(groups=[roles[TRAINERS]])
    lesson = course_site.lessons[0]
    lesson.save_revision(user=trainer)
    lesson.get_workflow().start(lesson, trainer)

    admin = UserFactory(groups=[roles[PROGRAM_ADMINS]], full_name="María Solís")
    revoke_certificate(revoked, by=admin, reason="Datos falsos")
    return {
        "admin": admin,
        "profile": UserProfile.get_for_user(admin),
        "learners": learners,
        "cohort": cohort,
        "course": course,
        "revoked": revoked,
        "expiring": expiring,
    }


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_back_office_in_both_languages(browse, office, language):
    from certificates.models import Certificate, CertificateRequest, RequestStatus
    from certificates.services import render_certificate_file
    from tests.browser.support import t

    admin, profile = office["admin"], office["profile"]
    admin.preferred_language = language
    admin.save()
    profile.preferred_language = language
    profile.save()
    s = browse(language)
    page = s.page
    sign_in(s, admin.email, PASSWORD)

    s.go("/admin/")
    assert page.locator("h1").first.inner_text().strip() == t(
        language, "Puente back office"
    )
    assert page.locator("#puente-approvals-section").is_visible()
    assert (
        office["expiring"].serial
        in page.locator("#puente-expiring-section").inner_text()
    )
    review = page.locator("#puente-review-section").inner_text()
    assert getattr(office["course"], f"title_{language}") in review
    look(s, "home")

    # The approval queue: decline one with a reason, approve the rest without one.
    queue = url_in(language, "certificates_admin:queue")
    s.go(queue)
    look(s, "queue")
    first = CertificateRequest.objects.order_by("pk").first()
    page.locator(f'input[name="request"][value="{first.pk}"]').check()
    page.locator(".puente-decline > summary").click()
    page.locator('textarea[name="reason"]').fill("Falta la evaluación final")
    look(s, "queue-decline")
    click_and_wait(page, page.locator('button[value="decline"]'))
    first.refresh_from_db()
    assert first.status == RequestStatus.DECLINED
    page.locator("label[for=select-all]").click()
    checked = page.locator('input[name="request"]:checked').count()
    assert checked == page.locator('input[name="request"]').count() == 2
    click_and_wait(page, page.locator('button[value="approve"]'))
    assert not CertificateRequest.objects.filter(status=RequestStatus.PENDING).exists()
    assert Certificate.objects.filter(status="valid").count() == 3  # 2 + expiring

    pages = {
        "certificates": url_in(language, "certificate_list:index"),
        "certificate": url_in(
            language, "certificates_admin:manage", office["revoked"].pk
        ),
        "report-enrollments": url_in(language, "puente_reports:enrollments")
        + "?group=agency",
        "report-scores": url_in(language, "puente_reports:scores"),
        "report-questions": url_in(language, "puente_reports:questions"),
        "cohorts": url_in(language, "cohorts:index"),
        "cohort-edit": url_in(language, "cohorts:edit", office["cohort"].pk),
        "cohort-progress": url_in(
            language, "cohorts_admin:progress", office["cohort"].pk
        ),
        "cohort-import": url_in(language, "cohorts_admin:import", office["cohort"].pk),
        "content-quality": url_in(language, "courses_content_quality"),
        "translation-report": url_in(language, "courses_translation_report"),
        "learners": url_in(language, "wagtailusers_users:index"),
    }
    for name, path in pages.items():
        s.go(path)
        look(s, name)

    # The agency chart writes the agencies' names, not "olicía Municipal de Tijuana".
    s.go(pages["report-enrollments"])
    chart = page.locator(".puente-chart__svg--wide").last
    texts = [text.text_content() for text in chart.locator("text").all()]
    assert AGENCIES[0] in texts and AGENCIES[1] in texts
    for text in chart.locator("text").all():
        box = text.bounding_box()
        frame = chart.bounding_box()
        assert box["x"] >= frame["x"] - 1
        assert box["x"] + box["width"] <= frame["x"] + frame["width"] + 1, text

    # The learner report: its course choice is on the page.
    s.go(url_in(language, "puente_reports:learners"))
    look(s, "report-learners-choose")
    page.locator("#choose-course").select_option(str(office["course"].pk))
    click_and_wait(page, page.locator(".puente-picker button"))
    assert "José Núñez Peña" in page.locator("#learners-table").inner_text()
    look(s, "report-learners")

    # A learner's name, corrected by the program administrator.
    learner = office["learners"][1]
    s.go(url_in(language, "wagtailusers_users:edit", learner.pk))
    look(s, "learner-name")
    page.locator('input[name="full_name"]').fill("Ana María López Ortega")
    click_and_wait(page, page.locator("form button[type=submit]").last)
    learner.refresh_from_db()
    assert learner.full_name == "Ana María López Ortega"

    # A visitor checks the revoked certificate's PDF: Puente's, and revoked.
    pdf = render_certificate_file(office["revoked"])
    visitor = browse(language)
    visitor.go(url_in(language, "certificates:check_pdf"))
    visitor.page.locator('input[type="file"]').set_input_files(
        files=[{"name": "c.pdf", "mimeType": "application/pdf", "buffer": pdf}]
    )
    click_and_wait(visitor.page, visitor.page.locator("form.check-pdf-form button"))
    state = visitor.page.locator(".verify-result__state").inner_text()
    assert t(language, "This file matches a certificate Puente issued.") in state
    assert ("fue revocada" if language == "es" else "was revoked") in state
    look(visitor, "check-pdf-revoked")
