"""Simulated clients: the persona data files (`practice/personas/*.yaml`), their schema and loader.

A persona is data, not code: who the client is, how they talk, and 3-4 hidden layers (surface topic ->
underlying feeling -> belief or value at stake -> insight), each with the trust it needs, what in the
coach's behaviour unlocks it, and the client's written lines per move. The files are validated here on
load, so the simulator and the responders can trust them (every line unique, thresholds rising, the
last layer an insight).
"""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from coachlens.errors import NotFoundError, PracticeError
from coachlens.models import ACTS
from coachlens.practice.text import lexicon

log = logging.getLogger(__name__)

PERSONA_SCHEMA = "coachlens.persona/1"
PERSONAS_DIR = Path(__file__).resolve().parent / "personas"

LayerKind = Literal["surface", "feeling", "belief", "insight"]
Line = Annotated[str, Field(min_length=2, max_length=600)]
Cue = Annotated[str, Field(min_length=2, max_length=40)]

# Words in a coach turn that point at a layer of this kind (lexicon/cues-*.txt); a persona adds its own.
DEFAULT_CUES: dict[LayerKind, tuple[str, ...]] = {
    "surface": (),
    "feeling": lexicon("cues-feeling"),
    "belief": lexicon("cues-belief"),
    "insight": lexicon("cues-insight"),
}

