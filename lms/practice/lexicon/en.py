"""English wording of the free-text classifier (see ``lms.practice.lexicon``)."""

from __future__ import annotations

from lms.practice.lexicon.common import AUX_EN, WH_EN
from lms.practice.lexicon.en_harmful import HARMFUL, REASSURE

# "The last time", "the first time": a time among several, not a detail of theirs.
EPISODE = r"(?! (\w+ )?(last|first|most recent|latest|next|other) time\b)"

EN = {
    "reassure": REASSURE,
    "harmful": HARMFUL,
    "suggestive": [
        (
            "others_said",
            [
                r"\b(already|just) told (us|me)\b",
                r"\b(your|his|her) (\w+ )?(friend|mom|mother|dad|father|sister|"
                r"brother|grandma|grandmother|uncle|aunt|teacher|cousin|boyfriend|"
                r"girlfriend)s? (says|said|told)\b",
                r"\b(everybody|everyone)( (at|in|from|around) (the |that |this |your )?"
                r"\w+)? knows\b",
                r"\bwe (already |all )?know\b",
                # Asking for a yes, not for an account.
                r"\b(just )?(say|tell me|nod) (yes|yeah)\b(?! or)|\bnod (your head )?"
                r"if\b",
                r"\bi (already )?know (that )?(he|she|they|someone|somebody|something|"
                r"your)\b",
                r"\bi('m| am) (sure|certain|positive) (that )?(he|she|they|someone|"
                r"somebody|it was)\b",
                r"\bi (think|guess) (that )?(he|she|they|someone|somebody|it was)\b",
                r"\b(other|the other) (girl|boy|kid|one)s? (said|told|say)\b",
                r"(?<!you )\btold us\b",
                r"\bfeel (a lot |much )?better if you (just )?(told|tell|say)\b",
                r"\bjust (say|admit|tell me) (it|that|he|she)\b",
                r"\b(be honest|admit it)\b",
                r"(?<!you )\b(said|says) (that )?(you|he|she) (were|was|are|is|had|"
                r"did)\b",
                r"\bi bet\b|\b(it )?sounds like (he|she|they|you)\b|\b(you|he|she|it|"
                r"that|they|this) must (have|'ve|be)\b",
            ],
        ),
        (
            "negative_question",
            [
                r"^(didn't|doesn't|isn't|wasn't|weren't|hasn't|haven't|aren't|don't|"
                r"won't|wouldn't) (he|she|it|they|you|that|there)\b",
            ],
        ),
        (
            "summary",
            [
                r"^so (?!what\b|where\b|when\b|who\b|how\b|which\b|tell\b|can\b|"
                r"could\b|let's\b|i\b|i'm\b|we\b|we're\b|now\b)\w+",
                r"[,.] so (he|she|you|they)('s| is| are| were| was)\b",
            ],
        ),
        (
            "presumes",
            [
                r"^when (he|she|they|someone|your \w+|the \w+) (?!did\b|do\b|does\b|"
                r"was\b|were\b|is\b)\w+.*, " + WH_EN + r"\b",
                r"^" + WH_EN + r"\b.*\b(made you|make you|making you|forced|force "
                r"you|forcing you|threatened you)\b",
            ],
        ),
    ],
    "closing": [
        r"\banything else\b",
        r"\bbefore (we|you|i) (finish|stop|end|go|leave|wrap up)\b",
        r"\bthank(s| you)\b|\bappreciate\b",
        r"\bwhat (happens|will happen|is going to happen) (next|now)\b",
        r"\bhere's what happens\b",
        r"\b(any|what|other) questions\b|\bquestions (for|about)\b",
        r"\b(want|like) to ask me\b",
        r"\b(we're|we are) (done|finished)\b|\bwe can stop\b|\bstop here\b",
        r"\b(almost|nearly|just about) (done|finished|through)\b",
        r"\b(after|when|once) (we|we're) (finish|finished|are done|done|wrap up|"
        r"stop)\b",
        r"\bwrite down what you told me\b",
        r"\bwhose job is\b",
        r"\bi('ll| will) stay with you\b",
        r"\bexplain (every|each) step\b",
        r"\byou told me a lot\b",
        r"\bwant me to tell (your|them|him|her)\b",
        r"\bwhat happens (now|next) is\b",
        r"\banything (you'd like|you want|more you want) to (add|say|tell)\b",
        r"\banything (\w+ ){0,6}(i should know|i didn't ask|you want to ask)\b",
        r"\b(any|have) questions\b",
        r"\b(is|are) (going to|gonna) (come )?(talk|meet|take care of|help|see) "
        r"(with |to )?you\b",
        r"\b(will|'ll) (come (and |to )?)?(help|talk (with|to)|meet|take care of|"
        r"look after) (with )?you\b|\b(will|'ll|is going to) be here (soon )?to\b",
        r"\bnext,? (we|you|someone|a|we'll|you'll)\b|\b(we're|we are|we'll) (going to "
        r"|gonna )?(go|take you|drive you) to the\b",
        # The officer's praise of the young person's effort, and how to reach them.
        r"\byou (worked|tried) (really |so )?hard\b|\b(great|good) job\b|\byou did "
        r"(a )?(great|good|really good|amazing|awesome|so well|really well|well)\b",
        r"\bif you (remember|think of) (something|anything)\b",
        r"\b(call|text|reach) (me|us) (at|any ?time|if|whenever|later)\b|\bmy (card|"
        r"number|phone number)\b|\bthis number\b",
        r"\bthat's (all|everything|it)\b.*\b(questions|ask|today|for now)\b",
        r"\b(thx|ty)\b",
        # What the officer still needs to know, and how they feel after talking.
        r"\b(what else|anything) (\w+ ){0,4}(i|we) (need|should|ought|have) to know\b",
        r"\b(feel|feeling)\b (\w+ ){0,3}(now that|after) (we've |we have |we )?"
        r"(talked|talking|finished|are done|done)\b",
    ],
    "rapport": [
        r"\bnot (in )?trouble\b",
        r"\bnot (mad|angry|upset) (at|with) you\b",
        r"\btake your time\b|\bno rush\b|\bno hurry\b",
        r"\bsay (\")?i don't know\b|\bdon't (have to )?guess\b|\bsay you don't know\b",
        r"\bcorrect me\b|\bget something wrong\b|\bsomething that's wrong\b",
        r"\bif i (say|get|said) (something|anything) (wrong|that's wrong|not true)\b",
        r"\b(don't|do not) understand (a|the|my|something|what)\b",
        r"\bif i ask\b.*\b(twice|again|more than once|two times)\b",
        r"\bask me anything\b",
        r"\benglish or spanish\b|\bspanish or english\b",
        r"\bwould you rather\b|\bwould you prefer\b|\bwho would you like\b",
        r"\bdoor (open|closed)\b|\bopen or closed\b",
        r"\b(sit|sitting) (here|there|by|next|on|in|at)\b",
        r"\b(favorite|favourite|weekends?|pets?|dogs?|cats?|puppy|hobby|hobbies|"
        r"for fun)\b",
        r"\b(your|my) school\b|\b(at|in) school\b|\bschool (this|last|today)\b|"
        r"\bafter school\b|\bwhat grade\b|\bsubjects?\b",
        r"(?<!would )\byou (like|love|enjoy) to (do|play|draw|watch|read|"
        r"dance|sing|cook|eat|listen)\b|\b(what|which) (\w+ ){0,3}do you like\b",
        r"\b(tv|shows|movies|cartoons|youtube|tiktok|anime|books)\b",
        r"\b(you're|you are|are you) (really |so |pretty )?good at\b",
        r"^how (was|is|'s|has been) (the|your) (drive|ride|trip|day|week|weekend|"
        r"morning|flight)\b|^how are you (doing|today)\b|^how's it going\b",
        r"\bmy name is\b|\bi'm officer\b|\bi am officer\b|\bi'm (a|with the) "
        r"(police|officer|deputy)\b|\bi'm (officer|detective|deputy|agent|sergeant)\b",
        r"\bwhat (should|can) i call you\b|\b(like|want|prefer) to be called\b",
        r"\bif (\w+ ){0,4}(need|want) (a break|to stop|to take a break|a pause)\b",
        r"\bonly (things|what) (that )?(really )?happened\b",
        r"\bpromise to tell (me )?the truth\b|\b(important|only|always) (to )?tell "
        r"(me )?the truth\b|\bpromise\b.*\btruth\b",
        # Telling truth from lies: a ground rule checked as an either/or.
        r"\b(true|truth) or (not true|a lie|false|lie|not)\b|\b(a )?lie or (the )?"
        r"truth\b",
        r"\b(i'm|i am) here to (help|make sure|listen|talk)\b",
        r"\b(stop|take a break|pause) (at )?any ?time\b",
        r"\bno (right or )?wrong answers?\b",
        r"\b(ok|okay|fine|alright) (if|to) (you )?(don't|not) (remember|know|want)\b",
        r"\b(ok|okay|fine|alright) to say so\b",
        r"\bdon't want to talk about\b|\byou don't have to (answer|talk|say)\b",
        r"\byou can (say stop|stop|tell me to stop|skip)\b",
        r"\byour name\b|\b(about|of) yourself\b",
        # Choices about the conversation's setting: who is there, who asks.
        r"\b(more|most) comfortable\b|\bwould (you|it) (feel|be) comfortable\b|"
        r"\bcomfortable (talking|with me|here|if)\b|\b(female|male|"
        r"woman|man|lady) (officer|interviewer|detective|deputy)\b",
        r"\b(someone|somebody|a person|an advocate) (\w+ ){0,5}to (sit|be|stay) "
        r"(here )?with you\b(?!.*\btonight\b)",
        r"\bi work (at|for) the\b",
        r"\b(sports|soccer|video games|games|music)\b",
        r"\b(want me to|should i|can i|may i) call you\b|\bif i call you\b",
        r"\blanguage (do )?you (speak|prefer|want)\b",
        r"\byou('re| are) the (one|only one|expert) who knows\b|\bi wasn't there\b",
        r"\b(things|what) (that )?(really|truly|actually) happened\b",
        r"\bmy job is to\b|\bi work with (kids|young people|children|teens)\b",
        # Asking the young person's leave, and saying notes will be taken.
        r"\b(is it|would it be|it's) (ok|okay|alright|all right|fine) (if|with you if) "
        r"(i|we)\b|\bdo you mind if (i|we)\b",
        r"\b(write|writing|jot|jotting) (some |a few )?(things|notes|stuff|this|it)? "
        r"?down\b|\btake (some |a few )?notes\b|\brecord(ing)? (this|our)\b",
        REASSURE,
    ],
    # Practice narratives about a neutral event (NICHD): rapport, unless the young
    # person's words are taken up.
    "rapport_topic": (
        r"\b(birthday|christmas|thanksgiving|halloween|holidays?|vacation|new year)\b"
        r"|\bfrom (the time|when) you (woke|got) up\b"
    ),
    "safety": [
        r"\b(hungry|thirsty|hurt|hurts|hurting|pain|aches?|headache|doctor|nurse|"
        r"medic|ambulance|hospital|clinic|medicine|medication|meds|pills|inhaler|"
        r"bathroom|restroom|toilet|shower|blanket|jacket|sweater|coat|water|drink|eat|"
        r"food|snack|cold|injured|injury|injuries|bleeding|bruises?|wounds?|sick|dizzy|"
        r"nauseous|throw up|vomit\w*|faint|safe|unsafe|danger|dangerous|afraid|"
        r"scared|frightened|worried|worry)\b",
        r"\bneeds? help\b|\banything to (eat|drink)\b|\b(need|want) (anything|"
        r"something)\b(?! (else|to (tell|say|add|ask)))",
        r"\bare you (ok|okay|alright|all right)\b|\bmedical\b",
        r"\bfeel(ing)? (ok|okay|alright|all right|well|unwell)\b|\bhow are you "
        r"feeling\b",
        r"\b(take|need) a break\b|\bthreaten\w*\b",
        r"\b(looking for you|come after you|find you|waiting for you)\b",
        r"\b(anyone|anybody|someone) else (here|with you|in the room|in danger)\b",
        r"\bright now\b",
        # Being followed or watched: danger now, whoever it is.
        r"\b(someone|anyone|anybody|somebody) (\w+ ){0,2}(follow(ed|ing|s)?|checking|"
        r"checks|tracking|tracks|monitoring|reading|reads|controlling|controls|going "
        r"through)\b|\bfollow(ed|ing)? you (here|today|now)\b|\bfollowing you\b",
        r"\bmaking you do\b|\bdo things you (didn't|don't)\b",
        r"\b(stay|sleep|go) (\w+ ){0,2}tonight\b|\bplace to (stay|sleep)\b",
        r"\b(want|like) (us|me) to call\b|\bsomeone (safe|you trust)\b|\btrusted "
        r"adult\b|\b(get|have) (\w+ ){0,2}looked at\b|\bcheck on you\b",
    ],
    # A harm word naming a person or a specific act is option-posing.
    "named_act": (
        r"\b(he|she|they|him|her|his)\b|\b(hit|touch|touched|slap|kick)\w*\b"
    ),
    # Feelings asked about in the past: a question about the facts.
    "past_feeling": (
        r"^(were|was|did) (you|she|he) (ever )?(feel )?(\w+ )?(scared|afraid|"
        r"frightened)\b"
    ),
    # "there" as a place ("food there"), not "is there anyone".
    "past_stay": (
        r"(?<!is )(?<!are )(?<!was )(?<!were )\bthere\b(?! is| are| was| were)"
        r"|\b(that place|back then|that (night|day|time|week)|last (night|time))\b"
    ),
    "said_cue": (
        r"\b(you said|you mentioned|you told me|you talked about|you were "
        r"talking about|earlier you)\b"
    ),
    "more": r"\b(tell me|tell us|talk to me|what else|say more)\b",
    "tell_me_about": r"\btell (me|us) (a little |some )?(more )?about (?P<np>.+)$",
    "anchored": [
        r"\bgo back to (when|the)\b" + EPISODE,
        r"\bthink (back )?(about|of|to) (when|the)\b" + EPISODE,
        r"\bwhat happened (at|in|on|inside|with|during) (the|that|his|her|your)\b"
        r"(?! own words)",
        r"\bwhat happened (when|after|before|once) (you|he|she|they)\b",
    ],
    "time_words": (
        r"\b(time|times|day|days|night|nights|week|weeks|morning|weekend|today|"
        r"yesterday|what|how|everything|it|that|this|last)\b"
    ),
    "tell_me_wh": (
        r"\b(tell|show) (me|us) (?!what happen|what's been|what has|what went)"
        + WH_EN
        + r"\b"
    ),
    "remember_wh": (
        r"\byou (remember|know) (?!what happened)" + WH_EN + r"\b|\b(tell (me|us)|"
        r"you (know|remember)) (his|her|their|your|the) (\w+ ){0,2}(name|names|"
        r"number|address|age|phone|street|plate)\b"
    ),
    "invitation": [
        r"\b(tell|tel) (me|us)\b",
        r"\bwalk me through\b|\btalk (to me )?about\b",
        r"\bwhat happen(ed)?\b|\bwhat's been (going on|happening)\b",
        r"\bwhat else\b",
        r"\b(and )?then what\b(?! (?!(happened|happens|did|do|does|was|were|is|would|"
        r"could|has|had|else)\b)\w)|\band (after that|then)\b|\bwhat next\b",
        r"\bkeep going\b|\bgo on\b|\bgo ahead\b|\bcontinue\b|\bi'm listening\b",
        r"\bstart (from|at) the (beginning|start)\b",
        r"\bdescribe (what|everything)\b|\b(like|want) to hear (everything|about|"
        r"what|all)\b|\bwhat brings you\b",
        r"^what (did|do) (you|he|she|they) do (next|then|after that|afterwards)\b",
    ],
    "either_or": r"\b\w+ or (\w+ )?\w+\b",
    "wh_start": r"^" + WH_EN + r"\b",
    "aux_start": r"^" + AUX_EN + r"\b",
    "tag": (
        r"(,|\w) (" + AUX_EN + r") (not )?(he|she|it|you|they|we|i|that|there)$"
        r"|(,| ) ?(right|correct|isn't that right|isn't that true|yeah|huh|eh)$"
    ),
    "vocative": r"^(ma'am|sir|miss|mijo|mija|buddy|hey|ok|okay|well|now|alright) ,? ",
}

