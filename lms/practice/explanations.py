"""What the free-text classifier tells the learner: for each rule of
``lms.practice.classifier``, why the typed question is that kind and, where the move
was weak or harmful, what to try instead, in the learner's language.

``explain(rule, cue)`` is called when a move is shown (the move stores its rule and
cue), so the explanation follows the language of the page, not of the typing.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "retell": _(
        "Asks for the account again, or for every detail (“%(cue)s”): retelling "
        "tires a young person and changes the account. Keep what was said and leave "
        "the detail to the forensic interviewer."
    ),
    "why": _(
        "Asks “%(cue)s”: a why-question about what the young person did sounds like "
        "blame. Try “tell me about…”."
    ),
    "promise": _(
        "Promises what no one can guarantee (“%(cue)s”). Say what you will do "
        "instead: “I will stay with you until…”."
    ),
    "threat": _(
        "Threatens or bargains (“%(cue)s”): help never depends on talking. Say that "
        "they are not in trouble."
    ),
    "blame": _(
        "Judges or blames (“%(cue)s”). Try “You are not in trouble” and an open "
        "invitation."
    ),
    "pressure": _(
        "Orders or hurries the young person (“%(cue)s”): under pressure they say "
        "less, or what they think you want. Slow down: “take your time”."
    ),
    "others_said": _(
        "Brings in what others said or what you believe (“%(cue)s”): that is "
        "pressure, and it plants an answer. Ask openly: “tell me about…”."
    ),
    "negative_question": _(
        "Asks in the negative (“%(cue)s”): a question like that expects a yes. Ask "
        "openly: “tell me about…”."
    ),
    "summary": _(
        "Sums up in your words and waits for a yes (“%(cue)s”): a leading question. "
        "Try “tell me more about…” with their words."
    ),
    "presumes": _(
        "Takes for granted something not yet said (“%(cue)s”). Ask for their "
        "account first: “tell me what happened”."
    ),
    "tag_question": _(
        "Ends with “%(cue)s”: a tag question pushes toward yes. Try “tell me about…”."
    ),
    "closing": _(
        "A closing move (“%(cue)s”): anything else, thanks, what happens next."
    ),
    "rapport": _("Rapport or a ground rule (“%(cue)s”)."),
    "consent": _(
        "Tells the young person what will happen and asks if that is all right "
        "(“%(cue)s”): rapport."
    ),
    "statement": _("Read as something you tell the young person: rapport."),
    "cued_said": _(
        "Takes up their own words (“%(cue)s”) and asks for more: a cued invitation."
    ),
    "said_wh": _(
        "Takes up their words (“%(cue)s”) but asks for one detail: a directive "
        "question. For more of the account, try “tell me more about…”."
    ),
    "cued_about": _(
        "Asks for more about “%(cue)s”: a cued invitation (best when they mentioned "
        "it first)."
    ),
    "cued_anchor": _(
        "Asks for an open account of one moment (“%(cue)s”): a cued invitation."
    ),
    "safety": _("A safety or needs check (“%(cue)s”)."),
    "tell_me_wh": _(
        "Asks for one detail (“%(cue)s”): a directive question. Open invitations "
        "first; then ask only what you need."
    ),
    "invitation": _(
        "An open invitation (“%(cue)s”): it lets them tell it in their own words."
    ),
    "either_or": _(
        "Offers a choice (“%(cue)s”): an either/or question may get one of your "
        "options instead of their memory. Try “tell me about…”."
    ),
    "wh": _(
        "Starts with “%(cue)s”: a wh- question about one detail (directive). Fine "
        "for a detail they mentioned; otherwise try “tell me about…”."
    ),
    "yes_no": _("Starts with “%(cue)s”: a yes/no question. Try “tell me about…”."),
    "yes_no_form": _(
        "Can be answered yes or no (“%(cue)s”): an option-posing question. Try "
        "“tell me about…”."
    ),
}


def explain(rule: str, cue: str = "") -> str:
    """The explanation of ``rule`` with its ``cue``, in the active language."""
    message = MESSAGES.get(rule)
    if message is None:
        return ""
    return str(message) % {"cue": cue}
