"""`--dry-run`: exactly what the LLM pass would send, without sending anything.

The marker-judgement requests are the real ones (same redactor, same chunking, same prompts). The
narrative request is shown as it would look if the model agreed with every offline finding: the real
one is built from the merged findings, which only exist after the judgement has run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from coachlens.config import Settings
from coachlens.framework import load_rubric
from coachlens.framework.rubric import Rubric
from coachlens.llm.backend import ChatRequest
from coachlens.llm.consent import endpoint_key, is_loopback
from coachlens.llm.judge import plan_judgement
from coachlens.llm.narrative import plan_narrative
from coachlens.llm.redaction import Redactor
from coachlens.llm.schemas import MarkerJudgement, NarrativeReply, response_schema
from coachlens.models import Assessment

NOT_CONFIGURED = "(not configured)"


@dataclass(frozen=True)
class PlannedCall:
    label: str
    request: ChatRequest
    schema: dict[str, Any]


@dataclass(frozen=True)
class DryRunPlan:
    endpoint: str
    model: str
    local: bool
    redaction: bool
    replaced: dict[str, int]
    calls: tuple[PlannedCall, ...]

    def request_bodies(self) -> list[dict[str, Any]]:
        """The chat-completions bodies, as the first attempt of each request would post them."""
        return [
            {
                "model": self.model,
                "messages": [m.to_dict() for m in call.request.messages],
                "temperature": call.request.temperature,
                "response_format": {
                    "type": "json_schema",
                    "json_schema": {"name": call.request.schema_name, "schema": call.schema, "strict": False},
                },
            }
            for call in self.calls
        ]


def plan_dry_run(
    assessment: Assessment,
    settings: Settings,
    *,
    rubric: Rubric | None = None,
    redact: bool | None = None,
    narrative: bool | None = None,
) -> DryRunPlan:
    """Every request `enrich_assessment` would send for this assessment with these settings."""
    redact = settings.llm_redact if redact is None else redact
    narrative = settings.llm_narrative if narrative is None else narrative
    rubric = rubric or load_rubric(assessment.rubric_id)
    redactor = Redactor.for_session(assessment.session, enabled=redact)
    judge_schema = response_schema(MarkerJudgement)
    calls = [
        PlannedCall(f"marker judgement, {item.label}", item.request, judge_schema)
        for item in plan_judgement(
            assessment.session, rubric, assessment.markers, redactor, chunk_chars=settings.llm_chunk_chars
        )
    ]
    if narrative:
        request = plan_narrative(assessment.session, assessment.markers, assessment.metrics, redactor)
        calls.append(
            PlannedCall(
                "narrative (built from the merged findings when run)",
                request,
                response_schema(NarrativeReply),
            )
        )
    base_url = settings.llm_base_url
    return DryRunPlan(
        endpoint=endpoint_key(base_url) if base_url else NOT_CONFIGURED,
        model=settings.llm_model or NOT_CONFIGURED,
        local=bool(base_url) and is_loopback(base_url or ""),
        redaction=redactor.enabled,
        replaced=redactor.counts(),
        calls=tuple(calls),
    )


def render_dry_run(plan: DryRunPlan) -> str:
    """A readable listing: a header, then every message of every request in full."""
    where = "on this machine" if plan.local else "OFF this machine"
    if plan.endpoint == NOT_CONFIGURED:
        where = "no endpoint configured yet"
    replaced = (
        ", ".join(f"{count} {kind.lower()}" for kind, count in sorted(plan.replaced.items()))
        or "nothing found"
    )
    lines = [
        "DRY RUN: nothing was sent.",
        f"endpoint: {plan.endpoint} ({where}); model: {plan.model}",
        f"redaction: {'on' if plan.redaction else 'OFF: names and contact details would be sent'}"
        + (f" (replaced: {replaced})" if plan.redaction else ""),
        f"requests: {len(plan.calls)} (each may be repeated once to repair an invalid reply)",
    ]
    for number, call in enumerate(plan.calls, start=1):
        lines += ["", f"=== request {number} of {len(plan.calls)}: {call.label} ==="]
        for message in call.request.messages:
            lines += [f"--- {message.role} ---", message.content]
    return "\n".join(lines) + "\n"


def render_dry_run_json(plan: DryRunPlan) -> str:
    """The exact request bodies as JSON, for tooling."""
    payload = {
        "endpoint": plan.endpoint,
        "model": plan.model,
        "redaction": plan.redaction,
        "replaced": plan.replaced,
        "requests": plan.request_bodies(),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
