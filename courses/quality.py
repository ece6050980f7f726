"""Quality rules for course content, on plain data: quizzes, duplicates, objectives.

Plain data has the shape of fixtures/courses/ (SCHEMA.md): a course dict with
``modules``, each with ``items`` (lessons and quizzes, each with a ``file`` id and a
``label``). The fixture checker, the demo-content tests and the admin quality report
(through ``courses.content_data``) all judge content with these functions.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from courses.findings import Finding, problem, warning
from courses.hours import (
    LANGUAGES,
    TOLERANCE,
    HoursEstimate,
    estimate_course_hours,
    in_language,
    plain_text,
    questions_shown,
)
from courses.objectives import objective_findings

MODULE_POOL_FACTOR = 2  # module quiz pool ≥ 2 × draw
FINAL_POOL_FACTOR = 3  # final assessment pool ≥ 3 × draw
FINAL_MIN_POOL = 45
MODULE_MIN_COOLDOWN = 10  # minutes
FINAL_MIN_COOLDOWN = 60
MAX_LONGEST_CORRECT_SHARE = 1 / 3
OPTION_RATIO_TARGET = 1.6  # longest option ≤ 1.6 × shortest (a warning)
DUPLICATE_THRESHOLD = 0.25  # token Jaccard of question + correct option
SIMILAR_THRESHOLD = 0.20  # shown as a warning: read the pair
# Words that say nothing about a question's point, dropped before comparing.
STOPWORDS = frozenset(
    re.findall(
        r"\S+",
        "a an and are as at be by can do does for from has have he her his how if "
        "in is it its not of on or she should so than that the their them they this "
        "to was what when which who why will with would you your al como con cual "
        "de del el en es esta este la las le lo los más no o para por que qué se si "
        "su sus un una usted y",
    )
)


# Quizzes --------------------------------------------------------------------------


def option_length(choice: dict, language: str) -> int:
    return len(plain_text(in_language(choice.get("text"), language)))


def is_final(quiz: dict) -> bool:
    return bool(quiz.get("final"))


@dataclass
class QuizStats:
    """What a trainer needs to judge one quiz (one row of the quality report)."""

    quiz: dict
    module: int
    pool: int
    draw: int | None
    shown: int
    single: int = 0
    longest_correct: dict[str, int] = field(default_factory=dict)
    max_ratio: dict[str, float] = field(default_factory=dict)
    without_feedback: int = 0
    without_explanation: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.quiz.get("label") or self.quiz.get("file", "")

    @property
    def final(self) -> bool:
        return is_final(self.quiz)

    @property
    def max_attempts(self) -> int | None:
        return self.quiz.get("max_attempts")

    @property
    def cooldown(self) -> int:
        return self.quiz.get("cooldown_minutes") or 0

    @property
    def longest_correct_share(self) -> float:
        """The worse language's share of single-choice questions whose correct
        option is the (strictly) longest."""
        if not self.single:
            return 0.0
        return max(self.longest_correct.values(), default=0) / self.single


def quiz_stats(quiz: dict, module: int, languages) -> QuizStats:
    questions = quiz.get("questions") or []
    stats = QuizStats(
        quiz=quiz,
        module=module,
        pool=len(questions),
        draw=quiz.get("draw"),
        shown=questions_shown(quiz),
        longest_correct=dict.fromkeys(languages, 0),
        max_ratio=dict.fromkeys(languages, 0.0),
    )
    where = stats.label
    for number, question in enumerate(questions):
        _question_stats(stats, question, f"{where} questions[{number}]", languages)
    stats.findings[:0] = _quiz_rules(stats, where, languages)
    return stats


def _question_stats(stats, question: dict, where: str, languages) -> None:
    choices = question.get("choices") or []
    for code in languages:
        if not plain_text(in_language(question.get("explanation"), code)):
            stats.without_explanation += 1
            stats.findings.append(
                problem(
                    "explanation",
                    where,
                    _("no explanation in %(lang)s") % {"lang": code},
                )
            )
            break
    if any(
        not plain_text(in_language(c.get("feedback"), code))
        for c in choices
        for code in languages
    ):
        stats.without_feedback += 1
        stats.findings.append(
            problem("feedback", where, _("a choice has no feedback in every language"))
        )
    kind = question.get("kind", "single")
    if kind == "true_false" or len(choices) < 2:
        return
    if kind == "single":
        stats.single += 1
    for code in languages:
        lengths = [option_length(c, code) for c in choices]
        if min(lengths):
            ratio = max(lengths) / min(lengths)
            stats.max_ratio[code] = max(stats.max_ratio[code], ratio)
            if ratio > OPTION_RATIO_TARGET:
                stats.findings.append(
                    warning(
                        "option-ratio",
                        f"{where} ({code})",
                        _("longest option is %(ratio).1f × the shortest")
                        % {"ratio": ratio},
                    )
                )
        if kind == "single":
            correct = [n for n, c in enumerate(choices) if c.get("correct")]
            others = [n for n in range(len(choices)) if n not in correct]
            if correct and others:
                mine = lengths[correct[0]]
                if mine > max(lengths[n] for n in others):
                    stats.longest_correct[code] += 1


def _quiz_rules(stats: QuizStats, where: str, languages) -> list[Finding]:
    found = []
    factor, cooldown = (
        (FINAL_POOL_FACTOR, FINAL_MIN_COOLDOWN)
        if stats.final
        else (MODULE_POOL_FACTOR, MODULE_MIN_COOLDOWN)
    )
    if not stats.draw:
        found.append(problem("draw", where, _("no draw: every question is asked")))
    elif stats.pool < factor * stats.draw:
        found.append(
            problem(
                "pool",
                where,
                _("pool of %(pool)s for a draw of %(draw)s (needs %(factor)s×)")
                % {"pool": stats.pool, "draw": stats.draw, "factor": factor},
            )
        )
    if stats.final and stats.pool < FINAL_MIN_POOL:
        found.append(
            problem(
                "pool",
                where,
                _("final assessment pool of %(pool)s (needs at least %(min)s)")
                % {"pool": stats.pool, "min": FINAL_MIN_POOL},
            )
        )
    if not stats.max_attempts:
        found.append(problem("attempts", where, _("unlimited attempts")))
    if stats.cooldown < cooldown:
        found.append(
            problem(
                "cooldown",
                where,
                _("cooldown of %(minutes)s min (needs at least %(min)s)")
                % {"minutes": stats.cooldown, "min": cooldown},
            )
        )
    for code in languages:
        count = stats.longest_correct.get(code, 0)
        if stats.single and count / stats.single > MAX_LONGEST_CORRECT_SHARE:
            found.append(
                problem(
                    "longest-correct",
                    f"{where} ({code})",
                    _(
                        "the correct option is the longest in %(count)s of "
                        "%(total)s single-choice questions (at most a third)"
                    )
                    % {"count": count, "total": stats.single},
                )
            )
    return found


# Near-duplicates ----------------------------------------------------------------


def tokens(text: str) -> set[str]:
    text = unicodedata.normalize("NFKD", plain_text(text).lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return {t for t in re.findall(r"[a-z0-9]+", text) if t not in STOPWORDS}


def question_tokens(question: dict, language: str) -> set[str]:
    """Question text and correct option(s): the scenario and the point it makes."""
    parts = [in_language(question.get("text"), language) or ""]
    parts += [
        in_language(c.get("text"), language) or ""
        for c in question.get("choices") or []
        if c.get("correct")
    ]
    return set().union(*(tokens(p) for p in parts))


def similarity(first: dict, second: dict, languages) -> float:
    """Mean over languages of the token Jaccard of question + correct option."""
    scores = []
    for code in languages:
        a, b = question_tokens(first, code), question_tokens(second, code)
        if a and b:
            scores.append(len(a & b) / len(a | b))
    return sum(scores) / len(scores) if scores else 0.0


@dataclass(frozen=True)
class SimilarPair:
    first: str
    second: str
    score: float
    first_text: str
    second_text: str


def similar_questions(course: dict, threshold: float = SIMILAR_THRESHOLD):
    """Pairs of questions in any quizzes of the course at or above ``threshold``."""
    languages = course_languages(course)
    entries = [
        (f"{quiz.get('label') or quiz.get('file')} questions[{n}]", question)
        for quiz in course_quizzes(course)
        for n, question in enumerate(quiz.get("questions") or [])
    ]
    pairs = []
    for (a_where, a), (b_where, b) in itertools.combinations(entries, 2):
        score = similarity(a, b, languages)
        if score >= threshold:
            pairs.append(
                SimilarPair(
                    a_where,
                    b_where,
                    score,
                    plain_text(in_language(a.get("text"), languages[0])),
                    plain_text(in_language(b.get("text"), languages[0])),
                )
            )
    return sorted(pairs, key=lambda p: -p.score)


# Course-wide --------------------------------------------------------------------


def course_languages(course: dict) -> list[str]:
    offered = course.get("languages") or ["en"]
    return [code for code in LANGUAGES if code in offered]


def course_items(course: dict, kind: str):
    for module in course.get("modules") or []:
        for item in module.get("items") or []:
            if item.get("type") == kind:
                yield item


def course_quizzes(course: dict) -> list[dict]:
    return list(course_items(course, "quiz"))


@dataclass
class CourseReport:
    course: dict
    hours: HoursEstimate
    quizzes: list[QuizStats]
    similar: list[SimilarPair]
    findings: list[Finding]

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "problem"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "warning"]

    @property
    def duplicates(self) -> list[SimilarPair]:
        return [p for p in self.similar if p.score >= DUPLICATE_THRESHOLD]


def check_course(course: dict, *, strict: bool = True) -> CourseReport:
    """Every rule over one course's plain data (``strict``: see objective_findings)."""
    languages = course_languages(course)
    quizzes = [
        quiz_stats(item, number, languages)
        for number, module in enumerate(course.get("modules") or [], start=1)
        for item in module.get("items") or []
        if item.get("type") == "quiz"
    ]
    hours = estimate_course_hours(course)
    similar = similar_questions(course)
    findings = [f for stats in quizzes for f in stats.findings]
    findings += [
        problem(
            "duplicate",
            pair.first,
            _("near-duplicate of %(other)s (%(score).2f)")
            % {"other": pair.second, "score": pair.score},
        )
        if pair.score >= DUPLICATE_THRESHOLD
        else warning(
            "similar",
            pair.first,
            _("similar to %(other)s (%(score).2f): read both")
            % {"other": pair.second, "score": pair.score},
        )
        for pair in similar
    ]
    findings += hours_findings(course, hours)
    findings += objective_findings(course, strict=strict)
    return CourseReport(course, hours, quizzes, similar, findings)


def hours_findings(course: dict, hours: HoursEstimate) -> list[Finding]:
    if hours.within_tolerance:
        return []
    return [
        problem(
            "hours",
            course.get("label") or course.get("key", ""),
            _(
                "declares %(declared)s h; the content takes about %(estimate).1f h "
                "(%(difference)+.0f %%, more than ±%(tolerance).0f %%)"
            )
            % {
                "declared": hours.declared,
                "estimate": hours.hours,
                "difference": (hours.difference or 0) * 100,
                "tolerance": TOLERANCE * 100,
            },
        )
    ]