# A retelling spared, not demanded ("so you don't have to start over").
EN["retell_spared"] = (
    r"\b(don't|won't|not) (have to|need to) (start|tell|repeat|say)\b|\bif i ask\b"
)
# After "you said ...": a later clause asking what happened is a narrative request.
EN["narrative"] = r"^(and )?(so )?(what happened|what else|then what|what did you do)\b"
# A yes/no question about the facts ("did anyone see what happened?"): no invitation
# unless it asks the young person to tell or remember.
EN["not_invitation"] = (
    r"^" + AUX_EN + r"\b(?!.*\b(tell|talk|say|explain|describe|share|walk|"
    r"remember|recall)\b)"
)
# Asking whether something is all right with the young person, not a leading tag.
EN["consent_tag"] = (
    r"(^|, )(is that|is this|if that's|that) (ok|okay|alright|all right|cool|good)"
    r" ?\??$|, (ok|okay|alright|sound good|deal) ?\??$"
)
# Where a request joins a rapport preface in one clause ("take your time and tell me").
EN["preface_joint"] = r"^ ?,? ?(and|so|but)( now| then)? "
# Where a later clause starts after "you said ..." (a comma, "and then").
EN["joint"] = r",| and then | and (?=what |where |who |when |how )"
# "…, where is it": a wh- question after a comma, not a tag question.
EN["wh_tail"] = r"(^|, )" + WH_EN + r" (\w+ ){0,2}" + AUX_EN + r" (not )?\w+$"
