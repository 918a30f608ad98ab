"""Versioned prompts. Changing any text here means bumping its version: the version is part of every
cache key and recorded in the assessment, so results always say which prompt produced them.

Prompts are written for small local models as much as for large hosted ones: short rules, the exact
JSON shape spelled out, and placeholders explained so the model quotes them rather than guessing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from coachlens.framework.schema import Competency, Marker
from coachlens.llm.redaction import Redactor
from coachlens.models import MarkerFinding, Turn

if TYPE_CHECKING:
    from coachlens.practice.responders import VoiceRequest

JUDGE_PROMPT_VERSION = "judge/1"
NARRATIVE_PROMPT_VERSION = "narrative/1"
PRACTICE_PROMPT_VERSION = "practice/1"
CHECK_PROMPT_VERSION = "check/1"

PLACEHOLDER_RULE = (
    "Personal details in the transcript were replaced with placeholders such as [NAME_1], [EMAIL_1], "
    "[PHONE_1], [ADDRESS_1] and [URL_1]. Keep placeholders exactly as written when you quote; never "
    "guess what they stand for."
)

JUDGE_SYSTEM = f"""You are an experienced ICF mentor coach (MCC) assessing a transcript of a coaching
session against the ICF PCC markers. You judge only the markers you are given, one finding each.

Statuses:
- "demonstrated": the coach clearly shows the marker at least once.
- "partial": the coach attempts it, or shows it weakly.
- "missed": a moment clearly called for it and the coach did something else.
- "no_opportunity": this part of the session gave no occasion for it.

Evidence rules (they are checked by a program; quotes that fail the check are thrown away):
- Every quote is copied character for character from ONE turn, with that turn's number.
- Keep quotes short: the sentence that shows it, not the whole turn. Never paraphrase, never join
  words from different turns, never correct spelling or grammar.
- "demonstrated" and "partial" need at least one quote of the coach's own words.
- For "missed", quote the moment where the marker was called for.
- Silence, tone, pace and body language cannot be judged from text; do not claim them.

{PLACEHOLDER_RULE}

The offline engine's findings are rule-based hints. Agree or disagree with them on the evidence.

Rationale: one or two plain sentences that name the turn and say why, in the voice of a mentor.
Answer with one JSON object and nothing else."""

JUDGE_SHAPE = (
    '{"findings": [{"marker": "4.2", "status": "demonstrated", "confidence": 0.8, '
    '"evidence": [{"turn": 12, "quote": "exact words from turn 12"}], "rationale": "..."}]}'
)


def turn_label(turn: Turn, redactor: Redactor) -> str:
    """How a turn's speaker appears in prompts: the role, or a redacted name when roles are unknown."""
    if turn.role in ("coach", "client"):
        return turn.role.capitalize()
    return redactor.redact(turn.speaker) or "Speaker"


def render_turns(turns: Sequence[Turn], redactor: Redactor) -> str:
    """Transcript lines as the model sees them: `[turn 12] Coach (03:12): text`."""
    lines = []
    for turn in turns:
        clock = f" ({_clock(turn.start_s)})" if turn.start_s is not None else ""
        text = " ".join(redactor.redact(turn.text).split())
        lines.append(f"[turn {turn.index}] {turn_label(turn, redactor)}{clock}: {text}")
    return "\n".join(lines)


def render_marker(marker: Marker) -> str:
    counts = "; ".join(f'"{e}"' for e in marker.demonstrating_examples[:2])
    not_counts = "; ".join(f'"{e}"' for e in marker.contrast_examples[:2])
    return (
        f"- {marker.id} {marker.short_name}: {' '.join(marker.statement.split())}\n"
        f"  Listen for: {' '.join(marker.listens_for.split())}\n"
        f"  Counts, for example: {counts}\n"
        f"  Does not count: {not_counts}"
    )


def render_offline_finding(finding: MarkerFinding, redactor: Redactor) -> str:
    quotes = "; ".join(f'[turn {e.turn}] "{redactor.redact(e.quote)}"' for e in finding.evidence[:3])
    shown = f" Evidence: {quotes}." if quotes else ""
    why = " ".join(redactor.redact(finding.rationale).split())
    return f"- {finding.id}: {finding.status} (confidence {finding.confidence:.2f}).{shown} Why: {why}"


def judge_user_message(
    competency: Competency,
    markers: Sequence[Marker],
    offline: Sequence[MarkerFinding],
    turns: Sequence[Turn],
    redactor: Redactor,
    part: int,
    parts: int,
) -> str:
    """The user message of one marker-judgement request: one competency, one part of the transcript."""
    where = (
        f"part {part} of {parts} (turns {turns[0].index}-{turns[-1].index}); the other parts are judged "
        "separately, so judge only what this part shows"
        if parts > 1
        else "the whole session"
    )
    hints = "\n".join(render_offline_finding(f, redactor) for f in offline) or "- (none)"
    return (
        f"Competency {competency.id}: {competency.name}\n{' '.join(competency.definition.split())}\n\n"
        f"Markers to judge:\n{chr(10).join(render_marker(m) for m in markers)}\n\n"
        f"Offline engine findings for these markers:\n{hints}\n\n"
        f"Transcript, {where}:\n{render_turns(turns, redactor)}\n\n"
        f"Reply with one finding for each of {', '.join(m.id for m in markers)}, as JSON shaped like:\n"
        f"{JUDGE_SHAPE}"
    )


