"""A learner's practice rounds in their data download, and their typed questions
removed when the account is deleted (the rounds' figures stay, anonymous, as quiz
attempts do). Registered under ``lms.hooks.PERSONAL_DATA`` and ``ACCOUNT_DELETED``
by ``lms.wagtail_hooks``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from courses.practice import MoveKind
from lms.accounts.privacy.export import PersonalDataSection
from lms.models import PracticeMove, PracticeRound


def practice_personal_data(user) -> list[PersonalDataSection]:
    """Two queries: the rounds, then every move with its option's text."""
    rounds = list(
        PracticeRound.objects.filter(enrollment__user=user)
        .select_related("practice")
        .order_by("started_at", "pk")
    )
    moves = (
        PracticeMove.objects.filter(round__enrollment__user=user)
        .select_related("option")
        .order_by("round_id", "number")
    )
    return [
        PersonalDataSection(
            "practice_rounds",
            _("Interview practice rounds"),
            [
                ("round", _("Round")),
                ("practice", _("Practice")),
                ("number", _("Round number")),
                ("started_at", _("Started at")),
                ("finished_at", _("Finished at")),
                ("recommended_percent", _("Recommended moves (%)")),
                ("met_rule", _("Met the completion rule")),
            ],
            [
                {
                    "round": r.pk,
                    "practice": str(r.practice.title),
                    "number": r.number,
                    "started_at": r.started_at,
                    "finished_at": r.finished_at,
                    "recommended_percent": r.recommended_percent,
                    "met_rule": r.met_rule,
                }
                for r in rounds
            ],
            order=35,
        ),
        PersonalDataSection(
            "practice_moves",
            _("Interview practice moves"),
            [
                ("round", _("Round")),
                ("number", _("Move number")),
                ("made_at", _("Made at")),
                ("said", _("What you said")),
                ("typed", _("Typed")),
                ("kind", _("Kind")),
            ],
            [
                {
                    "round": m.round_id,
                    "number": m.number,
                    "made_at": m.made_at,
                    "said": m.typed_text or (str(m.option.text) if m.option else ""),
                    "typed": m.is_typed,
                    "kind": str(MoveKind(m.kind).label),
                }
                for m in moves
            ],
            order=36,
        ),
    ]


def forget_typed_questions(user) -> None:
    """What the learner typed is their own words: gone with the account."""
    PracticeMove.objects.filter(round__enrollment__user=user).exclude(
        typed_text=""
    ).update(typed_text="", cue="")
