"""Bulk enrollment of a cohort from a CSV file: validate every row, then import all
or nothing.

``parse_cohort_csv(data)`` decodes and checks the whole file and returns the rows or
a row-by-row report; ``import_cohort_rows(cohort, rows, by=...)`` writes accounts,
memberships and enrollments in one transaction and queues invitations after commit.
Both are idempotent for the same file: a second import creates nothing.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from lms.models import Cohort, CohortMember, Country, Enrollment, Language

COLUMNS = ("email", "full_name", "agency", "country", "preferred_language")
MAX_ROWS = 10_000
IMPORT_ACTION = "lms.cohort_import"
REJECTED_ACTION = "lms.cohort_import_rejected"

_COUNTRY_NAMES = {
    "us": Country.US,
    "usa": Country.US,
    "united states": Country.US,
    "united states of america": Country.US,
    "estados unidos": Country.US,
    "ee uu": Country.US,
    "mx": Country.MX,
    "mexico": Country.MX,
}


@dataclass
class RowError:
    row: int | None  # line in the file (the header is line 1); None: the whole file
    message: str


@dataclass
class CohortRow:
    row: int
    email: str
    full_name: str
    agency: str
    country: str
    preferred_language: str


@dataclass
class ParsedFile:
    rows: list[CohortRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors


@dataclass
class ImportResult:
    rows: int
    accounts_created: int
    memberships_created: int
    enrollments_created: int


def decode_csv(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), else Latin-1 (never fails)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _plain(value: str) -> str:
    """Lower case without accents or repeated spaces: "México" → "mexico"."""
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().replace(".", " ").split())


def parse_country(value: str) -> str | None:
    return _COUNTRY_NAMES.get(_plain(value))


def _check_header(header: list[str]) -> list[RowError]:
    names = [name.strip().lower() for name in header]
    missing = [c for c in COLUMNS if c not in names]
    extra = [n or "—" for n in names if n not in COLUMNS]
    errors = []
    if missing:
        errors.append(
            RowError(
                1,
                _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)},
            )
        )
    if extra:
        errors.append(
            RowError(
                1,
                _("Unexpected columns: %(columns)s.") % {"columns": ", ".join(extra)},
            )
        )
    repeated = sorted({n for n in names if names.count(n) > 1 and n in COLUMNS})
    if repeated:
        errors.append(
            RowError(
                1,
                _("Columns given twice: %(columns)s.")
                % {"columns": ", ".join(repeated)},
            )
        )
    return errors


def _check_row(line: int, values: dict[str, str]) -> tuple[CohortRow | None, list]:
    errors = []
    email = values["email"].strip()
    try:
        validate_email(email)
    except ValidationError:
        errors.append(
            RowError(
                line, _("“%(value)s” is not a valid email address.") % {"value": email}
            )
        )
    full_name = values["full_name"].strip()
    if not full_name:
        errors.append(RowError(line, _("The full name is empty.")))
    elif len(full_name) > 150:
        errors.append(RowError(line, _("The full name is longer than 150 characters.")))
    agency = values["agency"].strip()
    if len(agency) > 200:
        errors.append(RowError(line, _("The agency is longer than 200 characters.")))
    country = parse_country(values["country"])
    if country is None:
        errors.append(
            RowError(
                line,
                _("Unknown country “%(value)s”: use US or MX.")
                % {"value": values["country"].strip()},
            )
        )
    language = values["preferred_language"].strip().lower()
    if language not in Language.values:
        errors.append(
            RowError(
                line,
                _("Unknown language “%(value)s”: use en or es.")
                % {"value": values["preferred_language"].strip()},
            )
        )
    if errors:
        return None, errors
    return (
        CohortRow(
            row=line,
            email=email,
            full_name=full_name,
            agency=agency,
            country=country,
            preferred_language=language,
        ),
        [],
    )


def parse_cohort_csv(data: bytes, *, max_rows: int = MAX_ROWS) -> ParsedFile:
    """Every row checked; ``errors`` name the line and what is wrong with it."""
    parsed = ParsedFile()
    text = decode_csv(data)
    if not text.strip():
        parsed.errors.append(RowError(None, _("The file is empty.")))
        return parsed
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, [])
    parsed.errors.extend(_check_header(header))
    if parsed.errors:
        return parsed
    names = [name.strip().lower() for name in header]
    seen: dict[str, int] = {}
    count = 0
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            count += 1
            if count > max_rows:
                parsed.rows = []
                parsed.errors = [
                    RowError(
                        None,
                        _("The file has more than %(limit)s rows: split it.")
                        % {"limit": f"{max_rows:,}"},
                    )
                ]
                return parsed
            if len(values) != len(names):
                parsed.errors.append(
                    RowError(
                        line,
                        _("Expected %(expected)s values, found %(found)s.")
                        % {"expected": len(names), "found": len(values)},
                    )
                )
                continue
            row, errors = _check_row(line, dict(zip(names, values, strict=True)))
            parsed.errors.extend(errors)
            if row is None:
                continue
            key = row.email.lower()
            if key in seen:
                parsed.errors.append(
                    RowError(
                        line,
                        _("%(email)s is already on line %(line)s.")
                        % {"email": row.email, "line": seen[key]},
                    )
                )
                continue
            seen[key] = line
            parsed.rows.append(row)
    except csv.Error as error:
        parsed.errors.append(
            RowError(
                reader.line_num,
                _("The file is not valid CSV: %(error)s") % {"error": error},
            )
        )
    if not count and not parsed.errors:
        parsed.errors.append(
            RowError(None, _("The file has no rows below its header."))
        )
    if parsed.errors:
        parsed.rows = []
    return parsed


def _chunks(items: list, size: int = 500):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _user_ids_among(queryset, user_ids: list) -> set:
    """The ``user_id`` values of ``queryset`` among ``user_ids``, asked in
    chunks so a large import stays under the database's parameter limit.
    """
    found = set()
    for chunk in _chunks(user_ids):
        found.update(
            queryset.filter(user_id__in=chunk).values_list("user_id", flat=True)
        )
    return found


def import_cohort_rows(
    cohort: Cohort, rows: list[CohortRow], *, by, filename: str = ""
) -> ImportResult:
    """Create missing accounts, memberships and enrollments; all or nothing.

    Existing accounts are left as they are (their names are the learners' own).
    New accounts get an unusable password, an unverified email address and an
    invitation in their language, queued after the transaction commits. A cohort's
    course enrollment goes ahead even if the course is closed to self-enrollment.
    """
    from lms.cohorts.tasks import send_cohort_invitation

    User = get_user_model()
    courses = list(cohort.courses.all())
    now = timezone.now()
    with transaction.atomic():
        by_email: dict[str, object] = {}
        for chunk in _chunks([row.email.lower() for row in rows]):
            query = User.objects.annotate(email_key=Lower("email"))
            for user in query.filter(email_key__in=chunk):
                by_email[user.email.lower()] = user
        new_users = []
        for row in rows:
            if row.email.lower() in by_email:
                continue
            user = User(
                email=User.objects.normalize_email(row.email),
                full_name=row.full_name,
                agency=row.agency,
                country=row.country,
                preferred_language=row.preferred_language,
            )
            user.set_unusable_password()
            new_users.append(user)
        User.objects.bulk_create(new_users, batch_size=500)
        # bulk_create sets primary keys on PostgreSQL and SQLite, not everywhere.
        created_emails = [u.email for u in new_users]
        created = []
        for chunk in _chunks(created_emails):
            created.extend(User.objects.filter(email__in=chunk))
        for user in created:
            by_email[user.email.lower()] = user
        EmailAddress.objects.bulk_create(
            [
                EmailAddress(user=u, email=u.email, verified=False, primary=True)
                for u in created
            ],
            batch_size=500,
            ignore_conflicts=True,
        )
        users = [by_email[row.email.lower()] for row in rows]
        user_ids = [u.pk for u in users]

        existing_members = _user_ids_among(
            CohortMember.objects.filter(cohort=cohort), user_ids
        )
        members = [
            CohortMember(cohort=cohort, user_id=pk, added_at=now)
            for pk in user_ids
            if pk not in existing_members
        ]
        CohortMember.objects.bulk_create(members, batch_size=500, ignore_conflicts=True)

        enrollments_created = 0
        for course in courses:
            enrolled = _user_ids_among(
                Enrollment.objects.filter(course=course, left_at__isnull=True),
                user_ids,
            )
            missing = [pk for pk in user_ids if pk not in enrolled]
            for chunk in _chunks(missing):
                # Learners who left come back to their cycle's progress.
                Enrollment.objects.filter(
                    course=course, user_id__in=chunk, cycle=1, left_at__isnull=False
                ).update(left_at=None)
            rejoined = _user_ids_among(
                Enrollment.objects.filter(course=course), missing
            )
            new = [
                Enrollment(user_id=pk, course=course, cycle=1, enrolled_at=now)
                for pk in missing
                if pk not in rejoined
            ]
            Enrollment.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
            enrollments_created += len(new)

        result = ImportResult(
            rows=len(rows),
            accounts_created=len(created),
            memberships_created=len(members),
            enrollments_created=enrollments_created,
        )
        log(
            cohort,
            IMPORT_ACTION,
            user=by,
            data={
                "filename": filename,
                "rows": result.rows,
                "accounts_created": result.accounts_created,
                "memberships_created": result.memberships_created,
                "enrollments_created": result.enrollments_created,
            },
        )
        ids = [u.pk for u in created]
        cohort_id = cohort.pk
        transaction.on_commit(
            lambda: [send_cohort_invitation.enqueue(pk, cohort_id) for pk in ids]
        )
    return result


def log_rejected_import(cohort: Cohort, parsed: ParsedFile, *, by, filename: str):
    """A refused file is written to the audit log too (counts only, no rows)."""
    log(
        cohort,
        REJECTED_ACTION,
        user=by,
        data={"filename": filename, "errors": len(parsed.errors)},
    )
