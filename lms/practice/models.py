"""Practice records: every round a learner plays and every move made in it.

Written only by ``lms.practice.services``; read by its debrief, the learning progress
(a required practice is done when a finished round met the author's rule) and the
reports. Moves keep the node key, the option id and the kind as they were when made,
so a round reads the same after the author edits the graph. ``lms`` app label.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.practice import MoveClass, MoveKind


class PracticeRound(models.Model):
    """One play of a practice, from its start node to an ending.

    The figures are written when the round reaches an ending (``finished_at``):
    how many moves, how many recommended, weak and harmful, the share recommended,
    and whether the round met the practice's completion rule then.
    """

    enrollment = models.ForeignKey(
        "lms.Enrollment",
        verbose_name=_("enrollment"),
        on_delete=models.CASCADE,
        related_name="practice_rounds",
    )
    practice = models.ForeignKey(
        "courses.InterviewPracticePage",
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    number = models.PositiveSmallIntegerField(_("round number"))
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    current_key = models.CharField(_("current node"), max_length=40)
    ending_key = models.CharField(_("ending node"), max_length=40, blank=True)
    moves_count = models.PositiveSmallIntegerField(_("moves"), default=0)
    recommended_count = models.PositiveSmallIntegerField(
        _("recommended moves"), default=0
    )
    weak_count = models.PositiveSmallIntegerField(_("weak moves"), default=0)
    harmful_count = models.PositiveSmallIntegerField(_("harmful moves"), default=0)
    recommended_percent = models.PositiveSmallIntegerField(
        _("recommended moves (%)"), null=True, blank=True
    )
    met_rule = models.BooleanField(_("met the completion rule"), default=False)

    class Meta:
        verbose_name = _("practice round")
        verbose_name_plural = _("practice rounds")
        ordering = ["enrollment", "practice", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "practice", "number"],
                name="lms_practiceround_unique_number",
            ),
            models.UniqueConstraint(
                fields=["enrollment", "practice"],
                condition=models.Q(finished_at__isnull=True),
                name="lms_practiceround_one_in_progress",
            ),
        ]

    def __str__(self):
        return f"{self.enrollment_id} · {self.practice_id} · {self.number}"

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None


class ClassifiedBy(models.TextChoices):
    AUTHOR = "author", _("the author (an option picked)")
    RULE = "rule", _("the classifier's rules (a question typed)")


class PracticeMove(models.Model):
    """One move: an option picked, or a question typed and classified.

    ``option`` is the option picked or, for a typed question, the option whose
    branch the conversation followed; ``rule`` and ``cue`` say why the classifier
    chose the kind (``lms.practice.classifier``), in any language.
    """

    round = models.ForeignKey(
        PracticeRound,
        verbose_name=_("round"),
        on_delete=models.CASCADE,
        related_name="moves",
    )
    number = models.PositiveSmallIntegerField(_("move number"))
    node_key = models.CharField(_("node"), max_length=40)
    option = models.ForeignKey(
        "courses.PracticeOption",
        verbose_name=_("option"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    typed_text = models.TextField(_("typed question"), blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=MoveKind.choices)
    move_class = models.CharField(
        _("counts as"), max_length=20, choices=MoveClass.choices
    )
    classified_by = models.CharField(
        _("classified by"), max_length=10, choices=ClassifiedBy.choices
    )
    rule = models.CharField(_("classifier rule"), max_length=40, blank=True)
    cue = models.CharField(_("classifier cue"), max_length=100, blank=True)
    next_key = models.CharField(_("led to"), max_length=40)
    made_at = models.DateTimeField(_("made at"), default=timezone.now)

    class Meta:
        verbose_name = _("practice move")
        verbose_name_plural = _("practice moves")
        ordering = ["round", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "number"], name="lms_practicemove_unique_number"
            )
        ]

    def __str__(self):
        return f"{self.round_id} · {self.number} · {self.kind}"

    @property
    def is_typed(self) -> bool:
        return self.classified_by == ClassifiedBy.RULE
