"""The wording the competency-5 (presence) detectors look for.

Kept apart from the detectors because other modules read the same cues without the detectors: the
trust pairing (a client's answer to a choice the coach offered), 4.4 (a progress check is not an
invitation), 8.x (goal references), metrics and rewrite selection (client choice).
"""

from __future__ import annotations

from coachlens.analysis.detectors.text import rx

WHOLE_PERSON = rx(
    r"\b(?:how are you,? in yourself|in yourself|how are you (?:doing|feeling|holding up|looking after)|"
    r"what (?:do you|does) (?:value|care (?:about|most))|what matters (?:most )?to you|"
    r"what(?:'s| is) (?:really |most )?important to you|who (?:are you|do you want to be|you are|you want to be)|"
    r"what kind of (?:person|leader|manager|parent|partner|mum|dad|mother|father|colleague|boss)|"
    r"(?:say|tell you|mean|show you) about (?:you|yourself)|as a person|your (?:values|wellbeing|health|"
    r"sense of (?:self|who you are))|costing you|ask of you|what(?:'s| is) (?:it|that) like for you|"
    r"for you as (?:a|the)|who you are)\b"
    r"|\b(?:who do you want to be|where are you in (?:this|all this|all of this)|as the person who|(?"
    r":I want to|let me) check in with you|how are you doing,? with|ask of (?:that part of )?you|what"
    r" does (?:leaving|this|that|it) mean for (?:you|the person)|what do you need,? as|(?:about|for) "
    r"you in all (?:this|of this)|the person you'?ve been|mean to you as a person)\b"
    r"|\b(?:how are you (?:arriving|landing|coming in|showing up)|what do you need(?: most)?,? (?:right now|for "
    r"yourself|from (?:this|today|me))|for yourself,? not for|(?:learn(?:ed|ing|t)?|taking away|discover(?:ed|ing)?|"
    r"noticing|notice) about yourself|what(?: else)?(?:'s| is) (?:going on|happening) for you)\b"
    # Asking how something is for the client themselves ("how is it for you, being here today?", "What
    # else is in that, for you?"): their experience, not the facts of the situation.
    r"|\b(?:how (?:is|was|'s) (?:it|this|that) for you|(?:in|about|under) (?:that|this|it),? for you\b(?=\W*\?))"
)
GOAL_REFERENCE = rx(
    r"\b(?:(?:at|from) the (?:start|beginning)(?: of (?:our|the|this) (?:session|conversation|time))?,? you "
    r"(?:said|wanted|mentioned|told me)|you (?:said|mentioned|told me) (?:at the start|earlier|you wanted)|"
    r"(?:coming|going|come|go) back to (?:what you (?:wanted|said)|your (?:goal|outcome|aim))|"
    r"you wanted something|where are (?:we|you) (?:now )?(?:with|on) (?:those|that|these|your|what|the)|"
    r"is (?:this|that) (?:still )?(?:what you want|useful|helping|the right (?:focus|thing))|"
    r"are we (?:still )?(?:on track|working on (?:what|the right))|how does (?:this|that) (?:connect|relate|fit) "
    r"(?:to|with) (?:what you|your)|closer to (?:what you|your)|what you came (?:in )?(?:with|for)|"
    r"(?:still|still feel like) the (?:right )?(?:focus|thing to)|in terms of what you want(?:ed)?)\b"
    r"|\b(?:you came in wanting|earlier you said (?:success|you wanted|you'?d)|what you (?:wanted|ask"
    r"ed for|came for) (?:from|at|in) (?:today|the start|this)|you wanted to (?:leave|feel|decide|get"
    r"|have|know|make|find)|(?:connect|fit) with the (?:decision|goal|outcome|aim) you|serving what y"
    r"ou wanted|are we working on the right thing|how close is (?:this|what)|has your aim changed|"
    r"compared (?:to|with) (?:the |what )?[\w ]{0,30}(?:you wanted|at the start))\b"
    # Re-contracting when the session has moved: "I wonder whether the application is the most important
    # thing for us to look at today."
    r"|\b(?:whether (?:the |this |that )?[\w ]{1,30} is (?:still )?the (?:most important|right) thing (?:for us )?to)\b"
)
CLIENT_CHOICE = rx(
    r"\b(?:where would you like to (?:start|begin|go|take this)|where do you want to (?:start|go|take)|"
    r"what would you like to (?:explore|focus on|look at|do|start with|work on)(?: next| first| now)?\?|"
    r"would you like to (?:come back|stay|explore|look|go|try|start|spend|keep)|"
    r"(?:which|what) (?:of (?:these|those)|part)\b[^?]{0,30}(?:would you like to (?:explore|start|look)|first)|"
    r"how would you like to (?:use|spend|finish|close|end|proceed|approach|work|hold)|"
    r"(?:would|might|could) it (?:help|be (?:useful|helpful)) to (?:try|explore|look|stay|spend|take|pause|come back|say|"
    r"go back|slow|start|focus|think)|do you want to (?:stay|go|explore|look|come back|try)|"
    r"shall we|is it (?:okay|ok|all right|alright) (?:if|to|with you)|(?:it'?s|that'?s) (?:up to you|your (?:call|choice))|"
    r"(?:it'?s|this is) your session|what feels (?:most )?(?:useful|important|right)|you (?:can|get to) decide|"
    r"or would you (?:rather|prefer)|what would be (?:most )?(?:useful|helpful) (?:now|next|to)|"
    r"can I (?:share|offer|ask)|would you be (?:open|willing) to)\b"
    r"|\b(?:which (?:one )?(?:would you prefer|do you want to start with|would you like to start with"
    r")|which would you (?:prefer|like)|how would you like to use (?:them|it|the time|what'?s left)|w"
    r"here would you like to take this|would it help more to|what feels like the right thing to|do yo"
    r"u want to stay with|or is something else more pressing|or we could)\b"
    r"|\b(?:(?:is there )?anything else you'?d like to (?:cover|talk about|look at|explore|bring))\b"
    # Leaving what and how much the client brings to them, and offering to stop: "You decide what you
    # bring here", "if anything? It's fine if the answer is not much", "or leave it there? Either is fine".
    r"|(?:^\W*you (?:decide|choose)\b|\bwhere would you like to take\b|\bif anything\W*\?|"
    r"\bor (?:leave|stop) it there\b|^\W*either (?:is|would be|way is) (?:fine|okay|ok|good)\b)"
    # Asking the client to pick among what is on the table: "which of those would be most useful for the
    # rest of our time?"
    r"|\b(?:(?:which|what) (?:of (?:these|those|them|the two)|one|part)\b[^?]{0,30}\b(?:would be|is|feels|seems|"
    r"matters) (?:the )?(?:most|more) (?:useful|helpful|important|pressing|urgent))\b"
)
COACH_DIRECTS = rx(
    r"(?:^\W*(?:right|okay|ok|so|now)?[,. ]*(?:I want you to|I'?d like you to|here'?s what (?:we|I|you)|"
    r"let me (?:just )?pull this together|let'?s (?:think about|move on|talk about|look at|get into|get started|"
    r"start with|begin with) )|"
    r"\bwhere were we\b|\bthat'?s your homework\b|\blet'?s (?:get|go) back to the\b|^\W*(?:now|right|okay|so),? "
    r"(?:about|on to|onto) the\b|^\W*anyway\b)"
)
CHOICE_ACTS = frozenset({"permission"})
# Client turns where the person, not just the problem, comes into view: family, health, feelings.
PERSONAL = rx(
    r"\b(?:wife|husband|partner|kids?|children|daughter|son|mum|mom|dad|father|mother|family|home|sleep|sleeping|"
    r"tired|exhausted|health|myself|who I am|my (?:own )?(?:values|life))\b"
)
