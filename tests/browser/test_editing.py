"""The editor as a bilingual trainer and program administrator use it, in Chromium,
with the admin in English and in Spanish: every edit form Puente defines (home,
catalogue, course, module, lesson, quiz, interview practice, a new lesson, topic,
signatory) passes axe with no serious or critical violation, with each translated
field's languages side by side at 1280 px (stacked, without sideways scroll, at
360 px); the Spanish-only view still reaches every question and choice; the
preview panel shows the page; screenshots go to
``artifacts/screenshots/<lang>-edit-<form>-<width>.png``. Course review is submitted
and approved as one unit through its page."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.support import NARROW, SCREENSHOTS, SERIOUS, WIDE, sign_in
from tests.factories import PASSWORD, UserFactory

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
_axe = Axe()
TALLEST = 6000  # px of a screenshot: the top of a long form is what a person sees


@pytest.fixture
def editing(course_site, settings):
    from wagtail.users.models import UserProfile

    from lms.accounts.roles import PROGRAM_ADMINS, sync_roles
    from tests.builders import make_practice, make_topic

    settings.PUENTE_STAFF_MFA_REQUIRED = False  # proven in tests/security
    roles = sync_roles()
    admin = UserFactory(groups=[roles[PROGRAM_ADMINS]], full_name="María Solís")
    module = course_site.course.get_children().first().specific
    practice = make_practice(module)
    topic = make_topic("interviewing", "Interviewing", "Entrevista")
    signatory = course_site.course.signatory
    edit = "wagtailadmin_pages:edit"
    forms = {
        "home": reverse(edit, args=[course_site.catalogue.get_parent().pk]),
        "catalogue": reverse(edit, args=[course_site.catalogue.pk]),
        "course": reverse(edit, args=[course_site.course.pk]),
        "module": reverse(edit, args=[module.pk]),
        "lesson": reverse(edit, args=[course_site.lessons[0].pk]),
        "quiz": reverse(edit, args=[course_site.quiz.pk]),
        "practice": reverse(edit, args=[practice.pk]),
        "new-lesson": reverse(
            "wagtailadmin_pages:add", args=["courses", "lessonpage", module.pk]
        ),
        "topic": reverse("wagtailsnippets_courses_topic:edit", args=[topic.pk]),
        "signatory": reverse(
            "wagtailsnippets_courses_signatory:edit", args=[signatory.pk]
        ),
    }
    return {"admin": admin, "profile": UserProfile.get_for_user(admin), "forms": forms}


def _signed_in(browse, editing, language):
    profile = editing["profile"]
    profile.preferred_language = language
    profile.save()
    session = browse(language)
    sign_in(session, editing["admin"].email, PASSWORD)
    return session


def _open(session, path):
    session.go(path)
    session.page.wait_for_load_state("networkidle")


def _choose_view(page, view: str) -> None:
    page.locator(f".puente-language-view input[value='{view}']").check(force=True)


def _axe_problems(page, where: str) -> list[str]:
    # Wagtail's messages fade in: a colour read mid-fade is not the colour shown.
    page.evaluate(
        "Promise.all(document.getAnimations().map((a) => a.finished.catch(() => 0)))"
    )
    results = _axe.run(page)
    return [
        f"{where}: {v['id']} ({v['impact']}) {v['help']} — "
        + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in results.response["violations"]
        if v.get("impact") in SERIOUS
    ]


def _screenshot(page, name: str, size: dict) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # Wagtail scrolls inside its content area: a window as tall as the form shows it.
    tall = page.evaluate(
        "Math.max(...[...document.querySelectorAll('main, main *')]"
        ".map((e) => e.scrollHeight))"
    )
    page.set_viewport_size({**size, "height": min(max(tall, size["height"]), TALLEST)})
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{size['width']}.png"))
    page.set_viewport_size(size)


def _top(page, selector: str) -> float:
    return page.locator(selector).first.evaluate("(e) => e.getBoundingClientRect().top")


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_edit_form_side_by_side_and_axe_clean(browse, editing, language):
    session = _signed_in(browse, editing, language)
    page = session.page
    problems = []
    for name, path in editing["forms"].items():
        _open(session, path)
        assert page.locator("html").get_attribute("lang") == language, name
        _choose_view(page, "both")
        assert page.locator("[data-puente-translated]").count() > 0, name
        # The two languages of the first translated field start on the same line.
        first = page.locator("[data-puente-translated]").first
        en, es = (
            first.locator(f'[data-puente-language="{code}"]') for code in ("en", "es")
        )
        assert (
            abs(
                en.evaluate("(e) => e.getBoundingClientRect().top")
                - es.evaluate("(e) => e.getBoundingClientRect().top")
            )
            < 1
        ), name
        problems += _axe_problems(page, f"{name} [{language}] 1280px")
        _screenshot(page, f"{language}-edit-{name}", WIDE)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_lesson_on_a_phone_stacks_its_languages(browse, editing, language):
    session = _signed_in(browse, editing, language)
    page = session.page
    _open(session, editing["forms"]["lesson"])
    page.set_viewport_size(NARROW)
    _choose_view(page, "both")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW["width"], f"the lesson form scrolls sideways: {width}px"
    summary = '[data-puente-translated="summary"]'
    assert _top(page, f'{summary} [data-puente-language="es"]') > _top(
        page, f'{summary} [data-puente-language="en"]'
    )
    problems = _axe_problems(page, f"lesson [{language}] 360px")
    _screenshot(page, f"{language}-edit-lesson", NARROW)
    assert not problems, "\n".join(problems)


def test_the_lesson_form_measured_at_1280(browse, editing):
    """Body [es] beside Body [en]; a one-sentence summary a few lines high."""
    session = _signed_in(browse, editing, "en")
    page = session.page
    _open(session, editing["forms"]["lesson"])
    _choose_view(page, "both")
    body = '[data-puente-translated="body"]'
    offset = _top(page, f'{body} [data-puente-language="es"]') - _top(
        page, f'{body} [data-puente-language="en"]'
    )
    assert abs(offset) < 1, offset
    height = page.locator('textarea[name="summary_en"]').evaluate(
        "(e) => e.getBoundingClientRect().height"
    )
    assert height < 160, height


def test_the_spanish_only_view_reaches_every_question_and_choice(browse, editing):
    session = _signed_in(browse, editing, "es")
    page = session.page
    _open(session, editing["forms"]["quiz"])
    _choose_view(page, "es")
    questions = page.locator('textarea[name$="-text_es"][name^="questions-"]')
    assert questions.count() > 2
    for index in range(questions.count()):
        field = questions.nth(index)
        field.scroll_into_view_if_needed()
        assert field.is_visible(), field.get_attribute("name")
    assert not page.locator('textarea[name="questions-0-text_en"]').is_visible()
    # The view is kept for the next form opened.
    _open(session, editing["forms"]["module"])
    assert page.locator("#id_intro_es").is_visible()
    assert not page.locator("#id_intro_en").is_visible()
    _choose_view(page, "both")


def test_the_preview_panel_shows_the_page(browse, editing):
    session = _signed_in(browse, editing, "es")
    page = session.page
    _open(session, editing["forms"]["lesson"])
    page.locator('button[data-side-panel-toggle="preview"]').click()
    frame = page.frame_locator("iframe.w-preview__iframe, #w-preview-iframe").first
    # Not "refused to connect": the page renders inside the editor.
    assert frame.locator("h1").first.inner_text(timeout=15000)


def test_a_new_spanish_title_fills_its_own_slug(browse, editing):
    session = _signed_in(browse, editing, "es")
    page = session.page
    _open(session, editing["forms"]["new-lesson"])
    for name, title in (
        ("title_es", "Entrevista en la frontera"),
        ("title_en", "Interviewing at the border"),
    ):
        page.locator(f'[name="{name}"]').click()
        page.keyboard.type(title)
        page.locator(f'[name="{name}"]').blur()
    # Wagtail's title-to-slug sync applies after a short delay: wait for it.
    expect(page.locator('[name="slug_es"]')).to_have_value("entrevista-en-la-frontera")
    expect(page.locator('[name="slug_en"]')).to_have_value("interviewing-at-the-border")


def test_a_course_is_submitted_and_approved_as_one_unit(browse, editing, course_site):
    from lms.accounts.roles import TRAINERS, sync_roles

    trainer = UserFactory(groups=[sync_roles()[TRAINERS]], preferred_language="es")
    changed = [course_site.course, *course_site.lessons[:2]]
    for page in changed:
        page = page.specific
        page.title_es = f"{page.title_es} (revisado)"
        page.save_revision(user=trainer)
    review = reverse("courses_course_review", args=[course_site.course.pk])

    author = browse("es")
    sign_in(author, trainer.email, PASSWORD)
    _open(author, review)
    assert author.page.locator('tr[data-review-status="changed"]').count() == 3
    with author.page.expect_navigation():
        author.page.get_by_role("button", name="Enviar el curso a revisión").click()
    assert author.page.locator('tr[data-review-status="in_review"]').count() == 3
    assert not author.page.get_by_role(
        "button", name="Aprobar y publicar el curso"
    ).count()
    problems = _axe_problems(author.page, "course review [es] (trainer)")
    _screenshot(author.page, "es-edit-course-review", WIDE)
    author.context.close()

    reviewer = _signed_in(browse, editing, "es")
    _open(reviewer, review)
    with reviewer.page.expect_navigation():
        reviewer.page.get_by_role("button", name="Aprobar y publicar el curso").click()
    assert reviewer.page.locator('tr[data-review-status="in_review"]').count() == 0
    problems += _axe_problems(reviewer.page, "course review [es] (administrator)")
    reviewer.context.close()
    for page in changed:
        assert (
            type(page.specific).objects.get(pk=page.pk).title_es.endswith("(revisado)")
        )
    assert not problems, "\n".join(problems)
