"""The certificate as an Open Badges 3.0 ``OpenBadgeCredential`` (VC Data Model 2.0),
built only from what the certificate stored at issue, so the same certificate always
gives the same credential; and the minimal claims of the offline QR payload. Called
by ``certificates.credentials.signing``.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from certificates import app_settings
from certificates.credentials import links
from certificates.models import Certificate

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
    "ob_v3p0_achievementcredential_schema.json"
)
CREDENTIAL_TYPE = "OpenBadgeCredential"

CRITERIA = _(
    "Completed every lesson of the course and passed each of its assessments on Puente."
)
CRITERIA_APPROVED = _(
    "Completed every lesson of the course and passed each of its assessments on "
    "Puente; the completion was reviewed and approved by a program administrator."
)
CREDENTIAL_NAME = _("Certificate of completion: %(course)s")
CREDENTIAL_DESCRIPTION = _(
    "%(name)s completed %(course)s (%(hours)s credit hours) on %(date)s. "
    "Serial %(serial)s."
)


def primary_language(certificate: Certificate) -> str:
    """The language of the credential's texts; a bilingual certificate reads English
    first, as it prints, and carries Spanish as the related edition."""
    return "es" if certificate.language == "es" else "en"


def timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def hours_text(hours: Decimal) -> str:
    return f"{hours:.1f}".removesuffix(".0")


def subject_id(certificate: Certificate) -> str:
    """A per-certificate pseudonym: it names the subject without linking one
    holder's credentials to each other."""
    return uuid.uuid5(uuid.NAMESPACE_URL, links.verification_url(certificate)).urn


def _in(language: str, text: Any, **values: str) -> str:
    with translation.override(language):
        return str(text) % values if values else str(text)


def _edition(certificate: Certificate, language: str) -> dict[str, Any]:
    snapshot = certificate.credential_snapshot or {}
    title = certificate.course_title(language)
    criteria = CRITERIA_APPROVED if snapshot.get("approval") else CRITERIA
    achievement_id = links.achievement_id(certificate.course_id)
    return {
        "name": title,
        "description": snapshot.get(f"description_{language}")
        or certificate.wording(language)
        or title,
        "criteria": {"narrative": _in(language, criteria)},
        "inLanguage": language,
        "alignment": [
            {
                "type": ["Alignment"],
                "targetCode": objective["key"],
                "targetName": objective[language],
                "targetFramework": title,
                "targetType": "ext:LearningObjective",
                "targetUrl": f"{achievement_id}#objective-{objective['key']}",
            }
            for objective in snapshot.get("objectives", [])
        ],
    }


def issuer_profile(language: str) -> dict[str, Any]:
    other = "es" if language == "en" else "en"
    return {
        "id": links.issuer_id(),
        "type": ["Profile"],
        "name": app_settings.issuer_name(language),
        "url": app_settings.issuer_url(),
        "description": app_settings.issuer_description(language),
        # Profiles have no language editions in OB 3.0: the other language rides in
        # an issuer-dependent term (VC Data Model 2.0's @vocab).
        "translation": [
            {
                "inLanguage": other,
                "name": app_settings.issuer_name(other),
                "description": app_settings.issuer_description(other),
            }
        ],
    }


def _identifiers(certificate: Certificate) -> list[dict[str, Any]]:
    identifiers: list[dict[str, Any]] = [
        {
            "type": "IdentityObject",
            "identityHash": certificate.learner_name,
            "identityType": "name",
            "hashed": False,
        }
    ]
    email = (certificate.credential_snapshot or {}).get("email")
    if email:
        identifiers.append(
            {
                "type": "IdentityObject",
                "identityHash": email["hash"],
                "identityType": "emailAddress",
                "hashed": True,
                "salt": email["salt"],
            }
        )
    return identifiers


def build_credential(certificate: Certificate) -> dict[str, Any]:
    """The unsigned credential with OB 3.0's JWT claims (iss, jti, sub, nbf, exp)."""
    language = primary_language(certificate)
    other = "es" if language == "en" else "en"
    snapshot = certificate.credential_snapshot or {}
    number, index = links.status_list_position(certificate.pk)
    status_list = links.status_list_url(number)
    hours = hours_text(certificate.credit_hours)
    achievement = {
        "id": links.achievement_id(certificate.course_id),
        "type": ["Achievement"],
        "achievementType": "CertificateOfCompletion",
        "creditsAvailable": float(certificate.credit_hours),
        **_edition(certificate, language),
        "courseLanguages": snapshot.get("languages", [language]),
        "related": [
            {
                "id": f"{links.achievement_id(certificate.course_id)}?lang={other}",
                "type": ["Related"],
                **_edition(certificate, other),
            }
        ],
    }
    issued = timestamp(certificate.issued_at)
    values = {
        "name": certificate.learner_name,
        "course": certificate.course_title(language),
        "hours": hours,
        "date": certificate.completed_on.isoformat(),
        "serial": certificate.serial,
    }
    credential: dict[str, Any] = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": links.verification_url(certificate),
        "type": ["VerifiableCredential", CREDENTIAL_TYPE],
        "name": _in(language, CREDENTIAL_NAME, course=values["course"]),
        "description": _in(language, CREDENTIAL_DESCRIPTION, **values),
        "issuer": issuer_profile(language),
        "validFrom": issued,
        # The schema 1EdTech publishes still requires the VC 1.1 name; same instant.
        "issuanceDate": issued,
        "credentialSubject": {
            "id": subject_id(certificate),
            "type": ["AchievementSubject"],
            "identifier": _identifiers(certificate),
            "creditsEarned": float(certificate.credit_hours),
            "activityEndDate": f"{certificate.completed_on.isoformat()}T00:00:00Z",
            "achievement": achievement,
        },
        "credentialStatus": {
            "id": f"{status_list}#{index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(index),
            "statusListCredential": status_list,
        },
        "credentialSchema": [
            {"id": OB_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}
        ],
        "iss": links.issuer_id(),
        "jti": links.verification_url(certificate),
        "sub": subject_id(certificate),
        "nbf": int(certificate.issued_at.timestamp()),
    }
    if certificate.expires_at:
        credential["validUntil"] = timestamp(certificate.expires_at)
        credential["expirationDate"] = credential["validUntil"]
        credential["exp"] = int(certificate.expires_at.timestamp())
    return credential


def offline_claims(certificate: Certificate) -> dict[str, Any]:
    """The few claims the offline QR code carries (short names: it must stay small).

    ``iss`` issuer, ``jti`` verification code, ``n`` name as printed, ``c`` course
    (the certificate's first language), ``h`` credit hours, ``d`` completed on,
    ``s`` serial, ``si`` status-list position (as in the full credential),
    ``nbf``/``exp`` issue and expiry (seconds since 1970, UTC).
    """
    claims: dict[str, Any] = {
        "iss": links.issuer_id(),
        "jti": certificate.code,
        "n": certificate.learner_name,
        "c": certificate.course_title(primary_language(certificate)),
        "h": hours_text(certificate.credit_hours),
        "d": certificate.completed_on.isoformat(),
        "s": certificate.serial,
        "si": certificate.pk,
        "nbf": int(certificate.issued_at.timestamp()),
    }
    if certificate.expires_at:
        claims["exp"] = int(certificate.expires_at.timestamp())
    return claims