_ID = re.compile(r"^[a-z][a-z0-9-]{2,40}$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _known_acts(acts: list[str]) -> list[str]:
    unknown = [a for a in acts if a not in ACTS]
    if unknown:
        raise ValueError(f"unknown act(s) {', '.join(unknown)}: use acts from the DESIGN.md vocabulary")
    return acts


class Traits(_Strict):
    """How this client reacts: where trust starts, how fast it moves, and their habits."""

    starting_trust: int = Field(ge=5, le=60, description="Trust (0-100) at the first coach turn.")
    trust_gain: float = Field(default=1.0, ge=0.4, le=1.6, description="Multiplier on trust gains.")
    trust_loss: float = Field(default=1.0, ge=0.4, le=2.0, description="Multiplier on trust losses.")
    advice_seeking: float = Field(default=0.05, ge=0, le=0.6, description="Chance of asking for advice.")
    drift: float = Field(default=0.0, ge=0, le=0.6, description="Chance of drifting off topic.")
    guardedness: float = Field(default=0.2, ge=0, le=1, description="Chance of deflecting when unsure.")


class Unlock(_Strict):
    """What in a coach turn opens a layer (on top of the layer's trust threshold)."""

    description: str = Field(min_length=10, description="For the debrief: what unlocks this layer.")
    acts: list[str] = Field(min_length=1, description="At least one of these acts must be in the turn.")
    cues: list[Cue] = Field(default_factory=list, description="Persona-specific words that point here.")
    needs_cue: bool = Field(
        default=True,
        description="An open question must name a cue; reflection, empathy or a close echo count alone.",
    )

    _acts_known = field_validator("acts")(_known_acts)


class LayerLines(_Strict):
    """The client's lines while this layer is the deepest one open."""

    disclose: list[Line] = Field(default_factory=list, description="First words once the layer opens.")
    answer: list[Line] = Field(min_length=4, description="Replies to open questions.")
    elaborate: list[Line] = Field(min_length=4, description="Going further after being heard.")
    short: list[Line] = Field(default_factory=list, description="Short replies to closed questions.")
    deflect: list[Line] = Field(default_factory=list, description="Sidestepping at this layer.")
    insight: list[Line] = Field(default_factory=list, description="The insight itself (last layer).")
    plan: list[Line] = Field(default_factory=list, description="Next steps, once the insight is there.")


class Layer(_Strict):
    kind: LayerKind
    title: str = Field(min_length=3, max_length=80, description="A few words naming the layer.")
    summary: str = Field(min_length=20, description="What the client holds at this layer, in prose.")
    threshold: int = Field(ge=0, le=95, description="Trust needed before the layer can open.")
    unlock: Unlock | None = None
    lines: LayerLines


class GeneralLines(_Strict):
    """Lines that fit at any layer: reactions to what the coach did rather than to the topic."""

    goal: list[Line] = Field(
        min_length=3, description="What they want from this session and how they'd know."
    )
    advice_reply: list[Line] = Field(min_length=6, description='"Yeah, I\'ve tried that..."')
    stacked_reply: list[Line] = Field(min_length=4, description='"Which one do you want me to answer?"')
    push_back: list[Line] = Field(min_length=5)
    ask_advice: list[Line] = Field(min_length=5)
    quiet: list[Line] = Field(min_length=5)
    close_warm: list[Line] = Field(min_length=3)
    close_cool: list[Line] = Field(min_length=3)
    short: list[Line] = Field(min_length=6)
    deflect: list[Line] = Field(min_length=5)
    permission_yes: list[Line] = Field(min_length=3)
    drift: list[Line] = Field(default_factory=list)


class Boundary(_Strict):
    """A topic that belongs with a therapist or doctor rather than a coach (competency 1, ethics)."""

    kind: Literal["therapy"]
    topic: str = Field(min_length=10, description="What the client carries that coaching cannot hold.")
    from_layer: int = Field(ge=2, le=4, description="The layer at which it becomes visible.")
    referral_accepted: list[Line] = Field(min_length=3, description="Replies to a referral at good trust.")
    referral_unsure: list[Line] = Field(min_length=2, description="Replies to a referral at low trust.")


class Persona(_Strict):
    """One simulated client, validated from its YAML file."""

    schema_: Literal["coachlens.persona/1"] = Field(alias="schema")
    id: str
    name: str = Field(min_length=2, max_length=60)
    age: int = Field(ge=18, le=90)
    pronouns: str = Field(min_length=3, max_length=20)
    context: str = Field(min_length=10, description="Where they live and work; their culture.")
    background: str = Field(min_length=40)
    brief: str = Field(min_length=20, max_length=400, description="What the coach sees before starting.")
    presenting_topic: str = Field(min_length=10)
    session_want: str = Field(min_length=10, description="What they want from this session.")
    speech_style: str = Field(min_length=10)
    traits: Traits
    opening: list[Line] = Field(min_length=2, description="How they first state the topic.")
    lines: GeneralLines
    layers: list[Layer] = Field(min_length=3, max_length=4)
    boundary: Boundary | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, str_strip_whitespace=True)

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"id '{value}' must be lowercase letters, digits and dashes")
        return value

    @model_validator(mode="after")
    def _layers_make_sense(self) -> Persona:
        first, last = self.layers[0], self.layers[-1]
        if first.kind != "surface" or first.threshold != 0 or first.unlock is not None:
            raise ValueError("layer 1 must be the surface topic: kind surface, threshold 0, no unlock")
        if last.kind != "insight" or len(last.lines.insight) < 2 or len(last.lines.plan) < 3:
            raise ValueError("the last layer must be kind insight with at least 2 insight and 3 plan lines")
        for number, (lower, upper) in enumerate(zip(self.layers, self.layers[1:], strict=False), start=2):
            if upper.threshold <= lower.threshold:
                raise ValueError(f"layer {number} needs a higher trust threshold than layer {number - 1}")
            if upper.unlock is None:
                raise ValueError(f"layer {number} needs an unlock: what in the coach's turn opens it")
            if upper.kind != "insight" and len(upper.lines.disclose) < 2:
                raise ValueError(f"layer {number} needs at least 2 disclose lines")
        if self.traits.starting_trust >= self.layers[1].threshold:
            raise ValueError("starting_trust must be below layer 2's threshold, or layer 2 is not hidden")
        if self.traits.drift > 0 and len(self.lines.drift) < 4:
            raise ValueError("a client who drifts (traits.drift > 0) needs at least 4 drift lines")
        if self.boundary is not None and self.boundary.from_layer > len(self.layers):
            raise ValueError(f"boundary.from_layer {self.boundary.from_layer} is past the last layer")
        duplicate = _first_duplicate(self.all_lines())
        if duplicate:
            raise ValueError(f"the line '{duplicate[:60]}' appears twice; every line must be unique")
        return self

    @property
    def deepest_layer(self) -> int:
        return len(self.layers)

    def layer(self, number: int) -> Layer:
        """Layer by its 1-based number."""
        return self.layers[number - 1]

    def cues_for(self, number: int) -> tuple[str, ...]:
        """Every cue that points at layer `number`: the kind's defaults plus the persona's own."""
        layer = self.layer(number)
        own = tuple(c.lower() for c in (layer.unlock.cues if layer.unlock else []))
        return DEFAULT_CUES[layer.kind] + own

    def all_lines(self) -> list[str]:
        """Every written line of this persona (for uniqueness checks and tests)."""
        found: list[str] = list(self.opening)
        for value in self.lines.model_dump().values():
            found.extend(value)
        for layer in self.layers:
            for value in layer.lines.model_dump().values():
                found.extend(value)
        if self.boundary is not None:
            found.extend(self.boundary.referral_accepted)
            found.extend(self.boundary.referral_unsure)
        return found

    def summary_dict(self) -> dict[str, Any]:
        """What `coachlens personas --format json` prints for this persona."""
        return {
            "id": self.id,
            "name": self.name,
            "age": self.age,
            "brief": self.brief,
            "presenting_topic": self.presenting_topic,
            "layers": self.deepest_layer,
        }


