"""A program administrator corrects a learner's name in the admin's Users pages:
learners only are listed, the form holds the name and nothing else, a staff or
closed account is refused (back to the admin home), the change is audited with the
old and the new name, Wagtail's bulk actions stay closed, and reissuing the
certificate prints the corrected name. Trainers and learners have no Users pages."""

import re

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from lms.accounts.admin_users import NAME_ACTION
from lms.accounts.roles import LEARNERS, PROGRAM_ADMINS
from lms.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def misspelled(roles):
    return UserFactory(
        groups=[roles[LEARNERS]],
        full_name="Jose Nunez Pena",
        email="jose.nunez@sspc.test",
        agency="SSPC Tijuana",
    )


def admin_in(client, user, language="en"):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return client


def edit_url(user):
    return reverse("wagtailusers_users:edit", args=[user.pk])


def test_program_admins_list_learners_only(client, program_admin, trainer, misspelled):
    html = (
        admin_in(client, program_admin)
        .get(reverse("wagtailusers_users:index"))
        .content.decode()
    )
    assert misspelled.full_name in html
    assert trainer.full_name not in html and program_admin.full_name not in html
    assert "data-bulk-action-checkbox" not in html  # no bulk actions on people
    assert "SSPC Tijuana" in html and "Access level" not in html
    assert re.search(r'pagination__end">\s*1 learner\s', html)
    assert re.search(r"<h1[^>]*>\s*Learners\s*</h1>", html)


@pytest.mark.parametrize(
    ("language", "label", "help_start"),
    [
        ("en", "Full name", "As it should be printed on certificates."),
        ("es", "Nombre completo", "Tal como debe imprimirse en las constancias."),
    ],
)
def test_the_form_holds_the_name_and_nothing_else(
    client, program_admin, misspelled, language, label, help_start
):
    html = (
        admin_in(client, program_admin, language)
        .get(edit_url(misspelled))
        .content.decode()
    )
    form = html[html.index("<form") : html.index("</form>")]
    names = set(re.findall(r'name="([a-z_0-9]+)"', form))
    assert "full_name" in names
    for field in ("email", "groups", "is_superuser", "is_active", "password1"):
        assert field not in names, field
    assert label in form and help_start in form
    assert 'id="tab-roles"' not in html


def test_a_corrected_name_is_saved_and_audited(client, program_admin, misspelled):
    admin_in(client, program_admin)
    response = client.post(
        edit_url(misspelled),
        {
            "full_name": "José Núñez Peña",
            # Fields the form does not hold are ignored, whatever is posted.
            "email": "taken@over.test",
            "is_superuser": "on",
            "groups": [program_admin.groups.get(name=PROGRAM_ADMINS).pk],
        },
    )
    assert response.status_code == 302
    misspelled.refresh_from_db()
    assert misspelled.full_name == "José Núñez Peña"
    assert misspelled.email == "jose.nunez@sspc.test"
    assert not misspelled.is_superuser
    assert list(misspelled.groups.values_list("name", flat=True)) == [LEARNERS]
    entry = ModelLogEntry.objects.get(action=NAME_ACTION)
    assert entry.user == program_admin
    assert entry.object_id == str(misspelled.pk)
    assert entry.data == {"from": "Jose Nunez Pena", "to": "José Núñez Peña"}


def test_an_empty_name_is_refused(client, program_admin, misspelled):
    admin_in(client, program_admin)
    response = client.post(edit_url(misspelled), {"full_name": "  "})
    assert response.status_code == 200
    misspelled.refresh_from_db()
    assert misspelled.full_name == "Jose Nunez Pena"
    assert not ModelLogEntry.objects.filter(action=NAME_ACTION).exists()


@pytest.mark.parametrize("whom", ["trainer", "other_admin", "superuser", "inactive"])
def test_staff_and_closed_accounts_are_out_of_reach(
    client, roles, program_admin, trainer, misspelled, whom
):
    target = {
        "trainer": lambda: trainer,
        "other_admin": lambda: UserFactory(groups=[roles[PROGRAM_ADMINS]]),
        "superuser": lambda: UserFactory(is_superuser=True),
        "inactive": lambda: UserFactory(groups=[roles[LEARNERS]], is_active=False),
    }[whom]()
    name = target.full_name
    admin_in(client, program_admin)
    for response in (
        client.get(edit_url(target)),
        client.post(edit_url(target), {"full_name": "Hijacked"}),
    ):
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    refused = client.get(edit_url(target), follow=True).content.decode()
    assert "Sorry, you do not have permission to access this area." in refused
    target.refresh_from_db()
    assert target.full_name == name
    assert not ModelLogEntry.objects.filter(action=NAME_ACTION).exists()


def test_no_adding_deleting_or_bulk_role_changes(
    client, roles, program_admin, misspelled
):
    admin_in(client, program_admin)
    assert client.get(reverse("wagtailusers_users:add")).status_code in (302, 403)
    delete = reverse("wagtailusers_users:delete", args=[misspelled.pk])
    assert client.post(delete).status_code in (302, 403)
    assert User.objects.filter(pk=misspelled.pk).exists()
    bulk = reverse("wagtail_bulk_action", args=["lms", "user", "assign_role"])
    client.post(f"{bulk}?id={misspelled.pk}", {"role": roles[PROGRAM_ADMINS].pk})
    assert list(misspelled.groups.values_list("name", flat=True)) == [LEARNERS]


@pytest.mark.parametrize("who", ["trainer", "learner"])
def test_trainers_and_learners_have_no_users_pages(client, request, misspelled, who):
    client.force_login(request.getfixturevalue(who))
    for url in (reverse("wagtailusers_users:index"), edit_url(misspelled)):
        assert client.get(url).status_code in (302, 403), url
    client.post(edit_url(misspelled), {"full_name": "Changed"})
    misspelled.refresh_from_db()
    assert misspelled.full_name == "Jose Nunez Pena"


def test_reissuing_prints_the_corrected_name(
    client, home_page, program_admin, misspelled
):
    from certificates.models import CertificateStatus
    from certificates.services import issue_certificate, reissue_certificate
    from tests.builders import make_course
    from tests.certificates.support import complete

    course = make_course(home_page, modules=1, lessons_per_module=1, quiz=False).course
    certificate = issue_certificate(complete(misspelled, course))
    admin_in(client, program_admin)
    client.post(edit_url(misspelled), {"full_name": "José Núñez Peña"})
    certificate.refresh_from_db()
    assert certificate.learner_name == "Jose Nunez Pena"  # printed, kept as issued
    new = reissue_certificate(certificate, by=program_admin, reason="Name corrected")
    assert new.learner_name == "José Núñez Peña"
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.SUPERSEDED
