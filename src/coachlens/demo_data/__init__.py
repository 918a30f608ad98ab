"""Bundled demo coaching sessions: fictional, fully written, shipped inside the package.

They are what `make demo` and the web app's first screen open, and golden inputs for tests. Each file
is rendered from a hand-written source in `scripts/demo_sources/` by `scripts/build_demo_sessions.py`;
edit the source and re-render, never the rendered file. Every name in them is invented.

The speaker labels in the files are the people's names, not "Coach"/"Client", so that role inference
is exercised; `coach_name`/`client_name` say who is who for tests and for the demo command.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from coachlens.errors import CoachlensError


@dataclass(frozen=True)
class DemoSession:
    """One bundled demo session and what it is meant to show."""

    id: str
    title: str
    filename: str
    description: str
    coach_name: str
    client_name: str


DEMO_SESSIONS: tuple[DemoSession, ...] = (
    DemoSession(
        id="strong-pcc",
        title="Making room to lead",
        filename="strong-pcc.vtt",
        description=(
            "A strong PCC-level session (Zoom WebVTT, about 37 minutes): a new ward manager who keeps "
            "stepping onto the floor finds out why, and designs her own plan. Clear agreement, short "
            "reflections, silence, an observation offered with permission, client-designed actions and "
            "accountability, a closing against the agreement; one stacked and one leading question."
        ),
        coach_name="Clare Adeyemi",
        client_name="Nadia Kowalczyk",
    ),
    DemoSession(
        id="mid-level",
        title="Back from leave, four days or five",
        filename="mid-level.vtt",
        description=(
            "A mid-level session, ACC to borderline PCC (Microsoft Teams WebVTT, about 34 minutes): a designer back from "
            "parental leave weighs asking for a four-day week. Some good open questions and "
            "reflections and a partial agreement, but missed emotional cues, closed and 'why' "
            "questions, and a shallow closing."
        ),
        coach_name="Sam Whitaker",
        client_name="Leah Fontaine",
    ),
    DemoSession(
        id="consulting",
        title="Growing the landscaping business",
        filename="consulting.txt",
        description=(
            "A consulting-style session (Otter.ai text export, about 34 minutes): a well-meaning coach advises a "
            "landscaping business owner on hiring and pricing. Mostly telling, leading, closed and "
            "stacked questions, interruptions, the coach talking most, little agreement, no closing."
        ),
        coach_name="Graham Pryce",
        client_name="Marcus Bell",
    ),
)

DEFAULT_DEMO_ID = "strong-pcc"


def get_demo(demo_id: str) -> DemoSession:
    """Return the registry entry for `demo_id`, or raise a one-line error listing the known ids."""
    for demo in DEMO_SESSIONS:
        if demo.id == demo_id:
            return demo
    known = ", ".join(demo.id for demo in DEMO_SESSIONS)
    raise CoachlensError(f"unknown demo session {demo_id!r}; choose one of: {known}")


def demo_path(demo_id: str) -> Path:
    """Return the file system path of a bundled demo session's transcript file."""
    resource = files(__name__) / get_demo(demo_id).filename
    # Wheels built by hatchling install as plain directories, so the resource is a real file. A
    # zipped install would need as_file(); refuse it with a clear message rather than a bad path.
    if not isinstance(resource, Path) or not resource.is_file():
        raise CoachlensError(
            f"bundled demo file for {demo_id!r} is missing; reinstall coachlens (pip install -e .)"
        )
    return resource
