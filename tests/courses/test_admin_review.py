"""Course review: a trainer submits a course's changed pages in one action, a program
administrator approves (publishes) or sends them back in one action, through
Wagtail's "Course review" workflow, with Wagtail's own audit entries per page."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState

from courses.review import IN_REVIEW, NEEDS_CHANGES, get_course_review


def _review_url(course) -> str:
    return reverse("courses_course_review", args=[course.pk])


def _draft(page, user, title: str):
    """A change saved as a draft, as the editor's "Save draft" does."""
    page = page.specific
    page.title_en = title
    page.save_revision(user=user, log_action=True)
    return page


@pytest.fixture
def changed(built, trainer):
    """Three pages of the course with unpublished changes: the course, a lesson and
    a quiz."""
    pages = [
        _draft(built.course, trainer, "Course (revised)"),
        _draft(built.lessons[0], trainer, "Lesson (revised)"),
        _draft(built.quizzes[0], trainer, "Quiz (revised)"),
    ]
    return pages


def _states(pages):
    return {
        page.pk: WorkflowState.objects.active()
        .filter(object_id=str(page.pk))
        .values_list("status", flat=True)
        .first()
        for page in pages
    }


def _live_titles(pages):
    return [type(page).objects.get(pk=page.pk).title_en for page in pages]


def _submit(client, course):
    return client.post(_review_url(course), {"action": "submit"})


def test_a_trainer_submits_a_course_of_three_changed_pages_in_one_action(
    client, trainer, built, changed
):
    client.force_login(trainer)
    page = BeautifulSoup(client.get(_review_url(built.course)).content, "html.parser")
    assert page.select_one('input[name="action"][value="submit"]')
    assert not page.select_one('input[name="action"][value="approve"]')
    response = _submit(client, built.course)
    assert response.status_code == 302
    assert set(_states(changed).values()) == {WorkflowState.STATUS_IN_PROGRESS}
    assert all(s.workflow.name == "Course review" for s in WorkflowState.objects.all())
    starts = PageLogEntry.objects.filter(action="wagtail.workflow.start", user=trainer)
    assert sorted(starts.values_list("page_id", flat=True)) == sorted(
        p.pk for p in changed
    )
    # Nothing else of the course was submitted, and nothing is live yet.
    assert len(get_course_review(built.course).in_review) == 3
    assert "(revised)" not in " ".join(_live_titles(changed))
    # Trainers cannot publish: approving is refused and changes nothing.
    refused = client.post(
        _review_url(built.course), {"action": "approve", "approve-comment": ""}
    )
    assert refused.status_code == 409
    assert "(revised)" not in " ".join(_live_titles(changed))


def test_a_program_administrator_approves_and_every_page_is_published(
    client, trainer, program_admin, built, changed
):
    client.force_login(trainer)
    _submit(client, built.course)
    client.force_login(program_admin)
    page = BeautifulSoup(client.get(_review_url(built.course)).content, "html.parser")
    assert len(page.select('tr[data-review-status="in_review"]')) == 3
    response = client.post(
        _review_url(built.course),
        {"action": "approve", "approve-comment": "Reviewed as a course."},
    )
    assert response.status_code == 302
    assert _live_titles(changed) == [
        "Course (revised)",
        "Lesson (revised)",
        "Quiz (revised)",
    ]
    assert not any(
        type(p).objects.get(pk=p.pk).has_unpublished_changes for p in changed
    )
    assert not WorkflowState.objects.active().exists()
    for action in ("wagtail.workflow.approve", "wagtail.publish"):
        entries = PageLogEntry.objects.filter(action=action, user=program_admin)
        assert entries.count() == 3, action
    followed = client.get(_review_url(built.course)).content.decode()
    assert "3 pages of the course were approved and published." in followed


def test_a_rejection_publishes_nothing_and_needs_a_comment(
    client, trainer, program_admin, built, changed
):
    client.force_login(trainer)
    _submit(client, built.course)
    client.force_login(program_admin)
    no_comment = client.post(
        _review_url(built.course), {"action": "reject", "reject-comment": ""}
    )
    assert no_comment.status_code == 400
    assert set(_states(changed).values()) == {WorkflowState.STATUS_IN_PROGRESS}
    response = client.post(
        _review_url(built.course),
        {"action": "reject", "reject-comment": "Sources missing in the lesson."},
    )
    assert response.status_code == 302
    assert set(_states(changed).values()) == {WorkflowState.STATUS_NEEDS_CHANGES}
    assert "(revised)" not in " ".join(_live_titles(changed))
    assert (
        PageLogEntry.objects.filter(
            action="wagtail.workflow.reject", user=program_admin
        ).count()
        == 3
    )
    # The trainer fixes and resubmits the course in one action again.
    client.force_login(trainer)
    statuses = {item.status for item in get_course_review(built.course).to_submit}
    assert statuses == {NEEDS_CHANGES}
    assert _submit(client, built.course).status_code == 302
    assert {i.status for i in get_course_review(built.course).in_review} == {IN_REVIEW}
    assert len(get_course_review(built.course).in_review) == 3


def test_a_page_that_cannot_be_submitted_stops_the_whole_submission(
    client, trainer, program_admin, built, changed
):
    lesson = changed[1]
    lesson.locked, lesson.locked_by = True, program_admin
    lesson.save(update_fields=["locked", "locked_by"], clean=False)
    client.force_login(trainer)
    response = _submit(client, built.course)
    assert response.status_code == 409
    assert "nothing was submitted" in response.content.decode()
    assert not WorkflowState.objects.exists()


def test_the_review_listing_names_the_course_and_the_editor_links_to_it(
    client, trainer, built, changed
):
    client.force_login(trainer)
    _submit(client, built.course)
    listing = BeautifulSoup(
        client.get(reverse("courses_course_review_index")).content, "html.parser"
    )
    row = listing.select_one("tbody tr")
    link = row.select_one("th a")
    assert link.get_text(strip=True) == "Course (revised)"
    assert link["href"] == _review_url(built.course)
    assert [td.get_text(strip=True) for td in row.select("td")][:3] == ["0", "3", "0"]
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[built.lessons[1].pk]))
    assert _review_url(built.course) in edit.content.decode()


def test_the_review_page_reads_in_spanish_for_a_spanish_admin(
    client, trainer, built, changed
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(trainer)
    profile.preferred_language = "es"
    profile.save()
    client.force_login(trainer)
    html = client.get(_review_url(built.course)).content.decode()
    assert "Enviar el curso a revisión" in html
    assert "Cambios sin enviar" in html


def test_a_learner_cannot_open_course_review(client, learner, built):
    client.force_login(learner)
    response = client.get(_review_url(built.course))
    assert response.status_code in (302, 403)
    assert not WorkflowState.objects.exists()


def test_the_outcome_of_an_action_reads_in_the_admins_spanish(
    client, trainer, built, changed
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(trainer)
    profile.preferred_language = "es"
    profile.save()
    client.force_login(trainer)
    response = client.post(_review_url(built.course), {"action": "submit"}, follow=True)
    html = response.content.decode()
    assert "Se enviaron a revisión 3 páginas del curso." in html
    assert "submitted for review" not in html
