"""An interview practice in Chromium, in English and in Spanish: a learner reads the
case, plays a round to an ending (one move with the keyboard alone, one question
typed), reads the debrief, plays again and sees the trend. axe, the 360px check and
screenshots (360 and 1280 px) on the practice page, a round, its coaching and the
debrief; the round page's weight on a first visit."""

import pytest

from tests.browser.support import SCREENSHOTS, WIDE, page_path, sign_in, t, url_in

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BUDGET = 200 * 1024
GOOD_FIRST = {"en": "Tell me what happened today.", "es": "Cuéntame qué pasó hoy."}
TYPED = {"en": "Tell me more about the phone", "es": "platícame más del celular"}
WEAK = {
    "en": ["Did he bring you here?", "Where is the phone now?"],
    "es": ["¿Él te trajo aquí?", "¿Dónde está el celular?"],
}


@pytest.fixture
def practice_site(live_server):
    from lms.accounts.roles import LEARNERS, sync_roles
    from lms.demo.courses import ensure_home_page
    from tests.builders import make_course, make_practice

    roles = sync_roles()
    built = make_course(ensure_home_page(), modules=1, lessons_per_module=1)
    practice = make_practice(built.modules[0])
    return built.course, practice, roles[LEARNERS]


def wide_shot(session, name: str) -> None:
    """The 1280px screenshot beside the 360px one ``check`` saved."""
    session.page.set_viewport_size(WIDE)
    session.page.screenshot(
        path=str(SCREENSHOTS / f"{session.language}-{name}-1280.png"), full_page=True
    )


def first_visit_weight(browse, session, path) -> int:
    fresh = browse(session.language, storage_state=session.context.storage_state())
    sizes = []
    fresh.page.on("response", lambda response: sizes.append(len(response.body())))
    fresh.go(path)
    fresh.page.wait_for_load_state("networkidle")
    fresh.context.close()
    return sum(sizes)


def say(page, text: str) -> None:
    page.locator("form.practice-choose").get_by_label(text, exact=True).check()
    with page.expect_navigation():
        page.locator("form.practice-choose button[type=submit]").click()


@pytest.mark.parametrize("language", ["en", "es"])
def test_learner_plays_a_practice_and_sees_the_trend(browse, practice_site, language):
    from lms.learning.services.enrollment import acknowledge_content_note, enroll_user
    from lms.models import PracticeMove
    from tests.factories import PASSWORD, UserFactory

    course, practice, learners = practice_site
    learner = UserFactory(groups=[learners], preferred_language=language)
    acknowledge_content_note(enroll_user(learner, course))

    s = browse(language)
    page = s.page
    sign_in(s, learner.email, PASSWORD)
    s.go(page_path(practice, language))
    s.check("practice-page")
    wide_shot(s, "practice-page")
    assert page.locator(".practice-rule").is_visible()

    s.submit(url_in(language, "lms_start_practice_round", practice.pk))
    s.check("practice-round")
    wide_shot(s, "practice-round")
    assert page.locator("fieldset legend").inner_text() == t(
        language, "What do you say next?"
    )
    weight = first_visit_weight(browse, s, s.path())
    assert weight < BUDGET, f"round page transfers {weight} bytes"

    # The first move with the keyboard alone: focus the option, Space, Tab, Enter.
    page.get_by_label(GOOD_FIRST[language], exact=True).focus()
    page.keyboard.press("Space")
    assert page.get_by_label(GOOD_FIRST[language], exact=True).is_checked()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.type")
    assert focused == "submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    s.check("practice-coaching")
    wide_shot(s, "practice-coaching")
    assert page.locator(".coaching").is_visible()
    assert page.locator(".transcript__moves > li").count() == 1

    # One question typed: classified, and the round reaches an ending.
    page.locator("#question").fill(TYPED[language])
    with page.expect_navigation():
        page.locator("form.practice-free-text button[type=submit]").click()
    assert s.path() == url_in(
        language, "lms_practice_debrief", PracticeMove.objects.last().round_id
    )
    s.check("practice-debrief")
    wide_shot(s, "practice-debrief")
    transcript = page.locator(".transcript__moves").inner_text()
    assert TYPED[language] in transcript
    assert t(language, "Cued invitation") in transcript
    assert "100 %" in page.locator(".practice-score__figure").inner_text()

    # Again, with weaker moves: the debrief names a better move and the trend.
    with page.expect_navigation():
        page.locator(".practice-debrief__actions button[type=submit]").click()
    for text in WEAK[language]:
        say(page, text)
    s.check("practice-debrief-weak")
    assert page.locator(".transcript__better").count() == 2
    rows = page.locator(".practice-trend__table tbody tr")
    assert rows.count() == 2
    summary = page.locator(".practice-trend__summary").inner_text()
    assert "100 %" in summary and "0 %" in summary

    s.go(page_path(practice, language))
    assert page.locator(".practice-trend__table tbody tr").count() == 2
    assert page.locator(".practice-actions__met").is_visible()
