"""The bundled demo sessions exist, are long enough, are well-formed, and match their sources."""

from __future__ import annotations

import importlib.util
import itertools
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from coachlens.demo_data import DEFAULT_DEMO_ID, DEMO_SESSIONS, DemoSession, demo_path, get_demo
from coachlens.errors import CoachlensError

REPO_ROOT = Path(__file__).resolve().parent.parent
VTT_TIMING = re.compile(r"^(\d\d):(\d\d):(\d\d)\.(\d{3}) --> (\d\d):(\d\d):(\d\d)\.(\d{3})$")
OTTER_HEADER = re.compile(r"^(.+?)  (\d+(?::\d\d){1,2})$")


@pytest.fixture(scope="module")
def build_script() -> ModuleType:
    path = REPO_ROOT / "scripts" / "build_demo_sessions.py"
    spec = importlib.util.spec_from_file_location("build_demo_sessions", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def _seconds(parts: tuple[str, ...]) -> float:
    hours, minutes, seconds, millis = (int(part) for part in parts)
    return hours * 3600 + minutes * 60 + seconds + millis / 1000


def _vtt_cues(text: str) -> list[tuple[float, float, str]]:
    lines = text.splitlines()
    cues = []
    for position, line in enumerate(lines):
        if match := VTT_TIMING.match(line):
            groups = match.groups()
            cues.append((_seconds(groups[:4]), _seconds(groups[4:]), lines[position + 1]))
    return cues


def _spoken_turns(demo: DemoSession, text: str) -> list[tuple[str, str]]:
    """(speaker, text) per caption or paragraph, read the way each export style writes it."""
    if demo.filename.endswith(".txt"):
        turns = []
        blocks = [block.splitlines() for block in text.strip().split("\n\n")]
        for block in blocks:
            header = OTTER_HEADER.match(block[0])
            assert header, f"not an Otter header line: {block[0]!r}"
            turns.append((header.group(1), " ".join(block[1:])))
        return turns
    turns = []
    for _, _, payload in _vtt_cues(text):
        if voice := re.fullmatch(r"<v ([^>]+)>(.*)</v>", payload):
            turns.append((voice.group(1), voice.group(2)))
        else:
            speaker, _, said = payload.partition(": ")
            turns.append((speaker, said))
    return turns


@pytest.mark.parametrize("demo", DEMO_SESSIONS, ids=lambda demo: demo.id)
def test_demo_file_is_long_two_person_dialogue(demo: DemoSession) -> None:
    text = demo_path(demo.id).read_text(encoding="utf-8")
    turns = _spoken_turns(demo, text)
    assert {speaker for speaker, _ in turns} == {demo.coach_name, demo.client_name}
    assert sum(len(said.split()) for _, said in turns) >= 4000


@pytest.mark.parametrize(
    "demo", [d for d in DEMO_SESSIONS if d.filename.endswith(".vtt")], ids=lambda demo: demo.id
)
def test_vtt_demo_has_header_and_increasing_cue_times(demo: DemoSession) -> None:
    text = demo_path(demo.id).read_text(encoding="utf-8")
    assert text.startswith("WEBVTT\n")
    cues = _vtt_cues(text)
    starts = [start for start, _, _ in cues]
    assert len(cues) > 100
    assert all(start < end for start, end, _ in cues)
    assert all(earlier < later for earlier, later in itertools.pairwise(starts))
    assert cues[-1][1] >= 30 * 60, "a demo session should run at least 30 minutes"


def test_registry_ids_are_unique_and_default_exists() -> None:
    ids = [demo.id for demo in DEMO_SESSIONS]
    assert len(ids) == len(set(ids))
    assert get_demo(DEFAULT_DEMO_ID).id == DEFAULT_DEMO_ID
    assert {Path(demo.filename).suffix for demo in DEMO_SESSIONS} >= {".vtt", ".txt"}


def test_unknown_demo_id_is_a_one_line_coachlens_error() -> None:
    with pytest.raises(CoachlensError, match=r"unknown demo session 'nope'; choose one of: strong-pcc"):
        demo_path("nope")


def test_rendering_is_deterministic(build_script: ModuleType, tmp_path: Path) -> None:
    first = build_script.render_all(tmp_path / "first")
    second = build_script.render_all(tmp_path / "second")
    assert [path.name for path in first] == [path.name for path in second]
    for one, two in zip(first, second, strict=True):
        assert one.read_bytes() == two.read_bytes()


def test_bundled_files_equal_a_fresh_render(build_script: ModuleType) -> None:
    assert build_script.stale_files() == [], "run scripts/build_demo_sessions.py and commit the result"


def test_marked_pause_and_overlap_show_in_the_timing(build_script: ModuleType) -> None:
    source = "# title: t\n# coach: A B\n# client: C D\n# format: zoom-vtt\n" + (
        "A B: One two three four five six.\n[pause 8]\nC D: Seven eight nine ten.\n"
        "[overlap]\nA B: Eleven twelve thirteen.\n"
    )
    session = build_script.parse_source(source, "inline.txt")
    turns = build_script.time_turns("inline", session)
    assert turns[1].start_s - turns[0].end_s == pytest.approx(8.0, abs=0.002)
    assert turns[2].start_s < turns[1].end_s
    assert turns[2].start_s > turns[1].cues[-1].start_s


def test_source_with_same_speaker_twice_is_refused(build_script: ModuleType) -> None:
    source = "# title: t\n# coach: A B\n# client: C D\n# format: zoom-vtt\nA B: Hi.\nA B: Again.\nC D: Yes.\n"
    with pytest.raises(build_script.SourceError, match=r"inline\.txt:6: A B speaks twice in a row"):
        build_script.parse_source(source, "inline.txt")
