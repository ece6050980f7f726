"""The learner's journey in Chromium, in English and in Spanish: sign-up to a verified
certificate, with axe, the 360px check and a screenshot on every page type."""

import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader

from tests.browser.support import page_path, t, url_in

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NAME = "José Núñez Peña"
PASSWORD = "un-puente-seguro-2026"
PROFILE = {
    "full_name": NAME,
    "agency": "Fiscalía del Estado de Chihuahua",
    "state": "Chihuahua",
    "job_title": "Agente del Ministerio Público",
}
CHOICE_LABELS = {"en": "Choice {}", "es": "Opción {}"}

# Weight budget of a lesson page on a first visit (empty cache), video excluded.
LESSON_BUDGET = 200 * 1024


def answer_with_mouse(page, language, letter):
    questions = page.locator("fieldset.attempt__question")
    for index in range(questions.count()):
        label = CHOICE_LABELS[language].format(letter)
        questions.nth(index).get_by_label(label, exact=True).check()


def answer_with_keyboard(page, questions: int):
    """Tab into each radio group, Space picks its first choice, Enter submits."""
    active = (
        "() => [document.activeElement.tagName, document.activeElement.type,"
        " document.activeElement.name]"
    )
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate(active)[1] == "radio":
            break
    names = []
    for index in range(questions):
        tag, kind, name = page.evaluate(active)
        assert kind == "radio", (index, tag, kind)
        names.append(name)
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
    assert len(set(names)) == questions
    tag, kind, _ = page.evaluate(active)
    assert (tag, kind) == ("BUTTON", "submit")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def lesson_weight(browse, session, path) -> int:
    """Bytes a first visit to ``path`` transfers (a fresh context: nothing cached)."""
    fresh = browse(session.language, storage_state=session.context.storage_state())
    sizes = []

    def measure(response):
        kind = response.headers.get("content-type", "")
        if not kind.startswith("video/"):
            sizes.append(len(response.body()))

    fresh.page.on("response", measure)
    fresh.go(path)
    fresh.page.wait_for_load_state("networkidle")
    fresh.context.close()
    return sum(sizes)


