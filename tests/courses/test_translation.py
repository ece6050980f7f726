"""Every readable field is translated; the report and the Spanish-offer rule."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from modeltranslation.fields import TranslationField
from modeltranslation.translator import NotRegistered, translator
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    streamfield,
)

# Text fields of courses models that nobody reads as prose: codes and keys.
NOT_TRANSLATED = {
    ("coursepage", "import_key"),
    ("coursepage", "languages"),
    ("topic", "slug"),
    ("question", "objective_keys"),  # keys of module objectives, e.g. vc-m1-1
    ("moduleobjective", "key"),
    ("moduleobjective", "course_objectives"),  # keys of course objectives
    ("signatory", "name"),  # a person's name is the same in both languages
    # An interview practice's graph: keys of nodes and of module objectives.
    ("interviewpracticepage", "objective_keys"),
    ("interviewpracticepage", "start_key"),
    ("practicenode", "key"),
    ("practiceoption", "next_key"),
}


def _text_fields(model):
    for field in model._meta.get_fields():
        if isinstance(field, TranslationField) or not getattr(field, "concrete", False):
            continue
        if field.model is not model or field.choices:
            continue
        # RichTextField is a TextField.
        if isinstance(field, models.CharField | models.TextField | StreamField):
            yield field


def test_every_readable_field_is_registered_for_translation():
    unregistered = []
    for model in apps.get_app_config("courses").get_models():
        try:
            registered = translator.get_options_for_model(model).all_fields
        except NotRegistered:
            registered = {}
        for field in _text_fields(model):
            if (model._meta.model_name, field.name) in NOT_TRANSLATED:
                continue
            if field.name not in registered:
                unregistered.append(f"{model.__name__}.{field.name}")
    assert unregistered == []


def test_page_titles_slugs_and_seo_fields_are_translated():
    fields = translator.get_options_for_model(Page).all_fields
    assert {"title", "slug", "seo_title", "search_description"} <= set(fields)


def _blank_spanish_intro(client, page):
    # A module: its edit form has no StreamField (which only JavaScript can post).
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    html = client.get(url).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    assert data["intro_es"]
    data["intro_es"] = ""
    response = client.post(url, data)
    assert response.status_code == 302


def test_report_lists_a_blanked_spanish_field(client, built, trainer):
    lesson = built.modules[0]
    client.force_login(trainer)
    report = reverse("courses_translation_report")
    assert lesson.title_en not in client.get(report).content.decode()

    _blank_spanish_intro(client, lesson)

    response = client.get(report)
    assert response.status_code == 200
    html = response.content.decode()
    edit_url = reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    row = html[html.index(f'href="{edit_url}"') :]
    row = row[: row.index("</tr>")]
    assert lesson.title_en in row
    assert "Introduction" in row


def test_report_is_for_editors_only(client, built, learner):
    client.force_login(learner)
    response = client.get(reverse("courses_translation_report"))
    assert response.status_code in (302, 403)


def test_course_cannot_offer_spanish_while_a_page_lacks_spanish(built):
    course, lesson = built.course, built.lessons[1]
    course.full_clean()  # complete: fine

    lesson.summary_es = ""
    lesson.save_revision().publish()

    with pytest.raises(ValidationError) as raised:
        course.full_clean()
    message = " ".join(raised.value.message_dict["languages"])
    assert lesson.title_en in message
    assert "Spanish" in message

    course.languages = "en"
    course.full_clean()


def test_admin_shows_the_spanish_offer_error(client, built, program_admin):
    lesson = built.lessons[0]
    lesson.body_es = None
    lesson.save_revision().publish()
    client.force_login(program_admin)
    url = reverse("wagtailadmin_pages:edit", args=[built.course.pk])
    html = client.get(url).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    assert data.getlist("languages") == ["en", "es"]
    # StreamFields are posted by JavaScript; add what it would send.
    data.update(
        nested_form_data(
            {
                "objectives_en": streamfield([("objective", "Explain it.")]),
                "objectives_es": streamfield([("objective", "Explicarlo.")]),
            }
        )
    )
    data["action-publish"] = "1"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "cannot be offered in Spanish" in response.content.decode()
    built.course.refresh_from_db()
    assert built.course.live_revision == built.course.latest_revision
