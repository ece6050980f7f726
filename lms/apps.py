"""The lms app: the learner's side (accounts, learning, cohorts) and its tables."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Learning")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from lms.accounts import roles, signals
        from lms.cohorts import invitations  # noqa: F401  (password_reset receiver)
        from lms.learning import learner_cache

        signals.connect_receivers()
        learner_cache.connect_receivers()
        post_migrate.connect(roles.sync_roles_after_migrate)
