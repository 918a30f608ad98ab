"""Pydantic schema of the rubric data files (validated on load).

Competency sub-points (`4.a`, `4.b`, ...) and PCC markers (`4.1`, `4.2`, ...) are separate
numbering spaces; the validators below refuse a file that mixes them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

CompetencyGroup = Literal[
    "Foundation",
    "Co-creating the Relationship",
    "Communicating Effectively",
    "Cultivating Learning and Growth",
]
Observability = Literal["text", "timestamps", "audio_only"]
# A non-empty line of prose (an example coach line, a tip, a mistake); YAML `- ` with nothing after it fails.
Line = Annotated[str, Field(min_length=5)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RewritePattern(_Strict):
    weak: str = Field(min_length=5, description="A weak coach line, as coaches really say it.")
    stronger: str = Field(min_length=5, description="A stronger version of the same line.")
    why: str = Field(min_length=10, description="Why the stronger line serves the marker better.")


class Marker(_Strict):
    id: str = Field(pattern=r"^[3-8]\.[1-9]$", description="PCC marker id, e.g. 4.2.")
    competency: int = Field(ge=3, le=8)
    short_name: str = Field(min_length=3, description="A few words naming the marker.")
    statement: str = Field(min_length=20, description="The marker, paraphrased in our own words.")
    listens_for: str = Field(min_length=20, description="What an assessor listens for.")
    observable_in: Observability = Field(description="Whether a text transcript can show it.")
    observability_note: str = Field(default="", description="What text cannot show, if anything.")
    demonstrating_examples: list[Line] = Field(min_length=4, max_length=8)
    contrast_examples: list[Line] = Field(min_length=3, max_length=6)
    common_mistakes: list[Line] = Field(min_length=1, max_length=2)
    development_tip: str = Field(min_length=20)
    rewrite: RewritePattern

    @model_validator(mode="after")
    def _id_matches_competency(self) -> Marker:
        if int(self.id.split(".")[0]) != self.competency:
            raise ValueError(f"marker {self.id} does not belong to competency {self.competency}")
        return self


class SubPoint(_Strict):
    id: str = Field(pattern=r"^[1-8]\.[a-z]$", description="Sub-point id such as 4.c (letters, not numbers).")
    text: str = Field(min_length=10)


class LevelDistinctions(_Strict):
    acc: str = Field(min_length=20)
    pcc: str = Field(min_length=20)
    mcc: str = Field(min_length=20)


class RelatedCompetency(_Strict):
    competency: int = Field(ge=1, le=8)
    how: str = Field(min_length=15, description="One sentence on how the two relate.")


class PracticeQuestion(_Strict):
    """A situational-judgement item in the style of ICF's credentialing exam."""

    id: str = Field(pattern=r"^[1-8]\.q[0-9]+$", description="Item id such as 4.q1.")
    scenario: str = Field(min_length=40)
    options: list[Line] = Field(min_length=4, max_length=4)
    best: int = Field(ge=1, le=4, description="1-based number of the best response.")
    worst: int = Field(ge=1, le=4, description="1-based number of the worst response.")
    best_explanation: str = Field(min_length=30)
    worst_explanation: str = Field(min_length=30)
    markers: list[str] = Field(default_factory=list, description="Marker ids the item exercises.")

    @model_validator(mode="after")
    def _best_is_not_worst(self) -> PracticeQuestion:
        if self.best == self.worst:
            raise ValueError(f"{self.id}: best and worst must differ")
        if len({option.strip().lower() for option in self.options}) != len(self.options):
            raise ValueError(f"{self.id}: the four options must be different")
        return self


class Resource(_Strict):
    kind: Literal["icf", "book", "article"]
    title: str = Field(min_length=3)
    author: str | None = None
    note: str = Field(default="", description="Why it helps with this competency.")


class Competency(_Strict):
    id: int = Field(ge=1, le=8)
    name: str
    group: CompetencyGroup
    definition: str = Field(min_length=20, description="One sentence.")
    description: str = Field(min_length=100, description="A paragraph.")
    subpoints: list[SubPoint] = Field(min_length=3)
    markers: list[Marker] = Field(default_factory=list)
    evidenced_by_markers: list[str] = Field(
        default_factory=list,
        description="For competencies 1 and 2 (no markers of their own): the markers that evidence them.",
    )
    evidence_note: str = Field(default="", description="How the competency shows in a session.")
    levels: LevelDistinctions
    development_tips: list[Line] = Field(min_length=6)
    common_mistakes: list[Line] = Field(min_length=6)
    related: list[RelatedCompetency] = Field(min_length=1)
    practice_questions: list[PracticeQuestion] = Field(min_length=5)
    resources: list[Resource] = Field(min_length=2)

    @field_validator("subpoints")
    @classmethod
    def _subpoints_use_letters(cls, subpoints: list[SubPoint]) -> list[SubPoint]:
        ids = [s.id for s in subpoints]
        if len(set(ids)) != len(ids):
            raise ValueError("sub-point ids must be unique")
        return subpoints

    @model_validator(mode="after")
    def _ids_belong_here(self) -> Competency:
        for sub in self.subpoints:
            if int(sub.id.split(".")[0]) != self.id:
                raise ValueError(f"sub-point {sub.id} does not belong to competency {self.id}")
        for marker in self.markers:
            if marker.competency != self.id:
                raise ValueError(f"marker {marker.id} listed under competency {self.id}")
        for q in self.practice_questions:
            if int(q.id.split(".")[0]) != self.id:
                raise ValueError(f"practice question {q.id} listed under competency {self.id}")
        return self


class SourceDocument(_Strict):
    title: str
    date: str
    publisher: str = "International Coaching Federation"
    note: str = Field(default="", description="What the rubric takes from this document.")


class RubricMeta(_Strict):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    version: str
    title: str
    description: str
    sources: list[SourceDocument] = Field(min_length=1)
    competency_files: list[str] = Field(min_length=1)

    @field_validator("competency_files")
    @classmethod
    def _files_listed_once(cls, files: list[str]) -> list[str]:
        if len(set(files)) != len(files):
            raise ValueError("a competency file is listed twice")
        return files
