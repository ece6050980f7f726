"""Wagtail's strings on Puente's back-office pages read in Mexican Spanish (usted):
each listed in lms.admin_strings is translated by Puente's catalogue, and the admin
home shows them so."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from lms.admin_strings import MATCHES, WAGTAIL_STRINGS


@pytest.mark.parametrize("message", WAGTAIL_STRINGS)
def test_each_is_translated(message):
    with translation.override("es"):
        spanish = translation.gettext(message)
    assert spanish != message
    assert " tu " not in f" {spanish} " and "tienes" not in spanish


def test_the_matches_line_is_translated():
    with translation.override("es"):
        assert str(MATCHES % {"counter": 3}) == "Hay 3 coincidencias"
        one = translation.ngettext(
            "There is %(counter)s match", "There are %(counter)s matches", 1
        )
        assert one % {"counter": 1} == "Hay 1 coincidencia"


@pytest.mark.django_db
def test_the_admin_home_search_reads_in_spanish(client, program_admin):
    profile = UserProfile.get_for_user(program_admin)
    profile.preferred_language = "es"
    profile.save()
    client.force_login(program_admin)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Buscar en todas las páginas…" in html
    assert "Search all pages" not in html
