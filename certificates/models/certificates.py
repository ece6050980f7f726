"""The issued record (with a snapshot of everything printed on it), the images it
printed, per-year serial counters, hashes of every PDF handed out, and the approval
queue. Written only by ``certificates.services``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.models.choices import (
    CertificateLanguage,
    CertificateStatus,
    PaperSize,
    VerificationState,
)


class SnapshotImage(models.Model):
    """An image as it was printed (signature, logo), kept by content hash.

    Certificates point here rather than at Wagtail images, so replacing a signature
    never changes a certificate already issued.
    """

    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    content = models.BinaryField(_("content"))

    class Meta:
        verbose_name = _("snapshot image")
        verbose_name_plural = _("snapshot images")

    def __str__(self):
        return self.sha256[:12]


class SerialCounter(models.Model):
    """The last serial number used in a year; locked while a certificate is issued."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("serial counter")
        verbose_name_plural = _("serial counters")

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class Certificate(models.Model):
    """One certificate as issued. Every printed value is a snapshot taken at issue."""

    # Wagtail indexes the references of models its admin registers (the certificate
    # listing does), which cost every issue two queries; a certificate's course and
    # holder are never "usages" an editor needs to see.
    wagtail_reference_index_ignore = True

    serial = models.CharField(_("serial"), max_length=32, unique=True)
    code = models.CharField(_("verification code"), max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="certificates",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    enrollment = models.ForeignKey(
        "lms.Enrollment",
        verbose_name=_("enrollment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )

    # Snapshot of what is printed.
    learner_name = models.CharField(_("learner name"), max_length=150)
    course_title_en = models.CharField(_("course title (English)"), max_length=255)
    course_title_es = models.CharField(_("course title (Spanish)"), max_length=255)
    wording_en = models.TextField(_("wording (English)"), blank=True)
    wording_es = models.TextField(_("wording (Spanish)"), blank=True)
    credit_hours = models.DecimalField(
        _("credit hours"), max_digits=5, decimal_places=1
    )
    completed_on = models.DateField(_("completed on"))
    signatory_name = models.CharField(_("signatory name"), max_length=150, blank=True)
    signatory_title_en = models.CharField(
        _("signatory title (English)"), max_length=200, blank=True
    )
    signatory_title_es = models.CharField(
        _("signatory title (Spanish)"), max_length=200, blank=True
    )
    signature = models.ForeignKey(
        SnapshotImage,
        verbose_name=_("signature image"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    logo = models.ForeignKey(
        SnapshotImage,
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    language = models.CharField(
        _("language"),
        max_length=4,
        choices=CertificateLanguage.choices,
        default=CertificateLanguage.BOTH,
    )
    paper = models.CharField(
        _("paper size"),
        max_length=6,
        choices=PaperSize.choices,
        default=PaperSize.LETTER,
    )

    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when issued automatically on completion."),
    )
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CertificateStatus.choices,
        default=CertificateStatus.VALID,
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
    )
    expiry_reminder_sent_at = models.DateTimeField(
        _("expiry reminder sent at"), null=True, blank=True
    )
    # The signed credential (certificates.credentials): what it says beyond the
    # printed snapshot, taken at issue; its signatures, made once on first use.
    # Columns added after the first release carry a database default, so the
    # previous release's INSERTs still work while servers roll (docs/deployment.md).
    credential_snapshot = models.JSONField(
        _("credential snapshot"), default=dict, db_default=Value("{}"), blank=True
    )
    credential_jws = models.TextField(
        _("signed credential"), blank=True, default="", db_default=""
    )
    offline_jws = models.TextField(
        _("offline verification payload"), blank=True, default="", db_default=""
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-pk"]
        permissions = [
            ("manage_certificates", _("Can issue, approve, revoke and reissue")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=models.Q(status="valid"),
                name="certificates_one_valid_per_learner_course",
            )
        ]

    def __str__(self):
        return f"{self.serial} · {self.learner_name}"

    def course_title(self, language: str) -> str:
        return self.course_title_es if language == "es" else self.course_title_en

    def wording(self, language: str) -> str:
        return self.wording_es if language == "es" else self.wording_en

    def signatory_title(self, language: str) -> str:
        if language == "es":
            return self.signatory_title_es or self.signatory_title_en
        return self.signatory_title_en or self.signatory_title_es

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def verification_state(self) -> str:
        if self.status == CertificateStatus.REVOKED:
            return VerificationState.REVOKED
        if self.status == CertificateStatus.SUPERSEDED:
            return VerificationState.SUPERSEDED
        if self.is_expired:
            return VerificationState.EXPIRED
        return VerificationState.VALID


class IssuedFile(models.Model):
    """The SHA-256 of a PDF variant handed out (download, email, ZIP).

    The "check a PDF" form compares an upload with these; rendering is deterministic,
    so each variant usually has one hash, but every hash ever handed out is kept.
    """

    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        on_delete=models.CASCADE,
        related_name="files",
    )
    language = models.CharField(
        _("language"), max_length=4, choices=CertificateLanguage.choices
    )
    paper = models.CharField(_("paper size"), max_length=6, choices=PaperSize.choices)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    first_handed_out_at = models.DateTimeField(
        _("first handed out at"), default=timezone.now
    )

    class Meta:
        verbose_name = _("issued file")
        verbose_name_plural = _("issued files")

    def __str__(self):
        return f"{self.certificate_id} · {self.language} · {self.paper}"


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class CertificateRequest(models.Model):
    """A completion waiting for a program administrator (courses in approval mode)."""

    wagtail_reference_index_ignore = True  # as Certificate

    enrollment = models.OneToOneField(
        "lms.Enrollment",
        verbose_name=_("enrollment"),
        on_delete=models.CASCADE,
        related_name="certificate_request",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="certificate_requests",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="certificate_requests",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RequestStatus.choices,
        default=RequestStatus.PENDING,
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("certificate request")
        verbose_name_plural = _("certificate requests")
        ordering = ["requested_at", "pk"]

    def __str__(self):
        return f"{self.user} · {self.course_id}"
