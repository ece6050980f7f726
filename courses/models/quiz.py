"""Quizzes: settings on the page, questions and choices as ordered child models.

Questions and choices keep one id whichever language is read, so attempts and
statistics (in lms) refer to them directly. Grading reads the key with
``courses.services.get_quiz_key``; templates never see correctness data.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page

from courses.app_settings import default_pass_mark, unlimited_quiz_min_cooldown
from courses.forms import QuizPageForm
from courses.models.base import LearnerPreviewMixin
from courses.models.lesson import CourseItemMixin, LessonPage
from courses.panels import (
    CourseLessonsPanel,
    TranslatedFieldPanel,
    translated_promote_panels,
    translated_title_panels,
)
from courses.serving import CachedViewRestrictionsMixin


class RevealPolicy(models.TextChoices):
    NEVER = "never", _("Never")
    AFTER_PASS = "after_pass", _("After the learner passes")
    AFTER_LAST_ATTEMPT = "after_last_attempt", _("After the learner's last attempt")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple select")
    TRUE_FALSE = "true_false", _("True or false")


class QuizPage(CachedViewRestrictionsMixin, CourseItemMixin, LearnerPreviewMixin, Page):
    """A graded quiz: a module quiz or a course's final assessment."""

    intro = models.TextField(_("introduction"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=default_pass_mark,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for unlimited attempts."),
    )
    cooldown_minutes = models.PositiveIntegerField(
        _("cooldown between attempts (minutes)"), default=0
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no time limit."),
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=True)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=True)
    draw_count = models.PositiveSmallIntegerField(
        _("questions drawn per attempt"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty to ask every question in every attempt."),
    )
    reveal_policy = models.CharField(
        _("show correct answers"),
        max_length=20,
        choices=RevealPolicy.choices,
        default=RevealPolicy.AFTER_PASS,
    )
    required_for_completion = models.BooleanField(
        _("required to complete the course"), default=True
    )

    content_panels = [
        *translated_title_panels(),
        TranslatedFieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("max_attempts")]),
                FieldRowPanel(
                    [FieldPanel("cooldown_minutes"), FieldPanel("time_limit_minutes")]
                ),
                FieldRowPanel(
                    [FieldPanel("shuffle_questions"), FieldPanel("shuffle_choices")]
                ),
                FieldRowPanel([FieldPanel("draw_count"), FieldPanel("reveal_policy")]),
                FieldPanel("required_for_completion"),
            ],
            heading=_("Quiz settings"),
        ),
        InlinePanel("questions", heading=_("Questions"), label=_("Question")),
    ]
    promote_panels = translated_promote_panels()
    base_form_class = QuizPageForm
    parent_page_types = ["courses.ModulePage"]
    subpage_types = []
    template = "courses/quiz_page.html"

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Only editors previewing in Wagtail see the questions before an attempt: a
        # learner reading the page would otherwise see a pool quiz's whole pool.
        # Text only: correctness, feedback and explanations never reach a template.
        if getattr(request, "is_preview", False):
            context["questions"] = self.questions.prefetch_related("choices")
        return context

    @staticmethod
    def repetition_problem(
        max_attempts: int | None,
        cooldown_minutes: int | None,
        draw_count: int | None,
        question_count: int,
    ) -> str | None:
        """Why a quiz set like this cannot be published, or None.

        With unlimited attempts, no cooldown and every question asked each time,
        its answer key can be worked out from the results of repeated attempts
        (docs/security.md, "Quiz integrity"); a cooldown of at least
        ``PUENTE_UNLIMITED_QUIZ_MIN_COOLDOWN_MINUTES`` or a pool larger than what
        each attempt draws is required. Checked by the admin form at publish.
        """
        if max_attempts:
            return None
        minutes = unlimited_quiz_min_cooldown()
        if (cooldown_minutes or 0) >= minutes:
            return None
        if draw_count and draw_count < question_count:
            return None
        return _(
            "With unlimited attempts, set a cooldown of at least %(minutes)s minutes "
            "between attempts or draw fewer questions per attempt than the quiz "
            "holds (or limit the attempts): otherwise its answers can be worked out "
            "from the results of repeated attempts."
        ) % {"minutes": minutes}

    @property
    def questions_per_attempt(self) -> int:
        count = len(self.questions.all())
        return min(self.draw_count, count) if self.draw_count else count


class Question(ClusterableModel, Orderable):
    quiz = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=QuestionKind.choices,
        default=QuestionKind.SINGLE,
    )
    text = models.TextField(_("question text"))
    explanation = models.TextField(
        _("explanation"),
        blank=True,
        help_text=_(
            "Why the right answer is right; shown as the reveal policy allows."
        ),
    )
    points = models.PositiveSmallIntegerField(
        _("points"), default=1, validators=[MinValueValidator(1)]
    )
    objective_keys = models.CharField(
        _("objectives assessed"),
        max_length=255,
        blank=True,
        default="",
        db_default="",  # added after the first release: old INSERTs omit it
        help_text=_(
            "Keys of the module objectives this question assesses, separated by "
            "commas, e.g. vc-m1-1, vc-m1-2."
        ),
    )
    lessons = ParentalManyToManyField(
        "courses.LessonPage",
        verbose_name=_("lessons that teach it"),
        blank=True,
        related_name="assessing_questions",
        help_text=_(
            "Offered to a learner who missed the question. None chosen: the "
            "module's lessons."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("points")]),
        TranslatedFieldPanel("text"),
        TranslatedFieldPanel("explanation"),
        InlinePanel("choices", heading=_("Choices"), label=_("Choice"), min_num=2),
        FieldPanel("objective_keys"),
        CourseLessonsPanel("lessons"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text

    def get_teaching_lessons(self) -> list:
        """The live lessons that teach what this question assesses: the ones chosen,
        or else every lesson of the quiz's module (for a learner who missed it)."""
        chosen = [lesson for lesson in self.lessons.all() if lesson.live]
        if chosen:
            return sorted(chosen, key=lambda lesson: lesson.path)
        return list(
            LessonPage.objects.child_of(self.quiz.get_parent()).live().order_by("path")
        )


class Choice(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.TextField(_("choice text"))
    is_correct = models.BooleanField(_("correct"), default=False)
    feedback = models.TextField(
        _("feedback"),
        blank=True,
        help_text=_("Why this choice is or is not right; teaches without the key."),
    )

    panels = [
        TranslatedFieldPanel("text"),
        FieldPanel("is_correct"),
        TranslatedFieldPanel("feedback"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return self.text
