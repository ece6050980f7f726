"""Staff in Chromium, signing in with password and authenticator code: a trainer's
edit goes through review to learners; a program administrator revokes a certificate
and downloads a ZIP."""

import io
import zipfile
from pathlib import Path

import pytest

from tests.browser.support import page_path, sign_in_with_totp, url_in
from tests.factories import PASSWORD, UserFactory

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TRAINER_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
ADMIN_SECRET = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"


@pytest.fixture
def staff_mfa(settings):
    settings.PUENTE_STAFF_MFA_REQUIRED = True


def make_staff(role: str, secret: str, language: str):
    from lms.accounts.roles import sync_roles
    from tests.security.helpers import enrol_totp

    user = UserFactory(groups=[sync_roles()[role]], preferred_language=language)
    enrol_totp(user, secret)
    return user


def open_footer_menu(page) -> None:
    """Wagtail's save/publish dropdown at the foot of the editor."""
    toggle = page.locator("footer .w-dropdown-button .w-dropdown__toggle").first
    toggle.click()


@pytest.mark.parametrize("language", ["en", "es"])
def test_trainer_edit_is_approved_and_reaches_learners(
    browse, course_site, staff_mfa, language
):
    from lms.accounts.roles import PROGRAM_ADMINS, TRAINERS

    lesson = course_site.lessons[0]
    edit_url = f"/admin/pages/{lesson.pk}/edit/"
    added = f" Texto revisado ({language}): entrevista centrada en la víctima."

    trainer = make_staff(TRAINERS, TRAINER_SECRET, language)
    s = browse(language)
    page = s.page
    sign_in_with_totp(s, trainer.email, PASSWORD, TRAINER_SECRET)
    s.go(edit_url)
    # The body's languages are side by side (courses.panels.TranslatedFieldPanel);
    # the Spanish body is a StreamField whose paragraph is a Draftail editor.
    spanish_body = '[data-puente-translated="body"] [data-puente-language="es"]'
    editor = page.locator(f"{spanish_body} .public-DraftEditor-content").first
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(added)
    # Draftail copies its content into the form's hidden input after a change.
    page.wait_for_function(
        """([column, text]) => [...document.querySelectorAll(
            column + ' input[type=hidden]'
        )].some((input) => input.value.includes(text))""",
        arg=[spanish_body, "Texto revisado ("],
    )
    open_footer_menu(page)
    with page.expect_navigation():
        page.locator('button[name="action-submit"]').click()
    # The editor pings and autosaves in the background: close it before reading the
    # database (SQLite's shared in-memory test database locks tables).
    s.context.close()
    lesson.refresh_from_db()
    assert added.strip() not in str(lesson.body_es.raw_data)  # not live yet
    assert lesson.has_unpublished_changes
    draft = lesson.get_latest_revision_as_object()
    assert added.strip() in str(draft.body_es.raw_data), draft.body_es.raw_data

    admin = make_staff(PROGRAM_ADMINS, ADMIN_SECRET, language)
    a = browse(language)
    sign_in_with_totp(a, admin.email, PASSWORD, ADMIN_SECRET)
    a.go(edit_url)
    open_footer_menu(a.page)
    with a.page.expect_navigation():
        a.page.locator('button[data-workflow-action-name="approve"]').first.click()
    assert a.path() != edit_url, a.page.locator(".messages").all_inner_texts()
    a.context.close()
    lesson.refresh_from_db()
    assert added.strip() in str(lesson.body_es.raw_data)
    assert not lesson.has_unpublished_changes

    reader = browse("es")
    reader.go(page_path(lesson, "es"))
    assert added.strip() in reader.page.locator(".lesson__body").inner_text()
    reader.go(page_path(lesson, "en"))
    assert added.strip() not in reader.page.locator(".lesson__body").inner_text()


def test_the_admin_requests_no_outside_host(browse, course_site, settings):
    from lms.accounts.roles import PROGRAM_ADMINS

    settings.PUENTE_STAFF_MFA_REQUIRED = True
    admin = make_staff(PROGRAM_ADMINS, ADMIN_SECRET, "en")
    s = browse("en")
    sign_in_with_totp(s, admin.email, PASSWORD, ADMIN_SECRET)
    html = s.go("/admin/").text()
    s.page.wait_for_load_state("networkidle")
    foreign = set(s.foreign_hosts)
    s.foreign_hosts.clear()  # reported here, not again by the fixture's teardown
    # The avatar may be fetched lazily; its address is in the page either way.
    assert "gravatar.com" not in html
    assert not foreign, foreign


@pytest.mark.parametrize("language", ["en", "es"])
def test_program_admin_revokes_a_certificate_and_downloads_a_zip(
    browse, course_site, staff_mfa, language
):
    from certificates.models import Certificate
    from certificates.services import issue_certificate
    from lms.accounts.roles import LEARNERS, PROGRAM_ADMINS, sync_roles
    from tests.certificates.support import complete

    learner = UserFactory(groups=[sync_roles()[LEARNERS]], full_name="José Núñez Peña")
    certificate = issue_certificate(complete(learner, course_site.course))
    verify = url_in(language, "certificates:verify", certificate.code)
    reason = "Datos falsos" if language == "es" else "False records"

    admin = make_staff(PROGRAM_ADMINS, ADMIN_SECRET, language)
    s = browse(language)
    page = s.page
    sign_in_with_totp(s, admin.email, PASSWORD, ADMIN_SECRET)
    s.go(url_in(language, "certificates_admin:manage", certificate.pk))
    page.locator('[name="reason"]').fill(reason)
    revoke = url_in(language, "certificates_admin:revoke", certificate.pk)
    with page.expect_navigation():
        page.locator(f'form[action="{revoke}"] button:not([formaction])').click()
    certificate.refresh_from_db()
    assert certificate.status == "revoked"
    assert certificate.revocation_reason == reason
    assert certificate.revoked_by == admin

    visitor = browse(language)
    visitor.go(verify)
    state = visitor.page.locator(".verify-result__state").inner_text()
    assert ("revocada" if language == "es" else "revoked") in state
    visitor.check("verification-revoked")

    s.go(url_in(language, "certificate_list:index"))
    zip_url = url_in(language, "certificates_admin:zip")
    with page.expect_download() as download:
        page.locator(f'a[href^="{zip_url}"]').first.click()
    with zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes())) as z:
        names = z.namelist()
    assert f"{certificate.serial}.pdf" in names
    assert Certificate.objects.count() == len(names)
