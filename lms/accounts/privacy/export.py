"""Everything Puente holds about one person, as JSON or as a ZIP of CSV files.

``get_personal_data(user)`` returns sections: lms's own records (profile, email
addresses, enrollments, lesson progress, quiz attempts, cohorts, two-factor methods,
audit-log entries about the account), then whatever other apps register with the
``puente_personal_data`` hook (certificates adds its records). Called only by
``lms.accounts.views``; every section costs a fixed number of queries.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import log

from lms.accounts.privacy import EXPORT_ACTION
from lms.hooks import PERSONAL_DATA

FORMAT_VERSION = "puente-personal-data/1"
# Spreadsheet programs run cells that start with these as formulas.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class PersonalDataSection:
    """One kind of record: ``key`` names the CSV file, ``columns`` are
    ``(key, translated heading)`` pairs, ``rows`` are dicts keyed by column key."""

    key: str
    title: str
    columns: list[tuple[str, str]]
    rows: list[dict] = field(default_factory=list)
    order: int = 100


def _profile_section(user) -> PersonalDataSection:
    columns = [
        ("email", _("Email address")),
        ("full_name", _("Full name")),
        ("agency", _("Agency")),
        ("agency_type", _("Agency type")),
        ("country", _("Country")),
        ("state", _("State")),
        ("job_title", _("Job title")),
        ("preferred_language", _("Preferred language")),
        ("date_joined", _("Account created")),
        ("last_login", _("Last sign-in")),
    ]
    row = {key: getattr(user, key) for key, _label in columns}
    for key in ("agency_type", "country", "preferred_language"):
        row[key] = getattr(user, f"get_{key}_display")()  # words, not codes
    return PersonalDataSection("profile", _("Profile"), columns, [row], order=0)


def _email_section(user) -> PersonalDataSection:
    from allauth.account.models import EmailAddress

    return PersonalDataSection(
        "email_addresses",
        _("Email addresses"),
        [
            ("email", _("Email address")),
            ("verified", _("Verified")),
            ("primary", _("Primary")),
        ],
        list(
            EmailAddress.objects.filter(user=user)
            .order_by("pk")
            .values("email", "verified", "primary")
        ),
        order=1,
    )


def _enrollment_section(user) -> PersonalDataSection:
    from lms.models import Enrollment

    enrollments = Enrollment.objects.filter(user=user).select_related("course")
    return PersonalDataSection(
        "enrollments",
        _("Enrollments"),
        [
            ("id", _("Enrollment")),
            ("course", _("Course")),
            ("cycle", _("Cycle")),
            ("enrolled_at", _("Enrolled at")),
            ("content_note_acknowledged_at", _("Content note acknowledged at")),
            ("completed_at", _("Completed at")),
            ("left_at", _("Left at")),
        ],
        [
            {
                "id": e.pk,
                "course": str(e.course.title),
                "cycle": e.cycle,
                "enrolled_at": e.enrolled_at,
                "content_note_acknowledged_at": e.content_note_acknowledged_at,
                "completed_at": e.completed_at,
                "left_at": e.left_at,
            }
            for e in enrollments.order_by("enrolled_at", "pk")
        ],
        order=10,
    )


def _progress_section(user) -> PersonalDataSection:
    from lms.models import LessonProgress

    progress = LessonProgress.objects.filter(enrollment__user=user).select_related(
        "lesson"
    )
    return PersonalDataSection(
        "lesson_progress",
        _("Lesson progress"),
        [
            ("enrollment", _("Enrollment")),
            ("lesson", _("Lesson")),
            ("completed_at", _("Completed at")),
        ],
        [
            {
                "enrollment": p.enrollment_id,
                "lesson": str(p.lesson.title),
                "completed_at": p.completed_at,
            }
            for p in progress.order_by("completed_at", "pk")
        ],
        order=20,
    )


def _answers(attempt, questions: dict, choices: dict) -> list[dict]:
    """The learner's own choices in words; which choice was right is not included,
    so the export never hands out the answer key of a quiz still to be retaken."""
    answers = []
    for entry in attempt.questions:
        chosen = (attempt.answers or {}).get(str(entry["id"]), [])
        answers.append(
            {
                "question": questions.get(entry["id"], ""),
                "answer": [choices.get(pk, "") for pk in chosen],
            }
        )
    return answers


def _attempt_section(user) -> PersonalDataSection:
    from courses.models import Choice, Question
    from lms.models import QuizAttempt

    attempts = list(
        QuizAttempt.objects.filter(user=user)
        .select_related("quiz")
        .order_by("started_at", "pk")
    )
    question_ids = {q["id"] for a in attempts for q in a.questions}
    choice_ids = {
        int(pk) for a in attempts for pks in (a.answers or {}).values() for pk in pks
    }
    questions = {
        q.pk: str(q.text) for q in Question.objects.filter(pk__in=question_ids)
    }
    choices = {c.pk: str(c.text) for c in Choice.objects.filter(pk__in=choice_ids)}
    return PersonalDataSection(
        "quiz_attempts",
        _("Quiz attempts"),
        [
            ("enrollment", _("Enrollment")),
            ("quiz", _("Quiz")),
            ("number", _("Attempt number")),
            ("started_at", _("Started at")),
            ("submitted_at", _("Submitted at")),
            ("status", _("Status")),
            ("score", _("Score (%)")),
            ("passed", _("Passed")),
            ("late", _("Submitted late")),
            ("answers", _("Answers")),
        ],
        [
            {
                "enrollment": a.enrollment_id,
                "quiz": str(a.quiz.title),
                "number": a.number,
                "started_at": a.started_at,
                "submitted_at": a.submitted_at,
                "status": a.get_status_display(),
                "score": a.score,
                "passed": a.passed,
                "late": a.late,
                "answers": _answers(a, questions, choices),
            }
            for a in attempts
        ],
        order=30,
    )


def _cohort_section(user) -> PersonalDataSection:
    from lms.models import CohortMember

    members = CohortMember.objects.filter(user=user).select_related("cohort")
    return PersonalDataSection(
        "cohorts",
        _("Cohorts"),
        [
            ("cohort", _("Cohort")),
            ("place", _("Place")),
            ("start_date", _("Start date")),
            ("end_date", _("End date")),
            ("added_at", _("Added at")),
        ],
        [
            {
                "cohort": m.cohort.name,
                "place": m.cohort.place,
                "start_date": m.cohort.start_date,
                "end_date": m.cohort.end_date,
                "added_at": m.added_at,
            }
            for m in members.order_by("added_at", "pk")
        ],
        order=40,
    )


def _two_factor_section(user) -> PersonalDataSection:
    """Which methods are set up and when; never their secrets or codes."""
    from allauth.mfa.models import Authenticator

    return PersonalDataSection(
        "two_factor",
        _("Two-factor authentication"),
        [
            ("type", _("Method")),
            ("created_at", _("Set up at")),
            ("last_used_at", _("Last used at")),
        ],
        [
            {
                "type": a.get_type_display(),
                "created_at": a.created_at,
                "last_used_at": a.last_used_at,
            }
            for a in Authenticator.objects.filter(user=user).order_by("pk")
        ],
        order=50,
    )


def action_label(action: str) -> str:
    """The registered label of a log action, in the reader's language.

    Wagtail's ``get_action_label`` does not load the ``register_log_actions`` hooks
    itself: on a worker that has not logged or listed anything yet it raised
    ``KeyError`` (a 500 on every fresh worker). ``scan_for_actions`` loads them
    first (once per process); an action no longer registered reads as its name.
    """
    from wagtail.log_actions import registry

    registry.scan_for_actions()
    try:
        return str(registry.get_action_label(action))
    except KeyError:
        return action


def _audit_section(user) -> PersonalDataSection:
    """Entries about the account itself: sign-ins, failed sign-ins, role changes,
    exports. Entries the person wrote about other people's records are theirs to
    see in the admin, not here (they would carry other people's data)."""
    from wagtail.models import ModelLogEntry

    entries = ModelLogEntry.objects.for_instance(user).order_by("timestamp", "pk")
    return PersonalDataSection(
        "audit_log",
        _("Account history"),
        [
            ("timestamp", _("Date/time")),
            ("action", _("Action")),
            ("ip", _("IP address")),
        ],
        [
            {
                "timestamp": entry.timestamp,
                "action": action_label(entry.action),
                "ip": (entry.data or {}).get("ip") or "",
            }
            for entry in entries
        ],
        order=90,
    )


def get_personal_data(user) -> list[PersonalDataSection]:
    sections = [
        _profile_section(user),
        _email_section(user),
        _enrollment_section(user),
        _progress_section(user),
        _attempt_section(user),
        _cohort_section(user),
        _two_factor_section(user),
        _audit_section(user),
    ]
    for fn in hooks.get_hooks(PERSONAL_DATA):
        sections.extend(fn(user) or [])
    return sorted(sections, key=lambda s: s.order)


def _plain(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.loads(json.dumps(value, default=_plain))
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)


def render_json(sections: list[PersonalDataSection]) -> bytes:
    document = {
        "format": FORMAT_VERSION,
        "exported_at": _plain(timezone.now()),
        "sections": {
            section.key: {
                "title": str(section.title),
                "columns": {key: str(label) for key, label in section.columns},
                "rows": [
                    {key: _plain(row.get(key)) for key, _label in section.columns}
                    for row in section.rows
                ],
            }
            for section in sections
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def _cell(value) -> str:
    value = _plain(value)
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        text = "'" + text
    return text


def render_csv_zip(sections: list[PersonalDataSection]) -> bytes:
    """One UTF-8 CSV per section (with a byte-order mark, so spreadsheet programs
    read accents), headings in the reader's language."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for section in sections:
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow([str(label) for _key, label in section.columns])
            for row in section.rows:
                writer.writerow(
                    [_cell(row.get(key)) for key, _label in section.columns]
                )
            archive.writestr(f"{section.key}.csv", "\ufeff" + text.getvalue())
    return buffer.getvalue()


def export_personal_data(user, data_format: str) -> tuple[bytes, str, str]:
    """The file, its content type and its name; the export is audit-logged
    (the format only: the entry holds no personal data)."""
    sections = get_personal_data(user)
    stamp = timezone.localdate().isoformat()
    if data_format == "csv":
        content = render_csv_zip(sections)
        result = (content, "application/zip", f"puente-data-{stamp}.zip")
    else:
        data_format = "json"
        content = render_json(sections)
        result = (content, "application/json", f"puente-data-{stamp}.json")
    log(user, EXPORT_ACTION, user=user, data={"format": data_format})
    return result
