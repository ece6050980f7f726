"""English wording of harmful moves (see ``lms.practice.lexicon``): promises,
threats and bargains, blame and judging, orders and hurry; reassurance is masked
before the blaming words are sought."""

from __future__ import annotations

# Reassurance ("it's not your fault"): masked before the blaming words are sought.
REASSURE = (
    r"\b(not|isn't|wasn't|never|none of (this|it) (is|was)) (\w+ ){0,2}(your|ur) "
    r"(own )?fault\b"
    r"|\bnothing to be (ashamed|embarrassed)\b|\bdon't (be|feel) (ashamed|"
    r"embarrassed)\b|\bno (stupid|dumb) questions\b|\bnot (stupid|dumb)\b"
    r"|\byou (didn't|did not) do anything (wrong|bad)\b"
)


HARMFUL = [
    (
        "retell",
        [
            r"\b(tell|say|explain|go through|walk me through) (me )?(it|that|"
            r"everything|the whole (thing|story)|all of it|what happened)( all)?"
            r"( over)? again\b",
            r"\bfrom the (beginning|start|top) again\b",
            r"(^|[,.] )start (over|again)\b",
            r"\brepeat\b|\bone more time\b|\btell (me|us) again\b",
            r"\bevery (single )?detail\b",
            r"\bexactly what (he|she|they) did\b",
        ],
    ),
    (
        "why",
        [
            r"(?<!that's )(?<!that is )(?<!reason )\bwhy\b(?! (don't|do not) "
            r"(you|we) (tell|start|walk|talk|begin))(?! (you|we)( guys)? (came|"
            r"come|"
            r"are here|'re here|are talking|'re talking|are meeting)\b)",
            r"\bhow come\b",
        ],
    ),
    (
        "promise",
        [
            r"\bi (promise|swear)\b|\bpromise (you|that)\b|\b, i promise\b",
            r"\bi (won't|will not|am not going to|'m not gonna) tell\b",
            r"\beverything (will|is going to|'s going to) be (fine|ok|okay|"
            r"alright)\b",
            r"\bnever have to (go back|see)\b",
            r"\b(stays|stay|is) between (us|you and me)\b|\bour (little )?secret\b",
            r"\b(nobody|no one) (will|is going to|'s going to) (know|find out)\b",
            r"\bnever (see|have to see) (him|her|them) again\b",
            r"\b(nobody|no one)('s| is)? (going to|gonna|will) hurt you\b",
            r"\bi (guarantee|swear)\b|\bkeep (it|this|that) (a )?secret\b",
            r"\b(nobody|no one) (has|needs) to know\b|\bjust between\b",
            r"\b(we|i) (won't|will not|aren't going to|are not going to|'m not "
            r"going to|am not going to) tell (anyone|anybody|your|them)\b",
            r"\b(he|she|they|he's|she's|they're|he'll|she'll)\b.*\b(jail|prison)\b",
        ],
    ),
    (
        "threat",
        [
            r"\b(juvie|jail|juvenile hall|detention|deport|deported|handcuffs|"
            r"immigration)\b",
            r"\b(arrest|arrested|lock you up)\b",
            r"\bif you (don't|do not) tell (me |us )?the truth\b",
            r"\bif you (help|cooperate with) (us|me)\b",
            r"\byou (won't|will not) (get|be) in trouble if\b",
            r"\bif you (don't|do not|won't) (talk|tell|cooperate|answer)\b",
            r"\bif you (just )?(tell|talk|help|cooperate)\b.*\b(you('ll| will| "
            r"can| won't)|we('ll| will| can))\b",
            r"\bor else\b|\bconsequences\b",
            r"\byou (could|can|might|will|'ll|are going to|'re going to|'re gonna|"
            r"could also|can also) (get|be|end up) in (big |so much |a lot of )?"
            r"trouble\b",
            r"\buntil you (tell|say|talk|answer|cooperate|give|start talking)\b",
            r"\bif you (lie|keep lying)\b",
            # Help made to depend on talking.
            r"\b(can't|cannot|won't|not able to|nobody can|no one can) (\w+ ){0,2}"
            r"(help|protect) you\b.*\b"
            r"(unless|until|without)\b|\bunless you (tell|talk|say|cooperate|answer)\b"
            r".*\b(can't|cannot|won't)\b",
        ],
    ),
    (
        "blame",
        [
            r"\bshould (never |not |really )?(have|'ve)\b|\bshould've\b|"
            r"\bshouldn't have\b",
            r"\bif you('d| had|hadn't| had not) (just |only |never )?\w+\b.*\b"
            r"(wouldn't|would not|would never|would have|would've)\b",
            r"\byou knew\b|\bknown better\b",
            r"\bwhat did you expect\b",
            r"\bnot a (little )?kid\b",
            r"\bstop lying\b|\bquit lying\b|\blying to me\b|\byou('re| are) "
            r"lying\b|\bdon't lie\b",
            r"\bjust tell (me|us) the truth\b|^tell (me|us) the truth\b",
            r"\battitude\b",
            r"\bat your age\b",
            r"\byour (own )?fault\b",
            r"\bwhat (were|was) you thinking\b",
            r"\byou (chose|decided) to (go|be|stay|get|leave)\b|\byou wanted to "
            r"(go|"
            r"be|stay|get) (with|there|in)\b",
            r"\b(put|got) yourself (in|into)\b",
            r"\btrouble you (caused|made|put)\b|\byou caused\b",
            r"\bkeep lying\b|\byou asked for it\b|\bwhat did you think would\b",
            r"\b(ashamed|embarrassed|disappointed in you|shame on you|disgrace)\b",
            r"\b(stupid|dumb|idiot|idiotic|careless|irresponsible|reckless)\b",
            r"\bhow could you\b|\bwhat('s| is) (wrong|the matter) with you\b",
            r"\b(out|there|doing|up) (so|that) late\b|\bat that hour\b",
            r"\bwhat you did (was|is) (wrong|bad)\b|\bthat was (wrong|bad|a bad)\b",
            # Minimising what happened, and blame or disbelief said outright.
            r"\b(you're|you are|you were) (\w+ )?lucky (it|that|he|she|they|nothing)\b",
            r"\bcould (have|'ve) been (a lot |much |way )?worse\b|\b(you're|you are|"
            r"you were) to blame\b",
            r"\bdon't (play|act) (dumb|stupid|innocent|like you don't)\b",
        ],
    ),
    (
        "pressure",
        [
            r"\b(stop|quit) crying\b|\bdon't cry\b|\bhurry up\b",
            r"\banswer (me|my question|the question)\b|\bspit it out\b",
            r"\bi don't have all day\b|\bstop wasting (my )?time\b",
        ],
    ),
]
