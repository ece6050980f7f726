"""Operations' own tables: the markers that make a background task's outside effect
happen once (``lms.ops.once``), and the database copy of the rate-limit counters
while Redis is unreachable (``lms.ops.cache``, through Django's DatabaseCache)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TaskEffect(models.Model):
    """A background task run's outside effect (an e-mail...) that has happened.

    Written in the same transaction that records the effect (``run_once``), so a
    task that runs again after its worker died finds it and does not repeat it.
    """

    key = models.CharField(_("key"), max_length=200, unique=True)
    task = models.CharField(_("task"), max_length=200)
    done_at = models.DateTimeField(_("done at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("task effect")
        verbose_name_plural = _("task effects")

    def __str__(self) -> str:
        return self.key


class CacheFallbackEntry(models.Model):
    """A row of Django's DatabaseCache (the schema ``createcachetable`` makes), kept
    as a model so a migration creates it everywhere. Holds only the rate-limit
    counters, and only while Redis does not answer."""

    cache_key = models.CharField(max_length=255, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "puente_ops_cache_fallback"
        verbose_name = _("rate-limit counter (fallback)")
        verbose_name_plural = _("rate-limit counters (fallback)")

    def __str__(self) -> str:
        return self.cache_key
