"""From speaker-attributed words to turns with accurate start and end times.

Each speaker's words are first joined into utterances (speech without a long silence); the
utterances of all speakers are put in order of their start; consecutive utterances of the same
speaker make one turn. A turn therefore ends when its speaker's last word ends, even if the next
speaker had already started: that overlap is what marker 6.6 needs to see.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coachlens.audio.types import SpeakerWord
from coachlens.models import Turn

UTTERANCE_GAP_S = 1.0


@dataclass(frozen=True)
class _Utterance:
    speaker: str
    start_s: float
    end_s: float
    text: str


def join_words(texts: Sequence[str]) -> str:
    """Whisper words carry their own leading space; join them and tidy the spacing."""
    return " ".join("".join(texts).split())


def words_to_turns(words: Sequence[SpeakerWord]) -> tuple[Turn, ...]:
    """Turns (role `unknown` for now) from words of any number of speakers, in time order."""
    utterances: list[_Utterance] = []
    by_speaker: dict[str, list[SpeakerWord]] = {}
    for word in words:
        by_speaker.setdefault(word.speaker, []).append(word)
    for speaker, own in by_speaker.items():
        own.sort(key=lambda w: w.start_s)
        group: list[SpeakerWord] = []
        for word in own:
            if group and word.start_s - group[-1].end_s >= UTTERANCE_GAP_S:
                utterances.append(_utterance(speaker, group))
                group = []
            group.append(word)
        if group:
            utterances.append(_utterance(speaker, group))
    utterances.sort(key=lambda u: (u.start_s, u.end_s))
    turns: list[Turn] = []
    for utterance in utterances:
        if not utterance.text:
            continue
        if turns and turns[-1].speaker == utterance.speaker:
            last = turns[-1]
            end = max(last.end_s or utterance.end_s, utterance.end_s)
            turns[-1] = Turn(
                last.index, last.speaker, "unknown", last.start_s, end, f"{last.text} {utterance.text}"
            )
        else:
            turns.append(
                Turn(
                    len(turns),
                    utterance.speaker,
                    "unknown",
                    utterance.start_s,
                    utterance.end_s,
                    utterance.text,
                )
            )
    return tuple(turns)


def _utterance(speaker: str, words: list[SpeakerWord]) -> _Utterance:
    text = join_words([w.word.text for w in words])
    return _Utterance(speaker, round(words[0].start_s, 3), round(max(w.end_s for w in words), 3), text)
