"""Settings shared by every environment.

Environment variables are read here and in the sibling modules only; nothing else in
the project looks at ``os.environ``. See README.md for the list.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = BASE_URL

# The issuer's Ed25519 keys for signed credentials (certificates.credentials.keys):
# a key-set file made by `manage.py issuer_keys generate` (never in git), or the key
# set's JSON itself. Production refuses to run without one (certificates.E001).
PUENTE_ISSUER_KEYS_FILE = os.environ.get("PUENTE_ISSUER_KEYS_FILE", "")
PUENTE_ISSUER_KEYS = os.environ.get("PUENTE_ISSUER_KEYS", "")
PUENTE_ISSUER_KEYS_EPHEMERAL = False  # test/bench: a throw-away key in memory
PUENTE_ISSUER_KEYS_CREATE = False  # dev: create the file when it is missing

INSTALLED_APPS = [
    # wagtail-modeltranslation must come first (see ../shared/STACK_NOTES.md).
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "lms",
    "lms.reports",
    "lms.ops",
    "courses",
    "certificates",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "lms.accounts.users_app.PuenteUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",  # task rows for the production backend and db_worker
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lms.accounts.middleware.PreferredLanguageLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-csp's, letting Wagtail's preview panel frame a preview (same origin only).
    "lms.accounts.middleware.PreviewFramingCSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "lms.accounts.middleware.AuditContextMiddleware",
    "lms.accounts.middleware.StaffMFAMiddleware",
    "lms.accounts.middleware.NoStoreForAuthenticatedMiddleware",
    "lms.accounts.middleware.RememberLanguageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: a cached anonymous page is answered before Wagtail's routing (no query),
    # after every middleware above has set its headers (courses/cache.py).
    "courses.cache.AnonymousPageCacheMiddleware",
    # A learner's own copy of a lesson, answered before routing (lms.learning).
    "lms.learning.learner_pages.LearnerPageCacheMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "0")),
    )
}
# The SQLite file of `make run` (and of the benchmark) is shared by threads or
# worker processes: without these, concurrent writes (quiz submits) fail with
# "database is locked" (a 500). WAL lets readers run beside the one writer,
# IMMEDIATE takes the write lock when a transaction starts (no deadlocked upgrade),
# and a writer waits up to 20 s for it. Production uses PostgreSQL.
SQLITE_FILE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = dict(SQLITE_FILE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "lms.ops.cache.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "puente",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "puente",
        }
    }


def resilient_redis_caches(redis_url: str, key_prefix: str = "puente") -> dict:
    """Production's ``CACHES`` (also the bench's): Redis that degrades instead of
    raising (``lms.ops.cache``), with the rate-limit counters in PostgreSQL while
    it is away."""
    return {
        "default": {
            "BACKEND": "lms.ops.cache.ResilientRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": key_prefix,
            # A Redis that hangs (a paused process, a lost network) costs a request
            # this much once per RETRY_SECONDS, not a worker timeout.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
            "RETRY_SECONDS": 2,
            "FALLBACK_ALIAS": "ratelimits",
            "FALLBACK_KEY_PREFIXES": ("allauth:rl:",),
        },
        "ratelimits": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "puente_ops_cache_fallback",  # made by puente_ops' migration
            "KEY_PREFIX": key_prefix,
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
    }


AUTH_USER_MODEL = "lms.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"

# django-allauth
ACCOUNT_ADAPTER = "lms.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
# False keeps the session that changed the password (update_session_auth_hash) and
# ends every other one: their stored password hash no longer matches.
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Puente] "
ACCOUNT_FORMS = {"signup": "lms.accounts.forms.SignupForm"}
ACCOUNT_RATE_LIMITS = {
    # A class also signs in from one agency network (300 officers in minutes behind
    # one address): sign-ins meet an abuse ceiling; failures are what is limited,
    # per address and, tightly, per account (docs/security.md, 20.5).
    "login": "300/m/ip",
    "login_failed": "30/m/ip,5/5m/key",
    # A class signs up from one agency network: sign-ups themselves only meet an
    # abuse ceiling; refused forms pause the address (lms.accounts.views.SignupView).
    "signup": "200/h/ip",
    "signup_failed": "20/10m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
}
# Rate limits key on the client IP. X-Forwarded-For is ignored unless the number of
# proxies we run in front of the site is configured (then the address the outermost
# of them saw is used), so a spoofed header cannot reset the counters.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Puente"
# Trainers, program administrators and superusers need an authenticator app before
# they reach /admin/ or /django-admin/ (lms.accounts.middleware.StaffMFAMiddleware).
PUENTE_STAFF_MFA_REQUIRED = True

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Chicago"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "puente_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "es")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en",), "en": ("es",)}
WAGTAILMODELTRANSLATION_TRANSLATE_SLUGS = True
# Translated fields are edited side by side (courses.panels.TranslatedFieldPanel, ADR
# 0007), with Puente's own language view instead of the stacked fields' toggle.
WAGTAILMODELTRANSLATION_CUSTOM_COMPOSED_PANELS = ["courses.panels.TranslatedFieldPanel"]
WAGTAILMODELTRANSLATION_LOCALE_PICKER = False

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# The only media folders anyone may read without a check: image renditions. The
# development server serves these alone (lms/urls.py), as the front web server does in
# production; documents, original images and certificate files never (docs/security.md).
PUENTE_PUBLIC_MEDIA_DIRS = ["images"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}

# Bad input: bounded request sizes (see docs/security.md).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 100
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
if os.environ.get("EMAIL_FILE_PATH"):
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "Puente <no-reply@puente.test>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Wagtail
WAGTAIL_SITE_NAME = "Puente"
# No outside hosts, the admin included: no Gravatar (it would also leak staff emails).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_I18N_ENABLED = (
    False  # per-field translation (modeltranslation), not page copies
)
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
# E-mail addresses are allauth's (verified, on the site), not the admin account page's.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English"), ("es", "Español")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Wagtail's Draftail editor, reading what it is sent defensively (richtext_forms).
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "courses.richtext_forms.CheckedDraftailRichTextArea"}
}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
# Megapixels an image may have (every frame counts): renditions of a 121-megapixel
# picture cost minutes of a server. Refused with its size (courses.uploads).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Uploads (docs/security.md, section 3): images re-encoded without EXIF/GPS; documents
# only of the kinds courses use, size-limited, always downloaded, never shown inline
# (no SVG or HTML rendered from our origin). Video is WebM/MP4 with WebVTT captions.
WAGTAILIMAGES_IMAGE_FORM_BASE = "courses.uploads.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "courses.uploads.DocumentForm"
WAGTAILDOCS_EXTENSIONS = [
    *("pdf", "txt", "csv", "docx", "xlsx", "pptx", "odt", "ods", "odp"),
    *("webm", "mp4", "vtt"),
]
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
PUENTE_DOCUMENT_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Security headers that hold in every environment.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # no script of ours reads it; forms carry the token
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True

# Content Security Policy: no inline scripts or styles on our pages. The Wagtail admin
# ships inline scripts of its own, so it gets the framework's policy-free pages.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "media-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "puente": {"handlers": ["console"], "level": "INFO", "propagate": False}
    },
}
