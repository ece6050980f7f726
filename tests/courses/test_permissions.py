"""Review workflow: trainers edit and submit, program administrators approve."""

from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import querydict_from_html


def _edit(client, page, **changes):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for name, value in changes.items():
        data[name] = value
    return client.post(url, data)


def test_trainers_can_edit_but_not_publish(built, trainer, program_admin):
    lesson = built.lessons[0]
    trainer_perms = lesson.permissions_for_user(trainer)
    assert trainer_perms.can_edit()
    assert not trainer_perms.can_publish()
    assert lesson.permissions_for_user(program_admin).can_publish()


# Module pages: their edit form has no StreamField, which only JavaScript can post.


def test_a_trainers_publish_request_saves_a_draft_only(client, built, trainer):
    lesson = built.modules[0]
    client.force_login(trainer)
    response = _edit(
        client, lesson, title_en="Changed by a trainer", **{"action-publish": "1"}
    )
    assert response.status_code in (200, 302)
    lesson.refresh_from_db()
    assert lesson.title_en != "Changed by a trainer"  # the live page is unchanged
    assert lesson.has_unpublished_changes
    draft = lesson.get_latest_revision_as_object()
    assert draft.title_en == "Changed by a trainer"


def test_trainer_submits_and_program_admin_approves(
    client, built, trainer, program_admin
):
    lesson = built.modules[0]
    client.force_login(trainer)
    response = _edit(
        client, lesson, title_en="Reviewed title", **{"action-submit": "1"}
    )
    assert response.status_code == 302
    state = WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(lesson.pk)
    )
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Course review"
    task_state = state.current_task_state
    assert list(task_state.task.specific.groups.values_list("name", flat=True)) == [
        "Program administrators"
    ]
    assert not task_state.task.specific.user_can_access_editor(lesson, trainer) or (
        "approve"
        not in [a[0] for a in task_state.task.specific.get_actions(lesson, trainer)]
    )

    client.force_login(program_admin)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[lesson.pk, "approve", task_state.pk],
    )
    response = client.post(url, {"comment": ""})
    assert response.status_code in (200, 302)
    lesson.refresh_from_db()
    assert lesson.title_en == "Reviewed title"
    assert not lesson.has_unpublished_changes


def test_role_permissions_for_course_snippets(trainer, program_admin):
    assert trainer.has_perm("courses.add_topic")
    assert trainer.has_perm("courses.change_topic")
    assert not trainer.has_perm("courses.add_signatory")
    assert not trainer.has_perm("courses.change_signatory")
    assert program_admin.has_perm("courses.add_signatory")
    assert program_admin.has_perm("courses.delete_topic")
