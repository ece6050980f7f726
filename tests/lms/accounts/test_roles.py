"""Roles as groups: what each can reach in the Wagtail admin."""

import pytest
from django.contrib.auth.models import Group

from lms.accounts.roles import LEARNERS, PROGRAM_ADMINS, TRAINERS, sync_roles
from tests.factories import PASSWORD


def test_sync_roles_is_idempotent(roles):
    before = {
        g.name: set(g.permissions.values_list("pk", flat=True))
        for g in Group.objects.all()
    }
    sync_roles()
    sync_roles()
    after = {
        g.name: set(g.permissions.values_list("pk", flat=True))
        for g in Group.objects.all()
    }
    assert before == after
    assert (
        Group.objects.filter(name__in=[LEARNERS, TRAINERS, PROGRAM_ADMINS]).count() == 3
    )


def test_learners_get_no_admin(client, learner, home_page):
    client.login(email=learner.email, password=PASSWORD)
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    assert client.get("/django-admin/").status_code == 302


def test_trainers_edit_but_cannot_publish(client, trainer, home_page):
    permissions = home_page.permissions_for_user(trainer)
    assert permissions.can_edit()
    assert not permissions.can_publish()
    client.login(email=trainer.email, password=PASSWORD)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/users/").status_code in (302, 403)


def test_program_administrators_publish(client, program_admin, home_page):
    permissions = home_page.permissions_for_user(program_admin)
    assert permissions.can_publish()
    client.login(email=program_admin.email, password=PASSWORD)
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("path", ["/django-admin/", "/django-admin/lms/user/"])
def test_django_admin_is_for_superusers_only(client, trainer, path):
    trainer.is_staff = True
    trainer.save()
    client.login(email=trainer.email, password=PASSWORD)
    assert client.get(path).status_code == 302


def test_wagtail_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert "next=/admin/" in response["Location"]
