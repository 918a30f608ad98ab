"""The numbers behind the report's charts, computed from the turns and acts of an assessment document.

They come from the `coachlens.assessment/1` contract itself (turn roles, times, texts and acts), so the
charts do not depend on engine-specific metric names; the engine's own metrics are listed as rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coachlens.web.charts import TimelineMinute
from coachlens.web.doc_fields import as_float, as_sequence
from coachlens.web.transcript_view import EvidenceRef


@dataclass(frozen=True)
class MetricRow:
    key: str
    label: str
    value: str


@dataclass(frozen=True)
class TalkShare:
    coach_words: int
    client_words: int
    coach_seconds: float | None
    client_seconds: float | None

    @property
    def coach_word_share(self) -> float | None:
        total = self.coach_words + self.client_words
        return self.coach_words / total if total else None

    @property
    def coach_time_share(self) -> float | None:
        if self.coach_seconds is None or self.client_seconds is None:
            return None
        total = self.coach_seconds + self.client_seconds
        return self.coach_seconds / total if total else None


def talk_share(turns: Sequence[Mapping[str, Any]]) -> TalkShare:
    """Words spoken by coach and client, and seconds when every turn is timed."""
    words: Counter[str] = Counter()
    seconds: dict[str, float] = {}
    timed = True
    for turn in turns:
        role = str(turn.get("role") or "unknown")
        words[role] += len(str(turn.get("text") or "").split())
        start, end = as_float(turn.get("start_s")), as_float(turn.get("end_s"))
        if start is None or end is None:
            timed = False
        else:
            seconds[role] = seconds.get(role, 0.0) + max(0.0, end - start)
    return TalkShare(
        coach_words=words["coach"],
        client_words=words["client"],
        coach_seconds=seconds.get("coach", 0.0) if timed and turns else None,
        client_seconds=seconds.get("client", 0.0) if timed and turns else None,
    )


def act_counts(
    turns: Sequence[Mapping[str, Any]], wanted: tuple[tuple[str, str], ...]
) -> tuple[tuple[str, int], ...]:
    """How many coach turns carry each wanted act, as (label, count) in the order asked."""
    counts: Counter[str] = Counter()
    for turn in turns:
        if turn.get("role") != "coach":
            continue
        for act in set(as_sequence(turn.get("acts"))):
            counts[str(act)] += 1
    return tuple((label, counts[act]) for act, label in wanted)


def minute_timeline(
    turns: Sequence[Mapping[str, Any]], evidence: Sequence[EvidenceRef]
) -> tuple[TimelineMinute, ...]:
    """Seconds spoken per role in each minute, and the markers whose evidence starts in it."""
    spans: list[tuple[str, float, float]] = []
    starts: dict[int, float] = {}
    for position, turn in enumerate(turns):
        start, end = as_float(turn.get("start_s")), as_float(turn.get("end_s"))
        if start is None:
            continue
        starts[int(turn.get("index", position))] = start
        spans.append((str(turn.get("role") or "unknown"), start, end if end is not None else start))
    if not spans:
        return ()
    last_minute = int(max(end for _, _, end in spans) // 60)
    coach = [0.0] * (last_minute + 1)
    client = [0.0] * (last_minute + 1)
    for role, start, end in spans:
        cursor = start
        while cursor < end:
            minute = int(cursor // 60)
            chunk_end = min(end, (minute + 1) * 60.0)
            if role == "coach":
                coach[minute] += chunk_end - cursor
            elif role == "client":
                client[minute] += chunk_end - cursor
            cursor = chunk_end
    markers: list[list[str]] = [[] for _ in range(last_minute + 1)]
    for ref in evidence:
        when = ref.start_s if ref.start_s is not None else starts.get(ref.turn)
        if when is None:
            continue
        minute = min(int(when // 60), last_minute)
        if ref.marker_id not in markers[minute]:
            markers[minute].append(ref.marker_id)
    return tuple(
        TimelineMinute(minute=n, coach_s=coach[n], client_s=client[n], markers=tuple(markers[n]))
        for n in range(last_minute + 1)
    )


def metric_rows(metrics: Mapping[str, Any]) -> tuple[MetricRow, ...]:
    """The engine's scalar metrics as labelled, formatted rows (nested values are left out)."""
    rows: list[MetricRow] = []
    for key, value in metrics.items():
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            continue
        rows.append(MetricRow(key=str(key), label=_humanise(str(key)), value=_format_metric(str(key), value)))
    return tuple(rows)


def _humanise(key: str) -> str:
    text = key.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _format_metric(key: str, value: float | int | str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, float) and ("share" in key or "ratio" in key or "rate" in key) and 0 <= value <= 1:
        return f"{round(100 * value)}%"
    if isinstance(value, float) and (key.endswith("_s") or "seconds" in key):
        return f"{value:.1f} s"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)
