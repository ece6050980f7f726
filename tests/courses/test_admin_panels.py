"""The edit forms as a bilingual editor gets them from the server: every translated
field's languages side by side (courses.panels.TranslatedFieldPanel), reachable in
the Spanish-only view, with the library's rules on required languages kept."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from modeltranslation.translator import translator

from courses.models import LessonPage, Signatory, Topic
from tests.builders import make_practice, make_topic

LANGUAGES = ("en", "es")


def _edit_html(client, user, url) -> BeautifulSoup:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def _translated_names(model) -> set[str]:
    return set(translator.get_options_for_model(model).all_fields)


def _page_forms(built, home_page, catalogue):
    module = built.modules[0]
    practice = make_practice(module)
    edit = "wagtailadmin_pages:edit"
    return {
        "home": reverse(edit, args=[home_page.pk]),
        "catalogue": reverse(edit, args=[catalogue.pk]),
        "course": reverse(edit, args=[built.course.pk]),
        "module": reverse(edit, args=[module.pk]),
        "lesson": reverse(edit, args=[built.lessons[0].pk]),
        "quiz": reverse(edit, args=[built.quizzes[0].pk]),
        "practice": reverse(edit, args=[practice.pk]),
        "new lesson": reverse(
            "wagtailadmin_pages:add", args=["courses", "lessonpage", module.pk]
        ),
    }


def test_a_lesson_shows_each_translated_field_in_two_labelled_columns(
    client, program_admin, built
):
    lesson = built.lessons[0]
    html = _edit_html(
        client, program_admin, reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    )
    for field in ("title", "summary", "body", "slug", "seo_title"):
        panel = html.select_one(f'[data-puente-translated="{field}"]')
        assert panel is not None, field
        columns = panel.select(".puente-translated__column")
        assert [c["data-puente-language"] for c in columns] == ["en", "es"], field
        for column, language, name in zip(
            columns, LANGUAGES, ("English", "Español"), strict=True
        ):
            label = column.select_one("label.puente-translated__label")
            # Seen: the language; heard: the field and the language.
            assert label.get_text(" ", strip=True).rstrip(" *").endswith(name)
            assert label.select_one(".w-sr-only").get_text(strip=True)
            assert column.select_one(f'[lang="{language}"]') is not None
            other = LANGUAGES[language == "en"]
            # A stream is a <div id="body_en">; other fields are named inputs.
            assert column.select_one(
                f'[name="{field}_{language}"], #{field}_{language}'
            )
            assert not column.select(f'[name="{field}_{other}"], #{field}_{other}')


def test_the_help_text_is_shown_once_and_describes_both_inputs(
    client, program_admin, built
):
    lesson = built.lessons[0]
    html = _edit_html(
        client, program_admin, reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    )
    panel = html.select_one('[data-puente-translated="summary"]')
    assert panel.get_text().count("One sentence.") == 1
    help_id = panel.select_one(".puente-translated__help")["id"]
    for language in LANGUAGES:
        textarea = panel.select_one(f'textarea[name="summary_{language}"]')
        assert textarea["aria-describedby"] == help_id
        # A one-sentence summary: an auto-sized textarea, not ten rows.
        assert textarea["data-controller"] == "w-autosize"
        assert textarea["rows"] == "1"


def test_required_languages_are_those_wagtail_modeltranslation_sets(
    client, program_admin, built
):
    html = _edit_html(
        client,
        program_admin,
        reverse("wagtailadmin_pages:edit", args=[built.lessons[0].pk]),
    )
    assert html.select_one('textarea[name="summary_en"]').has_attr("required")
    assert not html.select_one('textarea[name="summary_es"]').has_attr("required")
    assert LessonPage._meta.get_field("summary_en").blank is False
    assert LessonPage._meta.get_field("summary_es").blank is True
    assert LessonPage._meta.get_field("body_en").stream_block.meta.required
    assert not LessonPage._meta.get_field("body_es").stream_block.meta.required


def test_a_rich_text_editor_is_named_by_its_column_label(client, program_admin, built):
    html = _edit_html(
        client,
        program_admin,
        reverse("wagtailadmin_pages:edit", args=[built.course.pk]),
    )
    for language in LANGUAGES:
        hidden = html.select_one(f'input[name="description_{language}"]')
        assert (
            f'"ariaLabelledBy": "{hidden["id"]}-label"'
            in hidden["data-w-init-detail-value"]
        )
        assert html.select_one(f"label#{hidden['id']}-label") is not None


@pytest.mark.parametrize(
    "form",
    [
        "home",
        "catalogue",
        "course",
        "module",
        "lesson",
        "quiz",
        "practice",
        "new lesson",
    ],
)
def test_every_translated_input_of_a_page_form_sits_in_its_language_column(
    client, program_admin, built, home_page, catalogue, form
):
    url = _page_forms(built, home_page, catalogue)[form]
    html = _edit_html(client, program_admin, url)
    translated = set()
    for model in translator.get_registered_models():
        if model._meta.app_label in ("courses", "wagtailcore"):
            translated |= _translated_names(model)
    translated -= {"url_path"}  # not edited in a form
    inputs = [
        tag
        for tag in html.select("form[data-edit-form] [name]")
        if tag["name"].rpartition("_")[2] in LANGUAGES
        and tag["name"].rpartition("_")[0].rpartition("-")[2] in translated
    ]
    assert inputs, form
    for tag in inputs:
        language = tag["name"].rpartition("_")[2]
        column = tag.find_parent(class_="puente-translated__column")
        assert column is not None, f"{form}: {tag['name']} is not side by side"
        assert column["data-puente-language"] == language, tag["name"]


def test_the_spanish_only_view_still_reaches_questions_and_choices(
    client, program_admin, built
):
    """The Spanish view hides English columns only: no question, choice or inline
    panel sits inside one, and every Spanish input of the quiz is outside them."""
    quiz = built.quizzes[0]
    html = _edit_html(
        client, program_admin, reverse("wagtailadmin_pages:edit", args=[quiz.pk])
    )
    english_columns = html.select(
        '.puente-translated__column[data-puente-language="en"]'
    )
    assert english_columns
    for column in english_columns:
        assert not column.select("[data-inline-panel-child], [id$='-FORMS']")
        assert not [t for t in column.select("[name]") if t["name"].endswith("_es")]
    spanish_questions = html.select('textarea[name^="questions-"][name$="-text_es"]')
    spanish_choices = [t for t in spanish_questions if "-choices-" in t["name"]]
    assert len(spanish_questions) - len(spanish_choices) == quiz.questions.count()
    assert len(spanish_choices) == sum(q.choices.count() for q in quiz.questions.all())
    for textarea in spanish_questions:
        assert textarea.find_parent(attrs={"data-puente-language": "en"}) is None


@pytest.mark.parametrize(
    ("model", "make"),
    [
        (Topic, lambda: make_topic("interviewing", "Interviewing", "Entrevista")),
        (Signatory, lambda: Signatory.objects.create(name="Ana", title="Director")),
    ],
)
def test_snippet_forms_put_translated_fields_side_by_side(
    client, program_admin, model, make
):
    obj = make()
    url = reverse(
        f"wagtailsnippets_courses_{model._meta.model_name}:edit", args=[obj.pk]
    )
    html = _edit_html(client, program_admin, url)
    for field in _translated_names(model):
        panel = html.select_one(f'[data-puente-translated="{field}"]')
        assert panel is not None, field
        assert panel.select_one(f'[data-puente-language="es"] [name="{field}_es"]')


def test_the_editor_offers_the_language_view_and_no_stacked_toggle(
    client, program_admin, built
):
    client.force_login(program_admin)
    response = client.get(
        reverse("wagtailadmin_pages:edit", args=[built.lessons[0].pk])
    )
    html = BeautifulSoup(response.content, "html.parser")
    template = html.select_one("template#puente-language-view-template")
    assert template is not None
    options = BeautifulSoup(template.decode_contents(), "html.parser")
    assert [i["value"] for i in options.select("input[type=radio]")] == [
        "both",
        "en",
        "es",
    ]
    # The control sends nothing with the page: its inputs belong to no form.
    assert {i["form"] for i in options.select("input")} == {"puente-language-view-none"}
    assert "language_toggles.js" not in response.content.decode()


def test_the_language_view_is_in_spanish_in_a_spanish_admin(
    client, program_admin, built
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(program_admin)
    profile.preferred_language = "es"
    profile.save()
    client.force_login(program_admin)
    response = client.get(
        reverse("wagtailadmin_pages:edit", args=[built.lessons[0].pk])
    )
    content = response.content.decode()
    assert "Idiomas que se muestran" in content
    assert "Ambos idiomas" in content


def test_a_course_saved_through_the_side_by_side_form_keeps_both_languages(
    client, program_admin, built
):
    """Module pages post without JavaScript (no StreamField): both columns save."""
    from wagtail.test.utils.form_data import querydict_from_html

    module = built.modules[0]
    url = reverse("wagtailadmin_pages:edit", args=[module.pk])
    client.force_login(program_admin)
    data = querydict_from_html(
        client.get(url).content.decode(), form_id="page-edit-form"
    )
    data["intro_en"] = "What this module covers."
    data["intro_es"] = "Lo que abarca este módulo."
    data["action-publish"] = "1"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    module.refresh_from_db()
    assert (module.intro_en, module.intro_es) == (
        "What this module covers.",
        "Lo que abarca este módulo.",
    )


def test_wagtails_editor_strings_read_in_mexican_spanish():
    from django.utils import translation

    from courses.editor_strings import EDITOR_STRINGS

    with translation.override("es"):
        for message in EDITOR_STRINGS:
            spanish = translation.gettext(message)
            assert spanish != message, message
            assert not any(word in spanish for word in ("quieres", "Tienes", "tu ")), (
                spanish
            )
