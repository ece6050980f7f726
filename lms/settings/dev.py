"""Local development: SQLite file, console email, immediate tasks."""

from lms.settings.base import *  # noqa: F403
from lms.settings.base import env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405
PUENTE_DEMO_DATA_ALLOWED = True
# Demo and bench data (lms.demo): never installed by the production settings.
INSTALLED_APPS = [*INSTALLED_APPS, "lms.demo"]  # noqa: F405
# A throw-away issuer key, created on first use in a git-ignored folder.
PUENTE_ISSUER_KEYS_FILE = PUENTE_ISSUER_KEYS_FILE or str(  # noqa: F405
    BASE_DIR / ".dev-keys" / "issuer-keys.json"  # noqa: F405
)
PUENTE_ISSUER_KEYS_CREATE = True
