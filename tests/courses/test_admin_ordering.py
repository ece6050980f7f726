"""The page explorer lists a course's modules and a module's items as the course
runs (tree order), not the most recently edited first."""

from bs4 import BeautifulSoup
from django.urls import reverse


def _listed(client, page) -> list[int]:
    """The ids of the pages listed under ``page``, top to bottom."""
    html = client.get(reverse("wagtailadmin_explore", args=[page.pk])).content
    rows = BeautifulSoup(html, "html.parser").select('tbody tr[id^="page_"]')
    return [int(row["id"].removeprefix("page_")) for row in rows]


def _touch(page) -> None:
    """An edit made last: Wagtail's default listing would put this page first."""
    page.save_revision().publish()


def test_a_modules_items_are_listed_in_course_order(client, program_admin, built):
    module = built.modules[0]
    items = [*built.lessons[:2], built.quizzes[0]]
    _touch(built.quizzes[0])  # the final item, edited last
    client.force_login(program_admin)
    assert _listed(client, module) == [item.pk for item in items]


def test_a_courses_modules_are_listed_in_course_order(client, program_admin, built):
    _touch(built.modules[-1])
    client.force_login(program_admin)
    assert _listed(client, built.course) == [module.pk for module in built.modules]


def test_the_catalogue_lists_courses_in_catalogue_order(
    client, program_admin, catalogue
):
    from tests.builders import make_course

    courses = [make_course(catalogue, modules=1, quiz=False).course for _n in range(2)]
    _touch(courses[0])
    client.force_login(program_admin)
    assert _listed(client, catalogue) == [course.pk for course in courses]
    html = client.get(reverse("wagtailadmin_explore", args=[catalogue.pk])).content
    # Ordered by the tree, the listing offers to reorder by dragging (or keyboard).
    assert b"data-w-orderable-item-id" in html
