"""Switching language in the middle of a course keeps progress and the open attempt."""

import pytest

from tests.browser.support import page_path, sign_in, t, url_in
from tests.factories import PASSWORD, UserFactory

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

OTHER = {"en": "es", "es": "en"}


@pytest.mark.parametrize("language", ["en", "es"])
def test_switching_language_keeps_progress_and_the_open_attempt(
    browse, course_site, language
):
    from lms.accounts.roles import LEARNERS, sync_roles
    from lms.models import QuizAttempt

    other = OTHER[language]
    learner = UserFactory(groups=[sync_roles()[LEARNERS]], preferred_language=language)
    s = browse(language)
    page = s.page
    sign_in(s, learner.email, PASSWORD)

    course, quiz = course_site.course, course_site.quiz
    s.go(page_path(course, language))
    s.submit(url_in(language, "lms_enroll", course.pk))
    s.submit(url_in(language, "lms_acknowledge_note", course.pk))
    first = course_site.lessons[0]
    s.go(page_path(first, language))
    s.submit(url_in(language, "lms_lesson_complete", first.pk))

    s.go(page_path(quiz, language))
    s.submit(url_in(language, "lms_start_attempt", quiz.pk))
    attempt = QuizAttempt.objects.get(enrollment__user=learner)
    assert s.path() == url_in(language, "lms_attempt", attempt.pk)

    # The language switcher on the attempt page.
    with page.expect_navigation():
        page.locator(f'nav.language-switcher a[hreflang="{other}"]').click()
    assert s.path() == url_in(other, "lms_attempt", attempt.pk)
    assert page.locator("html").get_attribute("lang") == other
    assert page.locator("fieldset.attempt__question").count() == 2
    submit = page.locator("form.attempt__form button[type=submit]").inner_text()
    assert submit.strip() == t(other, "Submit my answers")

    # Progress and the open attempt, in the other language.
    s.go(page_path(quiz, other))
    assert page.locator(
        f'a.button[href="{url_in(other, "lms_attempt", attempt.pk)}"]'
    ).inner_text().strip() == t(other, "Continue your attempt")
    s.go(page_path(course, other))
    progress = page.locator(".enrollment-panel .learning-progress label").inner_text()
    with_counts = t(other, "Your progress: %(done)s of %(total)s done") % {
        "done": 1,
        "total": 3,
    }
    assert progress.strip() == with_counts
    lesson = page_path(first, other)
    s.go(lesson)
    assert page.locator(".lesson-actions__done").inner_text().strip() == t(
        other, "You have completed this lesson."
    )
    assert QuizAttempt.objects.filter(enrollment__user=learner).count() == 1
    learner.refresh_from_db()
    assert learner.preferred_language == other
