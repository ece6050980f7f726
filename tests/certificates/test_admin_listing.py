"""The certificate list reads in the admin's language: the course title in it (not
always the English one), dates without the time, and each row's Manage and Download
in its "more" menu rather than squeezed under the serial."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_list_shows_the_course_in_the_admins_language(
    client, certificate, program_admin, language
):
    profile = UserProfile.get_for_user(program_admin)
    profile.preferred_language = language
    profile.save()
    client.force_login(program_admin)
    html = client.get(reverse("certificate_list:index")).content.decode()
    row = html[html.index(certificate.serial) :]
    row = row[: row.index("</tr>")]
    assert certificate.course_title(language) in row
    other = "en" if language == "es" else "es"
    assert certificate.course_title(other) not in row
    with translation.override(language):
        day = date_format(timezone.localtime(certificate.issued_at), "DATE_FORMAT")
    assert day in row
    assert timezone.localtime(certificate.issued_at).strftime("%H:%M") not in row
    assert "w-dropdown" in row  # Manage and Download are in the row's menu
    assert reverse("certificates_admin:download", args=[certificate.pk]) in row
