"""Issue 20, point 1: two 500s of Wagtail's page forms that the admin fuzzer found.

- An inline row (a quiz's question or choice, a practice's node, a comment) whose
  id is missing or not a number: django-modelcluster converted it unguarded
  (``ValidationError`` raised while building the formset, a 500). Now the form
  says it was changed outside the editor and saves nothing.
- A chosen id that is not a number (a signatory ``"‮evil"``) or past 64 bits (a
  prerequisite ``2**63``): the field refused it, then the chooser raised while the
  form was shown again (``ValueError`` / ``OverflowError``). Now it reads as id 0,
  which no row has: "Select a valid choice".

Deterministic, so they run in every pass (the fuzzer: security/test_admin_fuzz.py).
"""

from __future__ import annotations

import pytest
from wagtail.models import Revision
from wagtail.users.models import UserProfile

from courses.models import Question
from tests.builders import make_course
from tests.security.page_forms import edit_url, page_form_data

pytestmark = pytest.mark.django_db

TAMPERED = {
    "en": "This form was changed outside the editor",
    "es": "Este formulario se modificó fuera del editor",
}
INVALID_CHOICE = {"en": "Select a valid choice", "es": "Escoja una opción válida"}


@pytest.fixture(autouse=True)
def _admin_without_the_code(_staff_mfa_required, settings):
    # The two-factor gate is proven in test_mfa.py; here the forms behind it are.
    settings.PUENTE_STAFF_MFA_REQUIRED = False


@pytest.fixture
def built(home_page):
    return make_course(home_page, modules=1, lessons_per_module=1, questions=2)


def _editor(client, user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(
    ("row", "value"),
    [
        ("questions-0-id", "xxx"),
        ("questions-1-id", None),  # missing
        ("questions-0-choices-1-id", str(2**70)),
        ("questions-1-choices-0-id", "-1"),
    ],
)
def test_an_inline_row_with_a_bad_id_is_refused(
    client, built, program_admin, language, row, value
):
    _editor(client, program_admin, language)
    quiz = built.quizzes[0]
    data = page_form_data(quiz, program_admin)
    assert row in data
    if value is None:
        data.pop(row)
    else:
        data[row] = value
    revisions, questions = Revision.objects.count(), Question.objects.count()
    response = client.post(edit_url(quiz), data)
    assert response.status_code == 200
    assert TAMPERED[language] in response.content.decode()
    assert Revision.objects.count() == revisions
    assert Question.objects.count() == questions


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("signatory", "\u202eevil"),
        ("signatory", str(2**70)),
        ("prerequisites", str(2**63)),
        ("prerequisites", "abc"),
    ],
)
def test_a_chosen_id_that_is_not_a_number_is_an_invalid_choice(
    client, built, program_admin, language, name, value
):
    _editor(client, program_admin, language)
    course = built.course
    data = page_form_data(course, program_admin)
    data[name] = value
    revisions = Revision.objects.count()
    response = client.post(edit_url(course), data)
    assert response.status_code == 200
    assert INVALID_CHOICE[language] in response.content.decode()
    assert Revision.objects.count() == revisions


def test_a_good_edit_still_saves(client, built, program_admin):
    _editor(client, program_admin, "en")
    quiz = built.quizzes[0]
    response = client.post(edit_url(quiz), page_form_data(quiz, program_admin))
    assert response.status_code == 302
