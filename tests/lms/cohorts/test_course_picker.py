"""The cohort form's course picker: live courses only (a draft cannot be chosen),
as checkboxes in title order; a course the cohort already has stays offered after
it is unpublished, so saving the cohort keeps it."""

import re

import pytest
from django.urls import reverse

from lms.models import Cohort
from tests.builders import make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def courses(home_page):
    live = make_course(home_page, modules=1, lessons_per_module=1, quiz=False).course
    draft = make_course(home_page, modules=1, lessons_per_module=1, quiz=False).course
    draft.unpublish()
    return live, draft


@pytest.fixture
def admin_client(client, program_admin):
    client.force_login(program_admin)
    return client


def offered(html: str) -> set[str]:
    return set(re.findall(r'name="courses" value="(\d+)"', html))


def test_the_add_form_offers_live_courses_only(admin_client, courses):
    live, draft = courses
    html = admin_client.get(reverse("cohorts:add")).content.decode()
    assert offered(html) == {str(live.pk)}
    assert live.title in html and draft.title not in html
    assert 'type="checkbox"' in html


def test_a_draft_course_cannot_be_posted(admin_client, courses):
    live, draft = courses
    response = admin_client.post(
        reverse("cohorts:add"), {"name": "Nogales 2027", "courses": [draft.pk]}
    )
    assert response.status_code == 200  # the form again, with the error
    assert not Cohort.objects.filter(name="Nogales 2027").exists()
    response = admin_client.post(
        reverse("cohorts:add"), {"name": "Nogales 2027", "courses": [live.pk]}
    )
    assert response.status_code == 302
    assert list(Cohort.objects.get(name="Nogales 2027").courses.all()) == [live]


def test_an_unpublished_course_of_the_cohort_stays_when_it_is_saved(
    admin_client, courses
):
    live, draft = courses
    cohort = Cohort.objects.create(name="Tijuana 2026")
    cohort.courses.set([live, draft])
    edit = reverse("cohorts:edit", args=[cohort.pk])
    assert offered(admin_client.get(edit).content.decode()) == {
        str(live.pk),
        str(draft.pk),
    }
    response = admin_client.post(
        edit, {"name": "Tijuana 2026 (B)", "courses": [live.pk, draft.pk]}
    )
    assert response.status_code == 302
    assert set(cohort.courses.all()) == {live, draft}
    other = Cohort.objects.create(name="Other")
    assert offered(
        admin_client.get(reverse("cohorts:edit", args=[other.pk])).content.decode()
    ) == {str(live.pk)}
