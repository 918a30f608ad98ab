"""Persona data files: every packaged persona is valid and rich enough; broken files fail clearly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from coachlens.errors import NotFoundError, PracticeError
from coachlens.practice.personas import PERSONAS_DIR, Persona, get_persona, load_persona_file, load_personas

PERSONAS = load_personas()
IDS = [p.id for p in PERSONAS]


def test_at_least_eight_personas_with_distinct_people() -> None:
    assert len(PERSONAS) >= 8
    assert len(set(IDS)) == len(IDS)
    assert len({p.name for p in PERSONAS}) == len(PERSONAS)
    ages = sorted(p.age for p in PERSONAS)
    assert ages[-1] - ages[0] >= 25, "personas should span a wide range of ages"
    assert len({p.context.split(";")[0] for p in PERSONAS}) == len(PERSONAS), "each lives somewhere else"


def test_the_required_situations_are_all_covered() -> None:
    text = {p.id: f"{p.brief} {p.presenting_topic} {p.background}".lower() for p in PERSONAS}
    wanted = {
        "new manager after a promotion": ("promot",),
        "career change": ("retrain", "career change", "career"),
        "founder with a hard decision": ("founder",),
        "close to burnout": ("busy season", "tired", "sleeps five hours"),
        "sent by the employer": ("hr", "sent"),
        "keeps asking for advice": ("ask you what you would do", "asks everyone"),
        "talkative and drifts": ("talks a lot", "wander"),
    }
    for situation, words in wanted.items():
        assert any(any(w in t for w in words) for t in text.values()), situation
    boundary = [p for p in PERSONAS if p.boundary is not None]
    assert boundary and boundary[0].boundary is not None and boundary[0].boundary.kind == "therapy"
    assert any(p.traits.drift > 0 for p in PERSONAS)
    assert any(p.traits.advice_seeking >= 0.3 for p in PERSONAS)


@pytest.mark.parametrize("persona", PERSONAS, ids=IDS)
def test_layers_go_from_surface_to_insight_with_rising_thresholds(persona: Persona) -> None:
    kinds = [layer.kind for layer in persona.layers]
    assert kinds[0] == "surface" and kinds[-1] == "insight"
    assert 3 <= len(kinds) <= 4
    thresholds = [layer.threshold for layer in persona.layers]
    assert thresholds == sorted(thresholds) and len(set(thresholds)) == len(thresholds)
    for layer in persona.layers[1:]:
        assert layer.unlock is not None and layer.unlock.description
        assert persona.cues_for(persona.layers.index(layer) + 1)


@pytest.mark.parametrize("persona", PERSONAS, ids=IDS)
def test_enough_unique_lines_for_a_twenty_turn_session(persona: Persona) -> None:
    lines = persona.all_lines()
    assert len(lines) >= 110
    assert len({" ".join(line.lower().split()) for line in lines}) == len(lines)
    general = persona.lines
    # Worst cases: twenty closed questions, or twenty pieces of advice, must not run dry.
    closed_pool = len(general.short) + len(general.quiet) + len(general.deflect)
    closed_pool += sum(len(layer.lines.short) + len(layer.lines.deflect) for layer in persona.layers)
    assert closed_pool >= 20
    advice_pool = (
        len(general.advice_reply) + len(general.push_back) + len(general.deflect) + len(general.quiet)
    )
    assert advice_pool >= 20


def test_summary_dict_has_what_the_personas_command_prints() -> None:
    data = get_persona("mei-new-manager").summary_dict()
    assert data["id"] == "mei-new-manager"
    assert data["name"] == "Mei Lin Tan"
    assert data["layers"] == 4
    assert data["brief"].startswith("Mei Lin")


def test_unknown_persona_lists_the_known_ids() -> None:
    with pytest.raises(NotFoundError) as caught:
        get_persona("nobody-here")
    message = str(caught.value)
    assert "nobody-here" in message and "mei-new-manager" in message and "\n" not in message


def _copy(tmp_path: Path, persona_id: str = "mei-new-manager") -> tuple[Path, dict[str, Any]]:
    data = yaml.safe_load((PERSONAS_DIR / f"{persona_id}.yaml").read_text(encoding="utf-8"))
    return tmp_path / f"{persona_id}.yaml", data


def _write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_valid_copy_loads_from_another_folder(tmp_path: Path) -> None:
    path, data = _copy(tmp_path)
    _write(path, data)
    assert [p.id for p in load_personas(tmp_path)] == ["mei-new-manager"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["lines"]["quiet"].append(d["lines"]["short"][0]), "appears twice"),
        (lambda d: d["layers"][2].__setitem__("threshold", 10), "higher trust threshold"),
        (lambda d: d["layers"][1]["unlock"].__setitem__("acts", ["hugging"]), "unknown act"),
        (lambda d: d["layers"][3]["lines"].__setitem__("insight", []), "insight"),
        (lambda d: d["traits"].__setitem__("starting_trust", 55), "starting_trust"),
        (lambda d: d.pop("brief"), "brief"),
        (lambda d: d.__setitem__("id", "someone-else"), "must match the file name"),
    ],
)
def test_broken_persona_files_fail_with_one_clear_line(
    tmp_path: Path, change: Callable[[dict[str, Any]], object], expected: str
) -> None:
    path, data = _copy(tmp_path)
    change(data)
    _write(path, data)
    with pytest.raises(PracticeError) as caught:
        load_persona_file(path)
    message = str(caught.value)
    assert expected in message
    assert message.startswith("mei-new-manager.yaml") and "\n" not in message


def test_not_yaml_and_empty_folders_are_refused(tmp_path: Path) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(PracticeError, match="not valid YAML"):
        load_persona_file(bad)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(PracticeError, match="no persona files"):
        load_personas(empty)
