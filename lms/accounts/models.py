"""The learner's account: email login, and the profile printed on certificates."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyType(models.TextChoices):
    POLICE = "police", _("Police or sheriff")
    GOVERNMENT = "government", _("State or federal agency")
    PROSECUTOR = "prosecutor", _("Prosecutor's office")
    CHILD_PROTECTION = "child_protection", _("Child protection")
    ADVOCATE = "advocate", _("Victim advocate or NGO")
    OTHER = "other", _("Other")


class Country(models.TextChoices):
    US = "US", _("United States")
    MX = "MX", _("Mexico")


class Language(models.TextChoices):
    EN = "en", _("English")
    ES = "es", _("Spanish")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in with their email address.

    ``full_name`` is printed on certificates exactly as entered (any Unicode), so it is
    stored as one field rather than split into first and last names.
    """

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(
        _("full name"),
        max_length=150,
        help_text=_("Exactly as it must appear on your certificates."),
    )
    agency = models.CharField(_("agency"), max_length=200, blank=True)
    agency_type = models.CharField(
        _("agency type"), max_length=20, choices=AgencyType.choices, blank=True
    )
    country = models.CharField(
        _("country"), max_length=2, choices=Country.choices, blank=True
    )
    state = models.CharField(_("state"), max_length=100, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=Language.choices,
        default=Language.EN,
    )
    deleted_at = models.DateTimeField(
        _("account deleted at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Set when the person deleted their account: the profile is anonymised "
            "and only the learning records and certificates are kept."
        ),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.email

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name