def _first_duplicate(lines: list[str]) -> str | None:
    seen: set[str] = set()
    for line in lines:
        key = " ".join(line.lower().split())
        if key in seen:
            return line
        seen.add(key)
    return None


def load_persona_file(path: Path) -> Persona:
    """Read and validate one persona file; PracticeError names the file and the field on failure."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise PracticeError(f"{path.name}: not valid YAML{where}: {exc.problem}") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise PracticeError(f"{path.name}: could not be read: {exc}") from None
    if not isinstance(data, dict):
        raise PracticeError(f"{path.name}: expected a mapping of fields at the top level")
    try:
        persona = Persona.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        message = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
        raise PracticeError(f"{path.name}: {where + ': ' if where else ''}{message}") from None
    if persona.id != path.stem:
        raise PracticeError(f"{path.name}: id '{persona.id}' must match the file name '{path.stem}'")
    return persona


def load_personas(folder: Path | None = None) -> tuple[Persona, ...]:
    """Every persona in `folder` (default: the packaged ones), sorted by id. Cached for the default."""
    if folder is None:
        return _packaged_personas()
    return _load_folder(folder)


@functools.lru_cache(maxsize=1)
def _packaged_personas() -> tuple[Persona, ...]:
    return _load_folder(PERSONAS_DIR)


def _load_folder(folder: Path) -> tuple[Persona, ...]:
    if not folder.is_dir():
        raise PracticeError(f"persona folder {folder} does not exist")
    personas = tuple(load_persona_file(p) for p in sorted(folder.glob("*.yaml")))
    if not personas:
        raise PracticeError(f"no persona files (*.yaml) in {folder}")
    log.debug("loaded %d personas from %s", len(personas), folder)
    return personas


def get_persona(persona_id: str, folder: Path | None = None) -> Persona:
    """The persona with this id; NotFoundError listing the known ids otherwise."""
    personas = load_personas(folder)
    for persona in personas:
        if persona.id == persona_id.strip():
            return persona
    known = ", ".join(p.id for p in personas)
    raise NotFoundError(f"no persona '{persona_id}': choose one of {known} (see `coachlens personas`)")
