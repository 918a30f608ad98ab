"""The wording the competency-4 (trust and safety) detectors look for.

Kept apart from the detectors because other markers read the same cues: listening (6.x) checks for
platitudes and empathy, awareness (7.x) for invitations and push-back, growth (8.x) for specific
acknowledgement, and the echo helpers for fillers and dismissals.
"""

from __future__ import annotations

from coachlens.analysis.detectors.text import rx

SPECIFIC_ACK = rx(
    r"\b(?:you(?:'ve| have) (?:just |really |clearly |already )?(?:done|shown|worked|thought (?:this|it) through|"
    r"managed|taken|built|found|named|designed|figured|kept|made a|come up with|put (?:a lot|real|so much))|"
    r"that (?:took|takes) (?:courage|guts|honesty)|(?:I )?(?:appreciate|admire|respect|value) (?:your|how|that you|"
    r"the way)|(?:you're|you are|you sound|you were|you've been) (?:so |very |really |quite )?(?:honest|brave|"
    r"courageous|clear|thoughtful|committed|determined|insightful|resourceful|candid|open|generous|caring)|"
    r"it sounds like you (?:know|care|really)|you know how you work|real thinking|big connection|"
    r"came from caring|that'?s (?:a )?(?:real|big|powerful|important) (?:insight|shift|step|connection)|"
    r"it did sound like you|sounded like you|you ended with)\b"
    r"|\b(?:took (?:real |a lot of )?(?:persistence|courage|nerve|guts|honesty|strength|determination"
    r")|takes (?:real |a lot of )?(?:nerve|courage|persistence|guts)|came from you|(?:a|that'?s a) pr"
    r"omise you'?ve kept|I'?m struck by (?:how|your)|you'?ve clearly (?:done|thought|put)|you tend to"
    r" notice|that showed (?:again )?in how you|with (?:a lot of|real|such) (?:care|courage|grace|hon"
    r"esty)|(?:it'?s|that'?s) a sharp one)\b"
    r"|\b(?:you'?ve (?:just )?(?:reframed|spotted|put your finger on|worked out|figured out|turned))\b"
    r"|\b(?:you(?:'ve| have) been (?:coping|managing|holding|carrying|keeping))\b"
    # Naming what the client has held up or carried ("you've held a lot of that place together").
    r"|\b(?:you(?:'ve| have) (?:held|carried) (?:a lot|so much|that|this|everything|it all|things))\b"
)
HARDSHIP = rx(r"\b(?:hard|difficult|tough|a lot|heavy|painful|sorry|awful|rough|exhausting)\b")
NEGATIVE = rx(
    r"\b(?:nothing|not|never|lost|mistake|problem|wrong|but|should|need to|have to|got to|don'?t|"
    r"(?:when|once|until|if|before|after) you'?ve|can'?t|cannot|won'?t)\b"
)
GENERIC_PRAISE = rx(
    r"^\W*(?:that'?s |you'?re doing )?(?:really |so )?(?:great|good|excellent|brilliant|perfect|wonderful|"
    r"well done|nice|awesome|amazing|fantastic|good job|great job|super)\b[\w\s,']{0,25}[.!]*$"
)
# Evaluating the client's answers ("That's a good attitude.") is praise of the answer, not acknowledgement.
GOOD_EVALUATION = rx(
    r"^\W*(?!(?:either|neither|both|any|whichever|whatever)\b)(?:that|this|it|those|these|\w+)(?:'s|\s+(?:sounds?|is|are|seems?))\s+(?:like\s+)?(?:a\s+)?"
    r"(?:really\s+|very\s+)?(?:good|great|excellent|brilliant|fine)\b"
    # "It's fine if the answer is not much", "That's fine with me", "Either is fine": leaving a choice to
    # the client, not marking an answer.
    r"(?!\s+(?:if|to|with me|by me|either way|whichever|whatever)\b)"
)
EMPATHY = rx(
    r"\b(?:(?:that|it|this) (?:sounds|must be|must have been|seems|feels) (?:like )?(?:really |so |very |quite |"
    r"incredibly |a )?(?:hard|difficult|tough|painful|exhausting|heavy|a lot|frustrating|stressful|lonely|long|"
    r"upsetting|draining|overwhelming|scary|unsettling)|I'?m (?:so |really |very )?sorry|"
    r"I can (?:hear|see|imagine) (?:how|that|what)|take (?:your|a|the) (?:time|moment)|take (?:all )?(?:the |your )?time you need|no rush|"
    r"it makes sense (?:that|you)|that'?s a lot(?! of (?!pressure|weight|stress|worry|strain|responsibility|pain|loss|change|grief))|how are you(?: doing| holding up)?,? in yourself|"
    r"how are you (?:doing|holding up|looking after yourself)|be kind to yourself|understandably|"
    r"(?:it|that) matters|that'?s (?:a )?powerful thing to carry|I'?m here)\b"
    # Easing the client's judgement of themselves or apology for what they brought ("It doesn't sound
    # silly to me.", "There's nothing to apologise for.").
    r"|\b(?:(?:doesn'?t|does not|didn'?t|did not) sound (?:silly|stupid|daft|ridiculous|petty|weak|selfish|grand))\b"
    r"|\b(?:(?:no need|nothing) to (?:apologi[sz]e|be sorry)|you don'?t (?:need|have) to apologi[sz]e)\b"
)
PLATITUDE = rx(
    r"\b(?:don'?t worry|it'?ll (?:all )?(?:be|work out) (?:fine|okay|ok|alright)|it'?ll all work out|cheer up|"
    r"at least you|look on the bright side|you'?ll be fine|welcome to (?!tell|disagree|push|say|stop|take)|"
    r"get over it|stop worrying|(?:it'?s|that'?s) (?:completely |totally |very )?normal(?! to)|everyone (?:says|feels|goes)|"
    r"(?:they'?ll|you'?ll) survive|they'?ll live)\b"
    # Reassurance that answers the feeling for the client: "you'll be brilliant", "you've got this",
    # "I'm sure she wouldn't think that", "everybody gets that".
    r"|\b(?:every(?:one|body) (?:gets|has|struggles|freezes|goes through)|you'?ve got this|"
    r"you'?ll be (?:brilliant|great|amazing|fantastic|grand)|you won'?t (?:get|be|feel) (?:\w+ )?(?:flustered|nervous|"
    r"anxious|scared|stressed)|they'?ll (?:understand|be fine)|nothing to worry about|no need to worry|"
    r"I'?m sure (?:she|he|they|it|you|that|nobody|no one)(?:'?ll| will| would(?:n'?t)?| won'?t))\b"
)
SUPPORT = rx(
    r"\b(?:makes (?:complete |total )?sense|that'?s (?:fair|understandable|completely understandable|valid|okay|"
    r"natural|allowed)|of course|you'?re allowed|it'?s okay to|it'?s (?:natural|normal) to|I hear (?:that|you)(?!,? but)|"
    r"thank you for (?:sharing|telling)|I can understand|no wonder)\b"
    r"|\b(?:(?:it'?s|that'?s) (?:completely |totally |very |perfectly )?(?:understandable|natural|val"
    r"id|allowed)|your (?:reading|view|feeling|way) counts|(?:that'?s|it'?s) a real concern|give it ("
    r"?:as much )?room|let'?s (?:go with that|do it your way|do that)|thank you for putting that into"
    r" words|both of (?:those|these) can be true|as you suggest|that'?s (?:a )?(?:good|fair) (?:point"
    r"|way in))\b"
)
DISMISS = rx(
    r"(?:^\W*(?:okay|ok|sure|yes|yeah|right|mm|no)?[, ]*(?:sure, |okay, )?(?:but|however)\b|"
    r"\b(?:don'?t worry|you shouldn'?t (?:feel|worry)|no need to (?:feel|worry)|that'?s (?:silly|ridiculous|"
    r"not true|not the point)|you'?re overthinking|don'?t overthink|sentiment doesn'?t|nobody'?s saying|"
    r"with respect|I hear you, but|trust me|they'?ll live|I'?d still|I still think|don'?t say that|"
    r"don'?t be (?:silly|daft|so hard on yourself))\b)"
)
# Moving the conversation off what the client has just voiced: after a feeling this passes it over,
# however kind the words before it ("I'm sorry to hear that. Let's get back to the presentation.").
SUBJECT_CHANGE = rx(
    r"\b(?:let'?s get back to|let'?s (?:move on|park that|leave that)|(?:anyway|moving on|on a (?:lighter|happier|"
    r"brighter|different) note),|enough about that|back to (?:business|the (?:task|agenda|plan|point)))\b"
    r"|^\W*anyway\b"
)
CLIENT_VIEW = rx(
    r"\b(?:I(?:'m| am) (?:worried|concerned|not sure|scared|afraid|nervous)|my (?:worry|concern|fear)|"
    r"I don'?t (?:think|want) (?:I|to|it)|I don'?t want (?:her|him|them|people|anyone|my \w+) to (?:think|see|know)|maybe (?:I|we) could|I could (?:\w+ )?(?:ask|try|do|talk|start|give)|"
    r"what if (?:I|we)|I was (?:thinking|wondering)|I'?d rather|I'?m not convinced)\b"
)
INVITATION = rx(
    r"\b(?:how does (?:that|this|it) (?:land|sound|sit|fit)|does (?:that|this|it) (?:fit|resonate|ring true|"
    r"sound right|land|feel right|feel doable|make sense to you|match)|what (?:do )?you make of (?:that|this|it)|"
    r"what'?s your (?:own )?(?:reaction|response|take|view)|(?:tell|let) me (?:know )?if (?:that'?s|I'?m|this is|it'?s|"
    r"it doesn'?t|that doesn'?t)|feel free to (?:disagree|push back|tell me)|welcome to (?:tell me|disagree|"
    r"push back|say)|push(?:ed)? back|go on,? say it|I (?:might|may|could) be (?:completely |totally |quite )?wrong|"
    r"is that (?:right|accurate|fair|close)\?|have I got that right|am I (?:right|close|on track)|"
    r"what would you (?:add|change)|what fits|how (?:much )?does that (?:match|compare))"
    # Checking a tentative reading of the client: "Is that anywhere near it?"
    r"|\b(?:is that (?:anywhere )?(?:near|close to) (?:it|right|the mark))\b"
    r"|\b(?:is that right,? or|is there a better word|thanks? (?:you )?for correcting|fair enough,? ("
    r"?:that|it) didn'?t)\b"
)
OFFER = rx(
    r"\b(?:I(?:'m)? (?:notic|wonder|sens)\w*|my (?:sense|hunch|guess|observation)|can I (?:share|offer|say|"
    r"suggest|give)|here'?s (?:what|my)|I'?d (?:suggest|go|do|recommend)|what I'?d do|if I were you|"
    r"I (?:think|reckon|believe) (?:you|that|the)|in my experience)\b"
)
# "Is that right?" asks the client to confirm; it invites a response to the coach's contribution only
# when the coach has offered one (an observation, a word, a summary), not after a paraphrase of what
# the client said or wants ("So you'd like to get better at delegating, is that right?").
CONFIRMATION = rx(
    r"\b(?:is that (?:right|accurate|fair|close)\?|have I got (?:that|it) right|am I (?:right|close|on track))"
)
# The coach restating what the client wants, means or feels: a confirmation tag on it checks understanding.
PARAPHRASE_OF_CLIENT = rx(
    r"^\W*(?:(?:so|okay|ok|right|and)\W+)?(?:you(?:'d| would) (?:like|love|prefer|rather)|you (?:want|wanna|need|mean|"
    r"feel)\b|you(?:'re| are) (?:saying|telling me|wanting|hoping|looking for)|what (?:you(?:'re| are) saying|I(?:'m| am) "
    r"hearing)|it sounds (?:like|as if|as though) you|if I(?:'ve)? (?:heard|understood) you)"
)
# The client putting the coach right: "I mean, yes, partly. It's more that I feel embarrassed."
CORRECTS = rx(
    r"\b(?:it'?s more (?:that|like|about)|not (?:really|exactly|quite)[,.]|that'?s not (?:it|quite|what I)|"
    r"I wouldn'?t (?:say|put it)|(?:yes|yeah),? partly)\b|^\W*(?:no|not really),? (?:it'?s|I)\b"
)
# "Does that make sense?" after telling checks understanding; it does not invite a response.
COMPREHENSION_CHECK = rx(
    r"^\W*(?:does|did|do) (?:that|this|it|you) (?:make sense|understand|follow|get it)\b"
)
CONTRIBUTION_ACTS = frozenset({"observation", "information", "advice", "self_disclosure", "summary"})