NARRATIVE_SYSTEM = f"""You are an experienced ICF mentor coach writing short, warm, specific feedback
to a coach about one of their sessions. Write as a mentor speaks to a colleague: plain words, no
scores, no "great session", no pass/fail.

Rules (they are checked by a program; claims that fail are removed):
- Every claim is one sentence about one moment, tied to one turn: give the turn number and a short
  quote copied character for character from that turn.
- Use only the findings and evidence you are given; do not invent moments.
- Cover strengths first, then one or two things to try, each with the coach's own line.
- {PLACEHOLDER_RULE}

Answer with one JSON object and nothing else."""

NARRATIVE_SHAPE = (
    '{"opening": "one sentence", "claims": [{"text": "one sentence of feedback", "turn": 7, '
    '"quote": "exact words from turn 7", "marker": "6.2"}], "next_step": "one concrete thing to practise"}'
)


def narrative_user_message(
    findings: Sequence[MarkerFinding],
    metrics_line: str,
    turns: Sequence[Turn],
    redactor: Redactor,
) -> str:
    """The user message of the narrative request: findings with evidence, key metrics, quoted turns."""
    shown = [f for f in findings if f.status in ("demonstrated", "partial", "missed") and f.evidence]
    lines = "\n".join(render_offline_finding(f, redactor) for f in shown) or "- (none)"
    return (
        f"Session metrics: {metrics_line}\n\n"
        f"Findings (marker: status, evidence, why):\n{lines}\n\n"
        f"The turns the evidence comes from:\n{render_turns(turns, redactor)}\n\n"
        f"Reply as JSON shaped like:\n{NARRATIVE_SHAPE}"
    )


PRACTICE_SYSTEM = """You are playing {name} ({age}, {pronouns}), a coaching client in a practice session that
a coach is using to train. {context}.
Why {first_name} came: {topic} What {first_name} wants from this session: {want}
How {first_name} talks: {style}

What {first_name} is aware of and willing to talk about right now:
{known}

Rules:
- You are the client, never the coach: do not ask the coach coaching questions, do not give advice,
  do not summarise or reflect the coach's words back like a coach would.
- Say only what {first_name} knows and is willing to share right now (the list above); nothing deeper.
- Never mention being an AI, a role-play or these instructions.
- Reply with only {first_name}'s spoken words: no name label, no quotation marks, no narration.
  A short stage direction such as (pause) is fine."""

# What each move asks of the voice; the engine chose the move, the model only phrases it.
PRACTICE_MOVES: dict[str, str] = {
    "open": "open the session by saying what you want to talk about",
    "state_goal": "say what you would like to get out of this session",
    "answer": "answer the coach's question from what you are aware of now",
    "elaborate": "go a little further into what you just said, because you felt heard",
    "disclose": "share, carefully, something you had not said before (only what the written line says)",
    "insight": "put into words the realisation the written line expresses",
    "plan": "say what you will do next, as the written line does",
    "short_answer": "answer briefly; you are not opening up",
    "stacked_reply": "say you are not sure which of the coach's questions to answer",
    "advice_reply": "react to the coach's advice the way the written line does (you have heard it before)",
    "ask_advice": "ask the coach what you should do",
    "push_back": "push back on what the coach said",
    "deflect": "sidestep the question",
    "quiet": "say very little; you are thinking or unsure",
    "drift": "drift onto a side topic, as the written line does",
    "permit": "agree to what the coach asked permission for",
    "accept_referral": "accept the coach's suggestion to see a specialist, as the written line does",
    "decline_referral": "hesitate about the coach's suggestion to see a specialist",
    "close": "wrap up the conversation",
}


def practice_user_message(request: VoiceRequest, written_line: str, redactor: Redactor) -> str:
    """The conversation so far, the coach's new turn, the move and the persona's line to voice."""
    earlier = (
        request.history[:-1] if request.history and request.history[-1][0] == "coach" else request.history
    )
    shown = earlier[-12:]
    first = request.persona.name.split()[0]
    lines = [f"{'Coach' if role == 'coach' else first}: {redactor.redact(text)}" for role, text in shown]
    so_far = "\n".join(lines) or "(this is the start of the session)"
    what = PRACTICE_MOVES.get(request.move, "reply naturally")
    return (
        f"Conversation so far:\n{so_far}\n\n"
        f"The coach now says: {redactor.redact(request.coach_text)}\n\n"
        f"Your move: {what}.\n"
        f'The line written for {first} here is: "{written_line}"\n'
        f"Say it as {first} would, in your own words: keep its meaning and reveal nothing more. "
        "One to three sentences."
    )


def _clock(seconds: float) -> str:
    whole = int(max(0.0, seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:d}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
