"""The demo courses judged against the rules of the curriculum plan, without a DB.

``check_demo_course`` adds to ``courses.quality.check_course`` what only fixtures
can show (JSON paths of one-language fields, unreadable files, lesson durations);
``describe`` prints it for ``manage.py check_demo_content``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from courses.findings import Finding, one_language_fields, problem, warning
from courses.hours import (
    LANGUAGES,
    READING_WPM,
    expected_duration_minutes,
    lesson_words,
)
from courses.quality import (
    DUPLICATE_THRESHOLD,
    CourseReport,
    check_course,
    course_items,
)
from lms.demo.fixture_reader import FixtureError, read_course, read_json

REQUIRED_LANGUAGES = ["en", "es"]
DURATION_SLACK = 5  # minutes a lesson's declared duration may differ from its words


@dataclass
class DemoCourseCheck:
    folder: Path
    course: dict
    report: CourseReport | None
    fixture_findings: list[Finding] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        own = self.report.findings if self.report else []
        return [*self.fixture_findings, *own]

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "problem"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "warning"]

    def words(self, language: str) -> int:
        return sum(lesson_words(item, language) for item in self.lessons)

    @property
    def lessons(self) -> list[dict]:
        return list(course_items(self.course, "lesson"))


def check_demo_course(folder: Path, media_root: Path) -> DemoCourseCheck:
    try:
        course = read_course(folder, media_root)
    except FixtureError as error:
        return DemoCourseCheck(
            folder, {}, None, [problem("read", folder.name, str(error))]
        )
    check = DemoCourseCheck(folder, course, check_course(course))
    check.fixture_findings = [
        *(problem("read", folder.name, message) for message in course["read_errors"]),
        *language_findings(folder, course, media_root),
        *duration_findings(course),
    ]
    return check


def language_findings(folder: Path, course: dict, media_root: Path) -> list[Finding]:
    """Both languages offered, and every T written in both (JSON paths)."""
    found = []
    if sorted(course.get("languages") or []) != REQUIRED_LANGUAGES:
        found.append(
            problem("languages", course["label"], "languages must be ['en', 'es']")
        )
    files = [("course.json", folder / "course.json")]
    files += [
        (item["file"], folder / item["file"])
        for module in course["modules"]
        for item in module["items"]
    ]
    for name, path in files:
        raw = read_json(path)
        found += _one_language(f"{folder.name}/{name}", raw)
        for block in raw.get("body") or []:
            if block.get("type") == "video" and "value_file" in block:
                relative = block["value_file"]
                try:
                    found += _one_language(
                        f"assets/{relative}", read_json(media_root / relative)
                    )
                except FixtureError as error:
                    found.append(problem("read", f"{folder.name}/{name}", str(error)))
    return found


def _one_language(label: str, raw: dict) -> list[Finding]:
    names = {"en": "English", "es": "Spanish"}
    return [
        problem("one-language", f"{label} {path}", f"no {names[code]} text")
        for path, code in one_language_fields(raw, "", LANGUAGES)
    ]


def duration_findings(course: dict) -> list[Finding]:
    found = []
    for lesson in course_items(course, "lesson"):
        expected = expected_duration_minutes(lesson, LANGUAGES)
        declared = lesson.get("duration_minutes") or 0
        if abs(declared - expected) > DURATION_SLACK:
            found.append(
                warning(
                    "duration",
                    lesson["label"],
                    f"duration_minutes {declared}; its words and video take "
                    f"about {expected}",
                )
            )
    return found


# Printing ---------------------------------------------------------------------


def describe(check: DemoCourseCheck, *, warnings: bool = True) -> list[str]:
    """The checker's report on one course, as lines of text (English)."""
    course, report = check.course, check.report
    title = (course.get("title") or {}).get("en", "") if course else ""
    lines = [f"== {check.folder.name}: {title}"]
    if report is None:
        return [*lines, *(f"  PROBLEM {f}" for f in check.problems)]
    words = ", ".join(f"{code} {check.words(code):,}" for code in LANGUAGES)
    lines.append(f"  lessons {len(check.lessons)}; words {words}")
    lines += _hours_lines(report)
    lines.append("  quizzes:")
    for stats in report.quizzes:
        ratio = max(stats.max_ratio.values(), default=0)
        longest = "/".join(
            str(stats.longest_correct.get(code, 0)) for code in stats.longest_correct
        )
        lines.append(
            f"    {stats.label:<46} pool {stats.pool:>3} draw "
            f"{stats.draw or '-':>3} | attempts {stats.max_attempts or '∞'} "
            f"cooldown {stats.cooldown} min | longest-correct {longest} of "
            f"{stats.single} single ({stats.longest_correct_share:.0%}) | "
            f"max option ratio {ratio:.1f} | no feedback {stats.without_feedback}, "
            f"no explanation {stats.without_explanation}"
        )
    duplicates = report.duplicates
    lines.append(
        f"  near-duplicates (Jaccard ≥ {DUPLICATE_THRESHOLD}): {len(duplicates)}"
    )
    for pair in duplicates:
        lines.append(f"    {pair.score:.2f} {pair.first} ~ {pair.second}")
        lines.append(f"         “{pair.first_text[:90]}”")
        lines.append(f"         “{pair.second_text[:90]}”")
    problems = check.problems
    counts = _counts_by_code(problems)
    lines.append(f"  problems: {len(problems)} ({counts})")
    lines += [f"  PROBLEM {finding}" for finding in problems]
    if warnings:
        lines += [f"  warning {finding}" for finding in check.warnings]
    return lines


def _hours_lines(report: CourseReport) -> list[str]:
    hours = report.hours
    parts = "; ".join(
        f"{code}: {e.words:,} words ÷ {READING_WPM[code]} = {e.reading_minutes:.0f} "
        f"min + video {e.video_minutes:.1f} + {e.questions} questions "
        f"{e.quiz_minutes:.0f} + practice {e.practice_minutes:.0f} = {e.hours:.2f} h"
        for code, e in hours.by_language.items()
    )
    difference = hours.difference
    verdict = "ok" if hours.within_tolerance else "OUT OF BAND"
    return [
        f"  hours: declared {hours.declared} | estimated {hours.hours:.2f} "
        f"(≈ {hours.rounded_hours}) | difference "
        f"{(difference or 0) * 100:+.0f} % {verdict}",
        f"    {parts}",
    ]


def _counts_by_code(findings: list[Finding]) -> str:
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.code] = counts.get(finding.code, 0) + 1
    return ", ".join(f"{code} {n}" for code, n in sorted(counts.items()))