# A coach line that is only a filler ("Okay.", "Mm.") neither receives nor dismisses anything.
FILLER = rx(
    r"^\W*(?:okay|ok|right|mm+|hmm+|sure|yeah|yes|I see|great|good|got it|thanks|thank you|alright|all right|uh-huh)\W*$"
)

# Handing the decision back to the client receives their concern too ("you can decide as we go").
HANDS_BACK = rx(
    r"\b(?:you (?:can|get to) decide|it'?s (?:up to you|your call|your choice)|what would you like to do)\b"
)
FOLLOWS_CHOICE = rx(
    r"^\W*(?:let'?s do (?:that|it)|go (?:ahead|for it|on)|please|of course|sure,? (?:let'?s|go))\b"
)
# The coach taking the client's pushback on their own idea ("Fair enough, I got ahead of you
# there."): the "accepts it" half of 4.4 even when the idea was never put up for comment.
ACCEPTS_PUSHBACK = rx(
    r"^\W*(?:okay,? |ok,? |right,? |yes,? )?(?:fair enough|you'?re right|good point|that'?s fair|"
    r"my mistake|(?:sorry,? )?i got ahead of (?:you|myself)|i jumped ahead|thanks for (?:correcting|"
    r"pushing back|putting me right)|let'?s (?:go with|stay with) (?:yours|what you|your)|scrap (?:that|my)|"
    r"(?:that'?s|yours is|your (?:word|version|way of putting it) is) (?:closer|better|more accurate|truer) than (?:what I|mine|my)|"
    r"(?:sorry|I apologi[sz]e),? (?:that came out (?:wrong|badly)|I put that badly|that (?:wasn'?t fair|was unfair)))"
)
# The coach talking about themselves: stories, habits and sayings that take the space from the client.
SELF_TALK = rx(
    r"\b(?:I remember (?:my|when I|the (?:first|day|time) I)|when I (?:used to|started out|first started|was (?:starting|new|your age|younger|"
    r"a (?:new|young|junior)))|I used to|I still (?:get|do|feel|have|"
    r"struggle)|(?:that'?s )?what I always (?:say|do|tell)|in my (?:experience|day|first)|my (?:first|own) (?:board|job|"
    r"boss|team|manager|meeting|presentation|year))\b"
)

# The client telling what they did, managed or realised: what an acknowledgment would name.
CLIENT_DOING = rx(
    r"\bi (?:did|managed|finally|tried|realised|realized|decided|worked out|figured|noticed|stood|said no|"
    r"spoke up|asked|told)\b|\bi(?:'ve| have) (?:been|started|done|managed|stopped|kept)\b"
)