@pytest.mark.parametrize("language", ["en", "es"])
def test_learner_signs_up_learns_and_verifies_the_certificate(
    browse, course_site, mailoutbox, language
):
    from certificates.models import Certificate

    s = browse(language)
    page = s.page
    email = f"jose.{language}@fiscalia.test"

    # Home, then sign up from the header.
    s.go(f"/{language}/")
    s.check("home")
    with page.expect_navigation():
        page.locator(
            f'header a[href="{url_in(language, "account_signup")}"]'
        ).first.click()
    s.check("signup")
    for name, value in PROFILE.items():
        page.locator(f'[name="{name}"]').fill(value)
    page.locator('[name="agency_type"]').select_option("prosecutor")
    page.locator('[name="country"]').select_option("MX")
    page.locator('[name="preferred_language"]').select_option(language)
    page.locator('[name="email"]').fill(email)
    page.locator('[name="password1"]').fill(PASSWORD)
    page.locator('[name="password2"]').fill(PASSWORD)
    with page.expect_navigation():
        page.locator('form:has([name="password1"]) button[type="submit"]').click()

    # The verification email, read from the in-process outbox.
    assert len(mailoutbox) == 1, [m.subject for m in mailoutbox]
    link = re.search(r"https?://\S+?(/\S+/confirm-email/\S+/)", mailoutbox[0].body)
    assert link, mailoutbox[0].body
    assert link.group(1).startswith(f"/{language}/")
    s.go(link.group(1))
    with page.expect_navigation():
        page.locator('main form button[type="submit"]').first.click()

    # Sign in.
    if s.path() != url_in(language, "account_login"):
        s.go(url_in(language, "account_login"))
    s.check("login")
    page.locator('input[name="login"]').fill(email)
    page.locator('input[name="password"]').fill(PASSWORD)
    with page.expect_navigation():
        page.locator('main form button[type="submit"]').first.click()
    assert s.path() == url_in(language, "dashboard")

    # Catalogue → course → enroll → content note.
    course = course_site.course
    catalogue_path = page_path(course_site.catalogue, language)
    with page.expect_navigation():
        page.locator(f'header a[href="{catalogue_path}"]').click()
    s.check("catalogue")
    with page.expect_navigation():
        page.locator(f'main a[href="{page_path(course, language)}"]').first.click()
    s.check("course")
    s.submit(url_in(language, "lms_enroll", course.pk))
    s.submit(url_in(language, "lms_acknowledge_note", course.pk))

    # The lessons.
    first = course_site.lessons[0]
    if s.path() != page_path(first, language):
        with page.expect_navigation():
            page.locator(f'main a[href="{page_path(first, language)}"]').first.click()
    assert s.path() == page_path(first, language)
    s.check("lesson")
    weight = lesson_weight(browse, s, page_path(first, language))
    assert weight < LESSON_BUDGET, f"lesson page transfers {weight} bytes"
    for lesson in course_site.lessons:
        if s.path() != page_path(lesson, language):
            s.go(page_path(lesson, language))
        s.submit(url_in(language, "lms_lesson_complete", lesson.pk))

    # The quiz: fail with the mouse, then pass with the keyboard alone.
    quiz = course_site.quiz
    s.go(page_path(quiz, language))
    s.check("quiz")
    s.submit(url_in(language, "lms_start_attempt", quiz.pk))
    s.check("attempt")
    answer_with_mouse(page, language, "B")
    with page.expect_navigation():
        page.locator("form.attempt__form button[type=submit]").click()
    s.check("result-failed")
    assert page.get_by_text(
        t(language, "You did not reach the pass mark this time.")
    ).is_visible()

    s.go(page_path(quiz, language))
    s.submit(url_in(language, "lms_start_attempt", quiz.pk))
    answer_with_keyboard(page, 2)
    assert page.get_by_text(t(language, "You passed this quiz.")).is_visible()
    s.check("result-passed")

    # Course complete; the certificate is on the dashboard.
    s.go(page_path(course, language))
    assert page.locator(".enrollment-panel__complete").is_visible()
    s.go(url_in(language, "dashboard"))
    s.check("dashboard")
    certificate = Certificate.objects.get(user__email=email)
    card = page.locator(".certificate-card")
    assert card.count() == 1
    assert certificate.serial in card.inner_text()

    with page.expect_download() as download:
        card.locator("form.certificate-card__download button[type=submit]").click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"%PDF")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert NAME in text, text

    # The verification link, as shared from the dashboard.
    share = card.locator("input.certificate-card__share").input_value()
    assert f"/verify/{certificate.code}/" in share
    s.go(urlsplit(share).path)
    s.check("verification-valid")
    assert page.locator(".verify-result__state").inner_text().strip() == t(
        language, "This certificate is valid."
    )
    assert NAME in page.locator(".verify-details").inner_text()

    s.go(url_in(language, "profile"))
    s.check("profile")
    assert page.locator('[name="full_name"]').input_value() == NAME

    # Their data, then deleting the account: the certificate still verifies, without
    # the name (decision 0005).
    s.go(url_in(language, "account_data"))
    s.check("your-data")
    s.go(url_in(language, "account_delete"))
    s.check("delete-account")
    page.locator('[name="password"]').fill(PASSWORD)
    with page.expect_navigation():
        page.locator('main form[method="post"] button[type="submit"]').click()
    assert s.path() == url_in(language, "account_deleted")
    s.check("account-deleted")
    s.go(urlsplit(share).path)
    s.check("verification-deleted-holder")
    assert page.locator(".verify-result__state").inner_text().strip() == t(
        language, "This certificate is valid."
    )
    assert NAME not in page.content()
