"""What the credential says beyond the printed snapshot, taken at issue from the rows
``issue_certificate`` has already loaded (no query): the course description and
objectives in both languages, its languages, whether a person approved it, and the
holder's e-mail as a salted hash only. Called by ``certificates.services.issuing``.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from typing import Any

from courses.hours import plain_text
from courses.models import CertificateIssueMode, CoursePage
from lms.models import User

LANGUAGES = ("en", "es")
_SPACES = re.compile(r"\s+")


def _plain(value: object) -> str:
    return _SPACES.sub(" ", plain_text(str(value or ""))).strip()


def _objectives(course: CoursePage) -> list[dict[str, str]]:
    """Objectives paired across languages by key (else by position)."""
    texts: dict[str, dict[str, str]] = {}
    order: list[str] = []
    for language in LANGUAGES:
        stream = getattr(course, f"objectives_{language}", None)
        raw = list(getattr(stream, "raw_data", None) or [])
        for position, block in enumerate(raw):
            value = block.get("value")
            if isinstance(value, dict):
                key, text = str(value.get("key") or position), value.get("text")
            else:
                key, text = str(position), value
            if key not in texts:
                texts[key] = {}
                order.append(key)
            texts[key][language] = _plain(text)
    return [
        {
            "key": key,
            "en": texts[key].get("en") or texts[key].get("es", ""),
            "es": texts[key].get("es") or texts[key].get("en", ""),
        }
        for key in order
    ]


def email_identity(email: str) -> dict[str, str] | None:
    """OB 3.0's salted e-mail hash (``sha256$`` + hex of address + salt)."""
    if not email:
        return None
    salt = secrets.token_hex(8)
    digest = hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()
    return {"hash": f"sha256${digest}", "salt": salt}


def credential_snapshot(course: CoursePage, user: User) -> dict[str, Any]:
    description_en = _plain(course.description_en) or _plain(course.summary_en)
    description_es = _plain(course.description_es) or _plain(course.summary_es)
    languages = [code for code in LANGUAGES if code in (course.languages or "en")]
    return {
        "description_en": description_en,
        "description_es": description_es or description_en,
        "objectives": _objectives(course),
        "languages": languages or ["en"],
        "approval": course.certificate_issue_mode == CertificateIssueMode.APPROVAL,
        "email": email_identity(user.email),
    }
