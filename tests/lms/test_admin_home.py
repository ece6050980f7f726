"""Puente's admin home, lms's part: Puente's name and mark instead of Wagtail's, a
summary of courses, learners and cohorts instead of "56 Pages / 12 Images", and the
content waiting for review grouped by course, for the reviewer and for the author,
each shown to the roles it concerns, in the admin language."""

import re

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.builders import make_course

pytestmark = pytest.mark.django_db

WORDS = {
    "en": {
        "welcome": "Puente back office",
        "courses": "1 live course",
        "learners": "learners",
        "cohorts": "0 cohorts",
        "review": "Content waiting for review",
        "to_review": "1 page waiting for your review",
        "in_review": "1 of your pages is in review.",
        "nothing": "Nothing is waiting for review.",
    },
    "es": {
        "welcome": "Administración de Puente",
        "courses": "1 curso publicado",
        "learners": "participantes",
        "cohorts": "0 grupos",
        "review": "Contenido en espera de revisión",
        "to_review": "1 página en espera de su revisión",
        "in_review": "1 de sus páginas está en revisión.",
        "nothing": "No hay nada en espera de revisión.",
    },
}


def home(client, user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def summary(html):
    start = html.index('class="w-summary"')
    return html[start : html.index("</section>", start)]


def review_panel(html):
    start = html.index('id="puente-review-section"')
    return html[start : html.index("</section>", start)]


@pytest.fixture
def course(home_page):
    return make_course(home_page, modules=1, lessons_per_module=2, quiz=False)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_home_is_puentes_not_stock_wagtails(
    client, course, program_admin, language
):
    words = WORDS[language]
    html = home(client, program_admin, language)
    assert re.search(rf"<h1[^>]*>\s*{words['welcome']}\s*</h1>", html)
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.strip().endswith("- Puente") and "Wagtail" not in title
    assert "img/logo-mark.svg" in html and "img/favicon.svg" in html
    assert "css/back_office.css" in html
    line = summary(html)
    assert words["courses"] in line
    assert words["learners"] in line and words["cohorts"] in line
    assert reverse("cohorts:index") in line
    # Wagtail's stock figures are gone (every page, image and document counted).
    for stock in ("Pages", "Images", "Documents", "Páginas", "Imágenes"):
        assert stock not in line, stock
    assert words["nothing"] in review_panel(html)


def test_a_trainer_sees_courses_but_not_learners_or_cohorts(client, course, trainer):
    html = home(client, trainer, "en")
    line = summary(html)
    assert "1 live course" in line
    assert "learner" not in line and reverse("cohorts:index") not in line
    assert "Content waiting for review" in review_panel(html)


def test_learners_have_no_admin_home(client, learner):
    client.force_login(learner)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code in (302, 403)


@pytest.mark.parametrize("language", ["en", "es"])
def test_pages_in_review_are_listed_by_course_for_the_reviewer_and_the_author(
    client, course, trainer, program_admin, language
):
    lesson = course.lessons[0]
    lesson.title_en = "Revised lesson"
    revision = lesson.save_revision(user=trainer)
    lesson.get_workflow().start(lesson, trainer)
    assert revision is not None
    words = WORDS[language]

    reviewer = review_panel(home(client, program_admin, language))
    assert words["to_review"] in reviewer
    title = getattr(course.course, f"title_{language}")
    assert f"{title}:" in reviewer
    assert reverse("wagtailadmin_pages:edit", args=[lesson.pk]) in reviewer

    author = review_panel(home(client, trainer, language))
    assert words["in_review"] in author
    assert words["to_review"] not in author
