"""What a verified credential or offline payload claims, as labelled rows for the
verification page and ``manage.py verify_credential``: the holder's name, the course
(in each language it gives), hours, dates, issuer and identifiers.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Row = tuple[str | Promise, str]


def _date_of(seconds: object) -> str:
    if not seconds:
        return ""
    return datetime.fromtimestamp(int(seconds), tz=UTC).date().isoformat()  # type: ignore[call-overload]


def _credential_rows(payload: dict[str, Any]) -> list[Row]:
    subject = payload.get("credentialSubject") or {}
    achievement = subject.get("achievement") or {}
    names = [
        str(i.get("identityHash", ""))
        for i in subject.get("identifier") or []
        if isinstance(i, dict) and i.get("identityType") == "name"
    ]
    editions = [achievement, *(achievement.get("related") or [])]
    rows: list[Row] = [
        (_("Name"), ", ".join(names)),
        *(
            (
                _("Course (%(language)s)") % {"language": e.get("inLanguage", "?")},
                str(e.get("name", "")),
            )
            for e in editions
            if isinstance(e, dict) and e.get("name")
        ),
        (_("Credit hours"), str(achievement.get("creditsAvailable", ""))),
        (_("Completed on"), str(subject.get("activityEndDate", ""))[:10]),
        (_("Issued on"), _date_of(payload.get("nbf"))),
        (_("Valid until"), _date_of(payload.get("exp"))),
        (_("Issuer"), str((payload.get("issuer") or {}).get("name", ""))),
        (_("What it says"), str(payload.get("description", ""))),
        (_("Credential"), str(payload.get("id", ""))),
    ]
    return [row for row in rows if row[1]]


def _offline_rows(payload: dict[str, Any]) -> list[Row]:
    rows: list[Row] = [
        (_("Name"), str(payload.get("n", ""))),
        (_("Course"), str(payload.get("c", ""))),
        (_("Credit hours"), str(payload.get("h", ""))),
        (_("Completed on"), str(payload.get("d", ""))),
        (_("Issued on"), _date_of(payload.get("nbf"))),
        (_("Valid until"), _date_of(payload.get("exp"))),
        (_("Serial"), str(payload.get("s", ""))),
        (_("Verification code"), str(payload.get("jti", ""))),
        (_("Issuer"), str(payload.get("iss", ""))),
    ]
    return [row for row in rows if row[1]]


def claimed_rows(kind: str, payload: dict[str, Any]) -> list[Row]:
    return _credential_rows(payload) if kind == "credential" else _offline_rows(payload)
