"""The admin's language is the staff member's own: chosen on Wagtail's account page
(which saves with Puente's one name field), not changed by reading the site in the
other language; the site keeps remembering its own language."""

import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html
from wagtail.users.models import UserProfile

ACCOUNT = "wagtailadmin_account"


@pytest.fixture(autouse=True)
def _admin_without_mfa(settings):
    settings.PUENTE_STAFF_MFA_REQUIRED = False  # tests/security covers the gate


def _admin_language(client) -> str:
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    return re.search(r'<html lang="([a-z-]+)"', html).group(1)


def _form_data(html: str):
    return querydict_from_html(html, form_id="w-editor-form")


def test_the_account_page_saves_the_name_and_the_admin_language(
    client, trainer, home_page
):
    client.force_login(trainer)
    page = client.get(reverse(ACCOUNT))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="name_email-full_name"' in html
    assert 'name="name_email-first_name"' not in html
    assert 'name="name_email-email"' not in html  # allauth's, on the site
    data = _form_data(html)
    data["name_email-full_name"] = "Dana Whitfield Ríos"
    data["locale-preferred_language"] = "es"
    response = client.post(reverse(ACCOUNT), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    trainer.refresh_from_db()
    assert trainer.full_name == "Dana Whitfield Ríos"
    assert UserProfile.get_for_user(trainer).preferred_language == "es"
    assert _admin_language(client) == "es"
    # Saved again in the Spanish admin: Wagtail's message, worded with "usted".
    data["name_email-full_name"] = "Dana Whitfield"
    again = client.post(reverse(ACCOUNT), data, follow=True).content.decode()
    assert "La configuración de su cuenta se guardó correctamente." in again


def test_the_admin_language_is_english_or_spanish_never_the_servers(
    client, trainer, home_page
):
    client.force_login(trainer)
    html = client.get(reverse(ACCOUNT)).content.decode()
    select = re.search(
        r'<select name="locale-preferred_language".*?</select>', html, re.S
    ).group(0)
    assert re.findall(r'<option value="([^"]*)"', select) == ["en", "es"]
    assert "English" in select and "Español" in select
    data = _form_data(html)
    data["locale-preferred_language"] = ""
    response = client.post(reverse(ACCOUNT), data)
    assert response.status_code == 200  # refused, with the form shown again
    assert UserProfile.get_for_user(trainer).preferred_language in ("en", "es")


def test_reading_the_site_in_english_leaves_a_spanish_admin_in_spanish(
    client, trainer, home_page
):
    profile = UserProfile.get_for_user(trainer)
    profile.preferred_language = "es"
    profile.save()
    client.force_login(trainer)
    assert _admin_language(client) == "es"
    assert client.get("/en/").status_code == 200
    trainer.refresh_from_db()
    assert trainer.preferred_language == "en"  # the site remembers its language
    assert _admin_language(client) == "es"  # the admin keeps its own


def test_opening_a_live_english_page_does_not_flip_the_admin_to_english(
    client, roles, home_page
):
    """A staff member who reads the site in Spanish and never chose an admin
    language gets a Spanish admin, and keeps it after viewing a page in English."""
    from lms.accounts.roles import PROGRAM_ADMINS
    from tests.builders import make_course
    from tests.courses.support import url_in
    from tests.factories import UserFactory

    admin = UserFactory(groups=[roles[PROGRAM_ADMINS]], preferred_language="es")
    lesson = make_course(home_page, modules=1, lessons_per_module=1).lessons[0]
    client.force_login(admin)
    assert _admin_language(client) == "es"
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk]))
    assert 'lang="es"' in edit.content.decode()[:500]
    assert client.get(url_in(lesson, "en")).status_code == 200  # "View live"
    assert _admin_language(client) == "es"
    assert UserProfile.get_for_user(admin).preferred_language == "es"


def test_a_learner_has_no_admin_language_stored(client, learner, home_page):
    client.force_login(learner)
    client.get(reverse("wagtailadmin_home"))
    assert not UserProfile.objects.filter(user=learner).exists()
