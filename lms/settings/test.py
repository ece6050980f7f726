"""Settings for pytest: fast hashing, immediate tasks, in-memory email and cache."""

from lms.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PUENTE_DEMO_DATA_ALLOWED = True
# Demo and bench data (lms.demo): never installed by the production settings.
INSTALLED_APPS = [*INSTALLED_APPS, "lms.demo"]  # noqa: F405
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
STORAGES = {  # noqa: F405
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# The shared trainer/program-admin fixtures have no authenticator app, so the admin
# gate is off by default here; tests/security/ turns it on (autouse fixture) and
# proves it. It is on in every other environment (base.py).
PUENTE_STAFF_MFA_REQUIRED = False
# pytest-django's SQLite test database lives in memory, shared by the live server's
# threads through SQLite's shared cache, where IMMEDIATE transactions would lock
# tables instead of waiting: base.py's options are for a database file.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"].pop("OPTIONS", None)  # noqa: F405
# Signed credentials: a throw-away issuer key generated in memory, never a file.
PUENTE_ISSUER_KEYS_FILE = ""
PUENTE_ISSUER_KEYS = ""
PUENTE_ISSUER_KEYS_EPHEMERAL = True
