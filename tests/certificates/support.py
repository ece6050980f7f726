"""Helpers for the certificates tests (the fixtures that use them are in conftest.py):
learners, completed enrollments, URLs in a language, and a forger's edit of a PDF."""

import io

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from pypdf import PdfReader, PdfWriter

from tests.factories import UserFactory

NAMES = [
    "José Núñez Peña",
    "Nguyễn Thị Minh Khai",
    "Søren Kierkegaard",
    "Anna Straße",
    "O'Brien & <b>Test</b>",
]


def complete(user, course):
    """An enrollment marked complete, without sending ``course_completed``."""
    from lms.learning.services.enrollment import enroll_user
    from lms.models import Enrollment

    enrollment = enroll_user(user, course)
    Enrollment.objects.filter(pk=enrollment.pk).update(completed_at=timezone.now())
    enrollment.refresh_from_db()
    return enrollment


def make_learner(roles, **fields):
    from lms.accounts.roles import LEARNERS

    return UserFactory(groups=[roles[LEARNERS]], **fields)


def url(name, *args, lang="en"):
    with override(lang):
        return reverse(name, args=args)


def edit_pdf(data: bytes) -> bytes:
    """What a forger would do: open the PDF, change something, save it."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.add_metadata({"/Title": "Certificate PUE-2026-999999"})
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def credential_payload(token: str) -> dict:
    """The claims of a compact JWS, read without checking it (as a tamperer would)."""
    import base64
    import json

    body = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def replace_payload(token: str, payload: dict) -> str:
    """The JWS with its payload swapped for ``payload`` and the old signature kept."""
    import base64
    import json

    header, _body, signature = token.split(".")
    raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    body = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    return f"{header}.{body}.{signature}"
