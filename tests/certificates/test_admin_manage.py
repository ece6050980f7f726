"""One certificate's admin page offers the way to print a corrected name: a link
to correct the name in the learner's profile (for those who may), beside "Reissue
with the current profile name"."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_manage_page_links_to_correcting_the_learners_name(
    client, certificate, program_admin
):
    client.force_login(program_admin)
    html = client.get(
        reverse("certificates_admin:manage", args=[certificate.pk])
    ).content.decode()
    edit = reverse("wagtailusers_users:edit", args=[certificate.user_id])
    assert f'href="{edit}"' in html
    assert "Correct the name in the learner’s profile" in html
    assert "Reissue with the current profile name" in html


def test_no_link_when_the_holder_is_a_staff_account(
    client, roles, certificate, program_admin
):
    from lms.accounts.roles import TRAINERS

    certificate.user.groups.add(roles[TRAINERS])
    client.force_login(program_admin)
    html = client.get(
        reverse("certificates_admin:manage", args=[certificate.pk])
    ).content.decode()
    assert reverse("wagtailusers_users:edit", args=[certificate.user_id]) not in html
