"""The certificates' panels on Puente's admin home: how many certificates wait for
approval (the oldest named, a link to the queue) and which expire soon, shown to
program administrators only, in their admin language."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from certificates.models import Certificate
from certificates.services import handle_course_completed, issue_certificate
from tests.certificates.support import complete, make_learner

pytestmark = pytest.mark.django_db

WORDS = {
    "en": {
        "approvals": "Certificates waiting for approval",
        "waiting": "3 waiting",
        "open": "Open the approval queue",
        "expiring": "Certificates expiring soon",
        "expires": "1 expires by",
        "none_waiting": "No certificate is waiting for approval.",
        "none_expiring": "No certificate expires by",
        "summary": "certificates",
    },
    "es": {
        "approvals": "Constancias en espera de aprobación",
        "waiting": "3 en espera",
        "open": "Abrir la lista de aprobación",
        "expiring": "Constancias por vencer",
        "expires": "1 vence a más tardar el",
        "none_waiting": "Ninguna constancia está en espera de aprobación.",
        "none_expiring": "Ninguna constancia vence a más tardar el",
        "summary": "constancias",
    },
}


def home(client, user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def panel(html, panel_id):
    start = html.index(f'id="{panel_id}-section"')
    return html[start : html.index("</section>", start)]


@pytest.mark.parametrize("language", ["en", "es"])
def test_program_admins_see_the_queue_and_expiring_certificates(
    client, roles, course, program_admin, language
):
    course.certificate_issue_mode = "approval"
    course.save()
    learners = [make_learner(roles, full_name=f"Agente {n}") for n in range(3)]
    for learner in learners:
        handle_course_completed(complete(learner, course))
    course.certificate_issue_mode = "automatic"
    course.save()
    expiring = issue_certificate(complete(make_learner(roles), course))
    Certificate.objects.filter(pk=expiring.pk).update(
        expires_at=timezone.now() + timedelta(days=10)
    )
    later = issue_certificate(complete(make_learner(roles), course))
    Certificate.objects.filter(pk=later.pk).update(
        expires_at=timezone.now() + timedelta(days=400)
    )
    words = WORDS[language]
    html = home(client, program_admin, language)

    approvals = panel(html, "puente-approvals")
    assert words["approvals"] in approvals
    assert words["waiting"] in approvals
    assert "Agente 0" in approvals  # the oldest request comes first
    assert f'href="{reverse("certificates_admin:queue")}"' in approvals
    assert words["open"] in approvals

    soon = panel(html, "puente-expiring")
    assert words["expiring"] in soon and words["expires"] in soon
    assert expiring.serial in soon and later.serial not in soon
    listing = reverse("certificate_list:index")
    assert f'href="{listing}?status=valid&amp;expires_at_from=' in soon
    link = soon.split(f'href="{listing}?')[1].split('"')[0].replace("&amp;", "&")
    listed = client.get(f"{listing}?{link}").content.decode()
    assert expiring.serial in listed and later.serial not in listed

    assert words["summary"] in html[: html.index('id="puente-approvals-section"')]


@pytest.mark.parametrize("language", ["en", "es"])
def test_an_empty_queue_says_so(client, program_admin, language):
    html = home(client, program_admin, language)
    assert WORDS[language]["none_waiting"] in panel(html, "puente-approvals")
    assert WORDS[language]["none_expiring"] in panel(html, "puente-expiring")


def test_trainers_see_no_certificate_panels(client, trainer):
    html = home(client, trainer, "en")
    assert "puente-approvals" not in html and "puente-expiring" not in html
    assert reverse("certificates_admin:queue") not in html
    assert reverse("certificate_list:index") not in html
