"""Learning objectives on plain course data: keys, coverage and what assesses them.

Course objectives are covered by module objectives, module objectives are assessed
by quiz questions, and questions name the lessons that teach them (SCHEMA.md).
Called by ``courses.quality.check_course``; the importer reads keys with
``objective_entries``, which also accepts the old format (a bare T).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from courses.findings import Finding, problem, warning
from courses.hours import in_language, is_translated, plain_text

MODULE_OBJECTIVES = (2, 4)
UNOBSERVABLE_STARTS = {
    "en": ("know ", "understand", "treat ", "be aware", "appreciate", "learn "),
    "es": ("conocer", "saber ", "comprender", "entender", "tratar", "estar consciente"),
}


def objective_entries(objectives) -> list[dict]:
    """``[{"key": str | None, "text": T, "course_objectives": [...]}, ...]``."""
    entries = []
    for item in objectives or []:
        if is_translated(item) or isinstance(item, str):
            entries.append({"key": None, "text": item, "course_objectives": []})
        else:
            entries.append(
                {
                    "key": item.get("key") or None,
                    "text": item.get("text"),
                    "course_objectives": list(item.get("course_objectives") or []),
                }
            )
    return entries


def _label(course: dict) -> str:
    return course.get("label") or course.get("key", "")


def _verb_findings(entry: dict, where: str) -> list[Finding]:
    found = []
    for code, starts in UNOBSERVABLE_STARTS.items():
        text = plain_text(in_language(entry["text"], code)).lower()
        if text.startswith(starts):
            found.append(
                problem(
                    "objective-verb",
                    f"{where}.text.{code}",
                    _("not observable: start with a verb a person can be seen doing"),
                )
            )
    return found


def course_objective_findings(course: dict, strict: bool) -> list[Finding]:
    where = f"{_label(course)} objectives"
    found = []
    for number, entry in enumerate(objective_entries(course.get("objectives"))):
        if entry["key"] is None and strict:
            found.append(
                problem(
                    "objective-key",
                    f"{where}[{number}]",
                    _("old format: give the objective a key"),
                )
            )
        found += _verb_findings(entry, f"{where}[{number}]")
    return found


def module_objective_findings(course: dict, strict: bool) -> list[Finding]:
    course_keys = {
        e["key"] for e in objective_entries(course.get("objectives")) if e["key"]
    }
    covered: set[str] = set()
    found = []
    for number, module in enumerate(course.get("modules") or [], start=1):
        where = f"{_label(course)} modules[{number - 1}].objectives"
        entries = objective_entries(module.get("objectives"))
        low, high = MODULE_OBJECTIVES
        if strict and not low <= len(entries) <= high:
            found.append(
                problem(
                    "module-objectives",
                    where,
                    _("%(count)s module objectives (write %(low)s to %(high)s)")
                    % {"count": len(entries), "low": low, "high": high},
                )
            )
        for index, entry in enumerate(entries):
            found += _verb_findings(entry, f"{where}[{index}]")
            if entry["key"] is None:
                found.append(problem("objective-key", f"{where}[{index}]", _("no key")))
            for key in entry["course_objectives"]:
                if key in course_keys:
                    covered.add(key)
                else:
                    found.append(
                        problem(
                            "objective-ref",
                            f"{where}[{index}].course_objectives",
                            _("no course objective %(key)s") % {"key": key},
                        )
                    )
            if strict and not entry["course_objectives"]:
                found.append(
                    problem(
                        "objective-ref",
                        f"{where}[{index}]",
                        _("names no course objective"),
                    )
                )
    for key in sorted(course_keys - covered):
        found.append(
            problem(
                "objective-uncovered",
                f"{_label(course)} objectives",
                _("course objective %(key)s is in no module objective") % {"key": key},
            )
        )
    return found


def module_objective_keys(course: dict) -> dict[str, int]:
    """``{module objective key: module number}`` (1-based)."""
    return {
        entry["key"]: number
        for number, module in enumerate(course.get("modules") or [], start=1)
        for entry in objective_entries(module.get("objectives"))
        if entry["key"]
    }


def question_findings(course: dict, strict: bool) -> list[Finding]:
    """What each question (or practice) assesses and where it is taught; what
    nothing assesses."""
    keys = module_objective_keys(course)
    lessons = {
        item.get("file")
        for module in course.get("modules") or []
        for item in module.get("items") or []
        if item.get("type") == "lesson"
    }
    assessed: set[str] = set()
    found = []
    for number, module in enumerate(course.get("modules") or [], start=1):
        for quiz in module.get("items") or []:
            if quiz.get("type") == "practice":  # an interview practice assesses too
                assessed.update(quiz.get("objectives") or [])
                found += _unknown_keys(quiz, keys)
            if quiz.get("type") != "quiz":
                continue
            label = quiz.get("label") or quiz.get("file")
            for index, question in enumerate(quiz.get("questions") or []):
                where = f"{label} questions[{index}]"
                found += _one_question(
                    question, where, keys, lessons, quiz, number, strict
                )
                assessed.update(question.get("objectives") or [])
                if strict and not question.get("lessons"):
                    found.append(
                        problem("question-lessons", where, _("names no lesson"))
                    )
    if keys and (strict or assessed):
        for key, number in keys.items():
            if key not in assessed:
                found.append(
                    problem(
                        "objective-unassessed",
                        f"{_label(course)} modules[{number - 1}].objectives",
                        _("module objective %(key)s is assessed by no question")
                        % {"key": key},
                    )
                )
    return found


def _unknown_keys(item: dict, keys: dict) -> list[Finding]:
    label = item.get("label") or item.get("file")
    return [
        problem(
            "objective-ref",
            f"{label} objectives",
            _("no module objective %(key)s") % {"key": key},
        )
        for key in item.get("objectives") or []
        if key not in keys
    ]


def _one_question(question, where, keys, lessons, quiz, module_number, strict):
    found = []
    named = question.get("objectives") or []
    if not named and (keys or strict):
        found.append(
            problem("question-objectives", where, _("assesses no module objective"))
        )
    for key in named:
        if key not in keys:
            found.append(
                problem(
                    "objective-ref",
                    f"{where}.objectives",
                    _("no module objective %(key)s") % {"key": key},
                )
            )
        elif not quiz.get("final") and keys[key] != module_number:
            found.append(
                warning(
                    "objective-module",
                    f"{where}.objectives",
                    _("%(key)s belongs to another module") % {"key": key},
                )
            )
    for name in question.get("lessons") or []:
        if name not in lessons:
            found.append(
                problem(
                    "lesson-ref",
                    f"{where}.lessons",
                    _("no lesson %(name)s in this course") % {"name": name},
                )
            )
    return found


def objective_findings(course: dict, *, strict: bool = True) -> list[Finding]:
    """``strict`` (fixtures): every rule of CONTENT.md; otherwise (the admin, where
    editors may not use keys) only what keyed objectives make checkable."""
    return [
        *course_objective_findings(course, strict),
        *module_objective_findings(course, strict),
        *question_findings(course, strict),
    ]
