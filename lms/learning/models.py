"""Learning records: enrollments, lesson progress and quiz attempts.

Written only by ``lms.learning.services``; read by lms views, template tags and, through
services, by certificates. Records point at pages by id, so they hold whatever
language the learner reads.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Enrollment(models.Model):
    """A learner's enrollment in one course, per certification cycle.

    ``cycle`` starts at 1; a later recertification opens a new cycle rather than
    overwriting this one. Leaving keeps the row (``left_at``) and its progress.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="enrollments",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="enrollments",
    )
    cycle = models.PositiveSmallIntegerField(_("cycle"), default=1)
    enrolled_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    content_note_acknowledged_at = models.DateTimeField(
        _("content note acknowledged at"), null=True, blank=True
    )
    last_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("last page visited"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course", "cycle"],
                name="lms_enrollment_unique_user_course_cycle",
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.course_id} · {self.cycle}"

    @property
    def is_active(self) -> bool:
        return self.left_at is None

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class LessonProgress(models.Model):
    """A lesson the learner marked complete, whatever language they read it in."""

    enrollment = models.ForeignKey(
        Enrollment,
        verbose_name=_("enrollment"),
        on_delete=models.CASCADE,
        related_name="lesson_progress",
    )
    lesson = models.ForeignKey(
        "courses.LessonPage",
        verbose_name=_("lesson"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "lesson"],
                name="lms_lessonprogress_unique_enrollment_lesson",
            )
        ]

    def __str__(self):
        return f"{self.enrollment_id} · {self.lesson_id}"


class AttemptStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    GRADED = "graded", _("Graded")


class QuizAttempt(models.Model):
    """One attempt at a quiz: the questions drawn for it, the answers, the grade.

    ``questions`` is ``[{"id": question_id, "choices": [choice_id, ...]}, ...]`` in
    the order the learner sees them; ``answers`` is ``{"question_id": [choice_id]}``.
    Both are ids only, so the attempt reads the same in every language.
    """

    enrollment = models.ForeignKey(
        Enrollment,
        verbose_name=_("enrollment"),
        on_delete=models.CASCADE,
        related_name="attempts",
    )
    quiz = models.ForeignKey(
        "courses.QuizPage",
        verbose_name=_("quiz"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AttemptStatus.choices,
        default=AttemptStatus.IN_PROGRESS,
    )
    questions = models.JSONField(_("questions"), default=list)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    score = models.DecimalField(
        _("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(_("passed"), default=False)
    late = models.BooleanField(
        _("submitted late"),
        default=False,
        help_text=_("Submitted after the time limit (and its grace period) ran out."),
    )

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["enrollment", "quiz", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "quiz", "number"],
                name="lms_quizattempt_unique_number",
            ),
            models.UniqueConstraint(
                fields=["enrollment", "quiz"],
                condition=models.Q(status="in_progress"),
                name="lms_quizattempt_one_in_progress",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.quiz_id} · {self.number}"

    @property
    def is_graded(self) -> bool:
        return self.status == AttemptStatus.GRADED

    @property
    def question_ids(self) -> list[int]:
        return [entry["id"] for entry in self.questions]
