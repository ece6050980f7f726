"""Learner pages that lead (issue 18), in Chromium, in English and in Spanish: every
learner page looked at (axe, no sideways scroll at 360 px, screenshots at 360 and
1280 px); a break that keeps the answers; a failed attempt that links to its
lessons; continuing after a pass; the certificate from the completed course page;
signing out from the phone menu in the language in use."""

import io
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader

from tests.browser.screens import look, press
from tests.browser.support import page_path, sign_in, t, url_in
from tests.factories import PASSWORD, UserFactory

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CHOICE = {"en": "Choice {}", "es": "Opción {}"}


@pytest.fixture
def two_modules(live_server):
    """Two modules of one lesson and a three-question quiz each (no shuffling, so
    "A" is right and comes first; retakes at once), with a signatory for the PDF."""
    from courses.models import Signatory
    from lms.accounts.roles import sync_roles
    from lms.demo.courses import ensure_home_page
    from tests.builders import make_catalogue, make_course

    sync_roles()
    home = ensure_home_page()
    catalogue = make_catalogue(home)
    built = make_course(
        catalogue,
        modules=2,
        lessons_per_module=1,
        questions=3,
        quiz_settings={
            "cooldown_minutes": 0,
            "max_attempts": None,
            "shuffle_questions": False,
            "shuffle_choices": False,
            "pass_mark": 100,
        },
    )
    signatory = Signatory(name="Dra. Ana María Gómez")
    signatory.title_en = signatory.title = "Programme Director"
    signatory.title_es = "Directora del Programa"
    signatory.save()
    built.course.signatory = signatory
    built.course.save()
    built.catalogue = catalogue
    return built


def answer(page, language: str, letter: str) -> None:
    questions = page.locator("fieldset.attempt__question")
    for index in range(questions.count()):
        questions.nth(index).get_by_label(
            CHOICE[language].format(letter), exact=True
        ).check()


def submit_answers(s) -> None:
    press(s, s.page.locator("form.attempt__form button[type=submit]").first)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_learner_is_led_from_first_page_to_certificate_and_out(
    browse, two_modules, language
):
    course = two_modules.course
    lesson_1, lesson_2 = two_modules.lessons
    quiz_1, quiz_2 = two_modules.quizzes
    learner = UserFactory(preferred_language=language, full_name="José Núñez Peña")
    from lms.accounts.roles import LEARNERS, sync_roles

    learner.groups.add(sync_roles()[LEARNERS])
    s = browse(language)
    page = s.page

    # Before signing in: what a visitor sees.
    s.go(page_path(two_modules.catalogue, language))
    look(s, "catalogue")
    s.go(page_path(course, language))
    look(s, "course-visitor")
    # The visitor's main action is right under the title, above the fold on a phone.
    page.set_viewport_size({"width": 360, "height": 740})
    signup = page.locator(".enrollment-panel a.button").first
    assert signup.bounding_box()["y"] + signup.bounding_box()["height"] < 740
    page.set_viewport_size({"width": 1280, "height": 900})
    for name in ("account_signup", "account_login", "account_reset_password"):
        s.go(url_in(language, name))
        look(s, name.removeprefix("account_").replace("_", "-"))

    sign_in(s, learner.email, PASSWORD)
    s.go(page_path(course, language))
    s.submit(url_in(language, "lms_enroll", course.pk))
    look(s, "course-note")
    s.submit(url_in(language, "lms_acknowledge_note", course.pk))
    assert s.path() == page_path(lesson_1, language)
    look(s, "lesson")
    s.go(page_path(lesson_1.get_parent(), language))
    look(s, "module")

    # Mark the lesson complete: on to the module's quiz.
    s.go(page_path(lesson_1, language))
    s.submit(url_in(language, "lms_lesson_complete", lesson_1.pk))
    assert s.path() == page_path(quiz_1, language)
    look(s, "quiz")

    # A break in the middle of the attempt keeps the answer chosen.
    s.submit(url_in(language, "lms_start_attempt", quiz_1.pk))
    look(s, "attempt")
    first = page.locator("fieldset.attempt__question").first
    first.get_by_label(CHOICE[language].format("B"), exact=True).check()
    press(s, page.get_by_role("button", name=t(language, "Take a break")))
    look(s, "break")
    press(s, page.locator("main a.button").first)
    assert s.path() == page_path(quiz_1, language)
    press(s, page.locator(".quiz-actions a.button").first)
    first = page.locator("fieldset.attempt__question").first
    assert first.get_by_label(CHOICE[language].format("B"), exact=True).is_checked()

    # A failed attempt: the lessons to review, linked.
    answer(page, language, "B")
    submit_answers(s)
    look(s, "result-failed")
    study = page.locator(".study")
    assert study.is_visible()
    assert CHOICE[language].format("A") not in study.inner_text()
    press(s, study.locator(f'a[href="{page_path(lesson_1, language)}"]'))
    assert s.path() == page_path(lesson_1, language)

    # Pass: the primary action continues to the next item (module 2's lesson).
    s.go(page_path(quiz_1, language))
    s.submit(url_in(language, "lms_start_attempt", quiz_1.pk))
    answer(page, language, "A")
    submit_answers(s)
    look(s, "result-passed")
    primary = page.locator(".attempt-result__actions a.button")
    assert primary.inner_text().strip() == t(language, "Continue to the next item")
    press(s, primary)
    assert s.path() == page_path(lesson_2, language)

    # The last lesson and quiz: the result leads to the certificate.
    s.submit(url_in(language, "lms_lesson_complete", lesson_2.pk))
    assert s.path() == page_path(quiz_2, language)
    s.submit(url_in(language, "lms_start_attempt", quiz_2.pk))
    answer(page, language, "A")
    submit_answers(s)
    press(s, page.locator(".attempt-result__actions a.button"))
    assert s.path() == page_path(course, language)
    look(s, "course-completed")
    download = page.locator(".enrollment-panel a.button")
    assert download.inner_text().strip() == t(
        language, "Download your certificate (PDF)"
    )
    with page.expect_download() as pdf:
        download.click()
    data = Path(pdf.value.path()).read_bytes()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "José Núñez Peña" in text
    share = page.locator(".enrollment-panel .completion-links__more a").first
    s.go(urlsplit(share.get_attribute("href")).path)
    assert "/verify/" in s.path()
    look(s, "verification")

    for name, url in (
        ("dashboard", url_in(language, "dashboard")),
        ("transcript", url_in(language, "certificates:transcript")),
        ("profile", url_in(language, "profile")),
        ("your-data", url_in(language, "account_data")),
    ):
        s.go(url)
        look(s, name)

    # Signing out from the phone menu: home, in the language in use.
    page.set_viewport_size({"width": 360, "height": 740})
    s.go(url_in(language, "dashboard"))
    toggle = page.locator(".site-menu__toggle")
    assert toggle.is_visible()
    assert not page.locator(".site-nav").is_visible()
    toggle.click()
    assert page.locator(".site-nav").is_visible()
    page.screenshot(path=str(_shot(language, "menu-open-360")))
    press(s, page.get_by_role("button", name=t(language, "Sign out")))
    assert s.path() == f"/{language}/"
    assert page.locator("html").get_attribute("lang") == language
    page.set_viewport_size({"width": 1280, "height": 900})
    assert not page.locator(".site-menu__toggle").is_visible()
    assert page.locator(".site-nav").is_visible()


def _shot(language: str, name: str):
    from tests.browser.support import SCREENSHOTS

    return SCREENSHOTS / f"{language}-{name}.png"
