"""Cohorts: CSV bulk enrollment (validation report, all or nothing, invitations in
the learner's language, idempotent), progress table, permissions and audit log."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from lms.cohorts.csv_import import MAX_ROWS, parse_cohort_csv
from lms.models import Cohort, CohortMember, Enrollment, User
from tests.builders import make_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HEADER = "email,full_name,agency,country,preferred_language\n"
GOOD = (
    HEADER
    + "ana.lopez@sspc.test,Ana López Núñez,SSPC Tijuana,México,es\n"
    + "john.smith@cvpd.test,John Smith,Chula Vista PD,United States,en\n"
    + "maria.pena@dif.test,María Peña,DIF Baja California,MX,es\n"
)


@pytest.fixture
def cohort(home_page):
    first = make_course(home_page, modules=1, lessons_per_module=1, quiz=False)
    second = make_course(home_page, modules=1, lessons_per_module=1, quiz=False)
    cohort = Cohort.objects.create(
        name="Southern Border Initiative — Chula Vista, August 2022",
        place="Chula Vista",
    )
    cohort.courses.set([first.course, second.course])
    return cohort


@pytest.fixture
def admin_client(client, program_admin):
    client.force_login(program_admin)
    return client


def upload(client, cohort, content, *, encoding="utf-8", name="cohort.csv"):
    """Post the file; invitations are queued on commit, so run those callbacks."""
    data = content if isinstance(content, bytes) else content.encode(encoding)
    with translation.override("en"):
        url = reverse("cohorts_admin:import", args=[cohort.pk])
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, {"file": SimpleUploadedFile(name, data, "text/csv")})


def nothing_imported(cohort, users_before):
    return (
        User.objects.count() == users_before
        and not CohortMember.objects.filter(cohort=cohort).exists()
        and not Enrollment.objects.exists()
    )


# Validation: each bad file gets a report and imports nothing -------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (GOOD.replace("john.smith@cvpd.test", "john.smith@"), "line 3"),
        (GOOD.replace("United States", "Canada"), "Unknown country"),
        (GOOD + "ANA.LOPEZ@sspc.test,Ana López,SSPC,MX,es\n", "already on line 2"),
        (GOOD.replace(",es\n", ",fr\n", 1), "Unknown language"),
        ("", "The file is empty"),
        (HEADER, "no rows below its header"),
        (GOOD.replace("preferred_language", "preferred_language,notes"), "notes"),
        (GOOD.replace(",agency", ""), "Missing columns: agency"),
        (GOOD.replace("John Smith,", "John Smith,extra,"), "Expected 5 values"),
    ],
    ids=[
        "bad-email",
        "unknown-country",
        "duplicate-row",
        "unknown-language",
        "empty-file",
        "header-only",
        "extra-column",
        "missing-column",
        "extra-value",
    ],
)
def test_bad_file_gets_a_report_and_nothing_is_imported(
    admin_client, cohort, outbox, content, expected
):
    before = User.objects.count()
    response = upload(admin_client, cohort, content)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was imported" in page
    if expected.startswith("line "):
        assert "<td>3</td>" in page
    else:
        assert expected in page
    assert nothing_imported(cohort, before)
    assert outbox == []
    assert ModelLogEntry.objects.filter(action="lms.cohort_import_rejected").exists()


def test_the_report_names_each_bad_row():
    content = (
        HEADER
        + "good@x.test,Good,A,US,en\n"
        + "bad-email,Bad,A,US,en\n"
        + "other@x.test,Other,A,Canada,en\n"
    )
    parsed = parse_cohort_csv(content.encode())
    assert not parsed.is_valid and parsed.rows == []
    assert [
        (e.row, "email" in e.message or "country" in e.message) for e in parsed.errors
    ] == [
        (3, True),
        (4, True),
    ]


def test_report_is_translated(client, program_admin, cohort):
    program_admin.preferred_language = "es"
    program_admin.save()
    client.force_login(program_admin)
    data = GOOD.replace("United States", "Canadá").encode()
    with translation.override("es"):
        url = reverse("cohorts_admin:import", args=[cohort.pk])
        response = client.post(
            url,
            {"file": SimpleUploadedFile("c.csv", data, "text/csv")},
            HTTP_ACCEPT_LANGUAGE="es",
        )
    page = response.content.decode()
    assert "No se importó nada" in page
    assert "País desconocido" in page


def test_more_rows_than_the_limit_is_refused(cohort):
    lines = [HEADER] + [
        f"p{n}@big.test,Person {n},Agency,US,en\n" for n in range(MAX_ROWS + 1)
    ]
    parsed = parse_cohort_csv("".join(lines).encode())
    assert not parsed.is_valid
    assert "more than 10,000 rows" in parsed.errors[0].message


@pytest.mark.slow
def test_a_10000_row_file_imports(admin_client, cohort, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    lines = [HEADER] + [
        f"p{n}@big.test,Person {n},Agency {n % 7},{'US' if n % 2 else 'MX'},en\n"
        for n in range(MAX_ROWS)
    ]
    response = upload(admin_client, cohort, "".join(lines))
    assert response.status_code == 302
    assert CohortMember.objects.filter(cohort=cohort).count() == MAX_ROWS
    assert Enrollment.objects.count() == 2 * MAX_ROWS


def test_a_10000_row_file_is_accepted_by_validation():
    lines = [HEADER] + [
        f"p{n}@big.test,Person {n},Agency,US,en\n" for n in range(MAX_ROWS)
    ]
    parsed = parse_cohort_csv("".join(lines).encode())
    assert parsed.is_valid and len(parsed.rows) == MAX_ROWS


# Encodings ---------------------------------------------------------------------------


def test_utf8_with_bom(admin_client, cohort, outbox):
    response = upload(admin_client, cohort, "\ufeff" + GOOD)
    assert response.status_code == 302
    assert User.objects.get(email="ana.lopez@sspc.test").full_name == "Ana López Núñez"


def test_latin1_file(admin_client, cohort, outbox):
    response = upload(admin_client, cohort, GOOD, encoding="latin-1")
    assert response.status_code == 302
    user = User.objects.get(email="maria.pena@dif.test")
    assert user.full_name == "María Peña"
    assert user.country == "MX"


def test_semicolon_separated_file(admin_client, cohort, outbox):
    response = upload(admin_client, cohort, GOOD.replace(",", ";"))
    assert response.status_code == 302
    assert CohortMember.objects.filter(cohort=cohort).count() == 3


# The good file -----------------------------------------------------------------------


def test_the_import_summary_reads_right_for_one_learner(admin_client, cohort, outbox):
    one = HEADER + "solo@sspc.test,Solo Uno,SSPC,MX,es\n"
    response = upload(admin_client, cohort, one)
    page = admin_client.get(response.url).content.decode()
    assert "Learners in the file: 1. New accounts invited: 1." in page
    assert "1 learners" not in page


def test_good_file_enrolls_and_invites_everyone(
    admin_client, cohort, outbox, program_admin
):
    existing = UserFactory(
        email="john.smith@cvpd.test", full_name="John Q. Smith", country="US"
    )
    response = upload(admin_client, cohort, GOOD)
    assert response.status_code == 302
    assert CohortMember.objects.filter(cohort=cohort).count() == 3
    assert Enrollment.objects.filter(course__cohorts=cohort).count() == 6
    ana = User.objects.get(email="ana.lopez@sspc.test")
    assert not ana.has_usable_password()
    assert (ana.country, ana.preferred_language, ana.agency) == (
        "MX",
        "es",
        "SSPC Tijuana",
    )
    existing.refresh_from_db()
    assert existing.full_name == "John Q. Smith"  # an existing profile is kept

    # Invitations go to new accounts only, each in its language.
    by_address = {message.to[0]: message for message in outbox}
    assert set(by_address) == {"ana.lopez@sspc.test", "maria.pena@dif.test"}
    spanish = by_address["ana.lopez@sspc.test"]
    assert "contraseña" in spanish.subject.lower()
    assert "/es/accounts/password/reset/key/" in spanish.body
    assert "Southern Border Initiative" in spanish.body

    entry = ModelLogEntry.objects.get(action="lms.cohort_import")
    assert entry.user == program_admin
    assert entry.data["accounts_created"] == 2
    assert entry.data["rows"] == 3


def test_invitation_link_sets_the_password(client, admin_client, cohort, outbox):
    upload(admin_client, cohort, GOOD)
    message = next(m for m in outbox if m.to == ["john.smith@cvpd.test"])
    link = next(
        line.strip() for line in message.body.splitlines() if "/reset/key/" in line
    )
    path = link.split("://", 1)[1].split("/", 1)[1]
    client.logout()
    response = client.get("/" + path, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else "/" + path
    response = client.post(
        form_url,
        {"password1": "a-New-passw0rd-2026", "password2": "a-New-passw0rd-2026"},
    )
    assert response.status_code in (200, 302)
    user = User.objects.get(email="john.smith@cvpd.test")
    assert user.has_usable_password()
    assert user.check_password("a-New-passw0rd-2026")


def test_same_file_twice_changes_nothing(admin_client, cohort, outbox):
    upload(admin_client, cohort, GOOD)
    counts = (
        User.objects.count(),
        CohortMember.objects.count(),
        Enrollment.objects.count(),
        len(outbox),
    )
    response = upload(admin_client, cohort, GOOD)
    assert response.status_code == 302
    assert (
        User.objects.count(),
        CohortMember.objects.count(),
        Enrollment.objects.count(),
        len(outbox),
    ) == counts
    second = ModelLogEntry.objects.filter(action="lms.cohort_import").latest("pk")
    assert second.data["accounts_created"] == 0
    assert second.data["enrollments_created"] == 0


def test_learner_who_left_is_enrolled_again(admin_client, cohort, outbox):
    from django.utils import timezone

    upload(admin_client, cohort, GOOD)
    Enrollment.objects.update(left_at=timezone.now())
    upload(admin_client, cohort, GOOD)
    assert Enrollment.objects.count() == 6
    assert not Enrollment.objects.filter(left_at__isnull=False).exists()


# Progress ----------------------------------------------------------------------------


def test_progress_table_and_audited_export(admin_client, cohort, outbox, program_admin):
    upload(admin_client, cohort, GOOD)
    url = reverse("cohorts_admin:progress", args=[cohort.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ana López Núñez" in page and "María Peña" in page
    learners = reverse("puente_reports:learners") + f"?cohort={cohort.pk}"
    assert f'href="{learners}"' in page
    report = admin_client.get(learners).content.decode()
    assert "Ana López Núñez" in report and "María Peña" in report

    export = admin_client.get(url, {"export": "csv"})
    assert export.status_code == 200
    text = b"".join(export.streaming_content).decode()
    assert "ana.lopez@sspc.test" in text
    entry = ModelLogEntry.objects.get(action="lms.report_export")
    assert entry.user == program_admin
    assert entry.data["format"] == "csv"
    assert entry.data["report"] == "cohort-progress"

    xlsx = admin_client.get(url, {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert b"".join(xlsx.streaming_content).startswith(b"PK")


def test_progress_query_count_does_not_grow(admin_client, cohort, outbox):
    upload(admin_client, cohort, GOOD)
    url = reverse("cohorts_admin:progress", args=[cohort.pk])
    with CaptureQueriesContext(connection) as small:
        assert admin_client.get(url).status_code == 200
    more = HEADER + "".join(
        f"extra{n}@x.test,Extra {n},Agency,US,en\n" for n in range(30)
    )
    upload(admin_client, cohort, more)
    with CaptureQueriesContext(connection) as large:
        assert admin_client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


# Permissions and the admin ---------------------------------------------------------


def test_cohort_listing_and_add(admin_client, cohort):
    response = admin_client.get(reverse("cohorts:index"))
    assert response.status_code == 200
    assert "Southern Border Initiative" in response.content.decode()
    assert admin_client.get(reverse("cohorts:add")).status_code == 200


@pytest.mark.parametrize("who", ["trainer", "learner"])
def test_trainers_and_learners_get_no_cohort_pages(client, cohort, request, who):
    client.force_login(request.getfixturevalue(who))
    for url in (
        reverse("cohorts:index"),
        reverse("cohorts_admin:import", args=[cohort.pk]),
        reverse("cohorts_admin:progress", args=[cohort.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    response = client.post(
        reverse("cohorts_admin:import", args=[cohort.pk]),
        {"file": io.BytesIO(GOOD.encode())},
    )
    assert response.status_code in (302, 403)
    assert not CohortMember.objects.exists()


# Invitation = verification -------------------------------------------------------


def _follow_invitation(client, message, password):
    link = next(
        line.strip() for line in message.body.splitlines() if "/reset/key/" in line
    )
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    assert form_url.endswith("-set-password/")  # the key left the URL
    return client.post(form_url, {"password1": password, "password2": password})


@pytest.mark.parametrize("language", ["en", "es"])
def test_invited_learner_signs_in_without_a_confirmation_mail(
    client, admin_client, cohort, outbox, language
):
    from allauth.account.models import EmailAddress

    email = "ana.lopez@sspc.test" if language == "es" else "john.smith@cvpd.test"
    upload(admin_client, cohort, GOOD)
    admin_client.logout()
    invitation = next(m for m in outbox if m.to == [email])
    assert not EmailAddress.objects.get(email=email).verified
    sent_before = len(outbox)

    response = _follow_invitation(client, invitation, "a-New-passw0rd-2026")
    assert response.status_code == 302
    address = EmailAddress.objects.get(email=email)
    assert address.verified and address.primary

    with translation.override(language):
        login_url = reverse("account_login")
        dashboard_url = reverse("dashboard")
    response = client.post(
        login_url, {"login": email, "password": "a-New-passw0rd-2026"}
    )
    assert response.status_code == 302
    assert response.url == dashboard_url  # straight in, no "confirm your email"
    page = client.get(dashboard_url)
    assert page.status_code == 200
    assert User.objects.get(email=email).full_name in page.content.decode()
    # No confirmation mail was sent: at most allauth's "password changed" notice.
    assert not any("confirm" in m.subject.lower() for m in outbox[sent_before:])


def test_an_unused_invitation_leaves_the_address_unverified(
    client, admin_client, cohort, outbox
):
    from allauth.account.models import EmailAddress

    upload(admin_client, cohort, GOOD)
    admin_client.logout()
    assert not EmailAddress.objects.get(email="maria.pena@dif.test").verified
    # Signing in is impossible before the password is set (unusable password).
    with translation.override("en"):
        response = client.post(
            reverse("account_login"),
            {"login": "maria.pena@dif.test", "password": "anything-at-all-2026"},
        )
    assert response.status_code == 200  # the form again, with its error
    assert not EmailAddress.objects.get(email="maria.pena@dif.test").verified


def test_a_password_reset_does_not_verify_other_accounts(client, outbox, home_page):
    """Only invited accounts: a learner who signed up keeps allauth's own rules."""
    from allauth.account.models import EmailAddress

    from lms.cohorts.invitations import verify_invited_address

    person = UserFactory(email="self.signup@x.test")
    EmailAddress.objects.filter(user=person).update(verified=False)
    assert verify_invited_address(person) is False
    assert not EmailAddress.objects.get(email="self.signup@x.test").verified


# Must show (issue 6) -------------------------------------------------------------


def test_one_bad_row_then_the_fixed_file(admin_client, cohort, outbox):
    """A program administrator uploads a file with one bad row: nothing is
    imported and the report names the row; the fixed file enrolls and invites all."""
    bad = GOOD.replace("maria.pena@dif.test", "maria.pena@dif")
    before = User.objects.count()
    response = upload(admin_client, cohort, bad)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was imported" in page
    assert (
        "<tr><td>4</td><td>“maria.pena@dif” is not a valid email address.</td></tr>"
        in page
    )
    assert page.count("<tr><td>") == 1  # only the bad row is named
    assert nothing_imported(cohort, before) and outbox == []

    response = upload(admin_client, cohort, GOOD)
    assert response.status_code == 302
    emails = {"ana.lopez@sspc.test", "john.smith@cvpd.test", "maria.pena@dif.test"}
    members = CohortMember.objects.filter(cohort=cohort)
    assert {m.user.email for m in members} == emails
    for course in cohort.courses.all():
        enrolled = Enrollment.objects.filter(course=course, left_at__isnull=True)
        assert {e.user.email for e in enrolled} == emails
    assert {m.to[0] for m in outbox} == emails
