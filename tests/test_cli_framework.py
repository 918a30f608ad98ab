"""`coachlens competencies`, `markers` and `drill`, run through the real CLI entry point in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_support import Cli
from coachlens.framework import Rubric, load_rubric, select_questions

PAGE_SECTIONS = [
    "## What it means",
    "## Sub-points of the competency",
    "## How it shows in a session",
    "## ACC, PCC and MCC",
    "## Development tips",
    "## Common mistakes",
    "## Related competencies",
    "## Practice questions",
    "### Answers",
    "## Resources",
]
MARKER_SECTIONS = [
    "**What assessors listen for:**",
    "**Can a transcript show it?**",
    "**Sounds like:**",
    "**Close, but not it:**",
    "**Development tip:**",
    "**Rewrite:**",
]


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric("icf-2019-pcc-2020")


def test_competency_4_page_has_every_section(cli: Cli, rubric: Rubric) -> None:
    result = cli("competencies", "4", "--format", "md")
    assert result.code == 0, result.err
    page = result.out
    assert page.startswith("# 4. Cultivates Trust and Safety")
    for section in PAGE_SECTIONS + MARKER_SECTIONS + ["## PCC markers"]:
        assert section in page, section
    competency = rubric.competency(4)
    assert competency.definition in page
    for sub in competency.subpoints:
        assert f"**{sub.id}**" in page
    for marker in competency.markers:
        assert f"### {marker.id} {marker.short_name}" in page
        assert marker.demonstrating_examples[0] in page
    for question in competency.practice_questions:
        assert f"### {question.id}" in page
    for related in competency.related:
        assert f"**{related.competency}. {rubric.competency(related.competency).name}:**" in page
    assert all(level in page for level in ("**ACC:**", "**PCC:**", "**MCC:**"))


@pytest.mark.parametrize("competency_id", range(1, 9))
def test_every_competency_page_is_complete(cli: Cli, rubric: Rubric, competency_id: int) -> None:
    page = cli("competencies", str(competency_id)).out
    for section in PAGE_SECTIONS:
        assert section in page, f"competency {competency_id}: {section}"
    competency = rubric.competency(competency_id)
    assert ("## PCC markers" in page) == bool(competency.markers)
    if competency_id == 2:
        assert "Evidenced by these PCC markers" in page and "**7.5**" in page


def test_all_competencies_as_markdown(cli: Cli, rubric: Rubric) -> None:
    result = cli("competencies")
    assert result.code == 0
    assert result.out.startswith(f"# {rubric.meta.title}")
    for competency in rubric.competencies:
        assert f"## {competency.id}. {competency.name}" in result.out


def test_json_is_the_structured_data(cli: Cli) -> None:
    whole = json.loads(cli("competencies", "--format", "json").out)
    assert whole["rubric"]["id"] == "icf-2019-pcc-2020"
    assert [c["id"] for c in whole["competencies"]] == list(range(1, 9))
    one = json.loads(cli("competencies", "4", "--format", "json").out)
    assert one["id"] == 4 and [m["id"] for m in one["markers"]] == ["4.1", "4.2", "4.3", "4.4"]


def test_output_file(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "guide" / "c3.md"
    result = cli("competencies", "3", "--output", str(target))
    assert result.code == 0
    assert target.read_text(encoding="utf-8").startswith("# 3. Establishes and Maintains Agreements")


def test_markers_listing(cli: Cli) -> None:
    every = json.loads(cli("markers", "--format", "json").out)
    assert len(every) == 37
    assert [m["id"] for m in json.loads(cli("markers", "--competency", "6", "--format", "json").out)] == [
        f"6.{n}" for n in range(1, 8)
    ]
    table = cli("markers").out
    assert "| 5.5 |" in table and "timestamps" in table and "| 8.9 |" in table
    mindset = cli("markers", "-c", "2").out
    assert "no PCC markers of its own" in mindset and "| 7.5 |" in mindset


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("competencies", "9"), "error: unknown competency '9'"),
        (("competencies", "4.2"), "error: '4.2' is a PCC marker id, not a competency"),
        (("competencies", "4", "--rubric", "icf-1999"), "error: unknown rubric 'icf-1999'"),
        (("markers", "--competency", "10"), "error: unknown competency '10'"),
        (("drill", "--answers", "1,x", "-c", "4", "-n", "2"), "error: --answers: answer 2 is 'x'"),
        (("drill", "--answers", "1,2", "-c", "4"), "error: --answers gives 2 answers but the drill has"),
        (("drill", "-c", "4", "--count", "0", "--answers", "1"), "error: --count must be at least 1"),
    ],
)
def test_bad_ids_and_answers_exit_1_with_one_line(cli: Cli, args: tuple[str, ...], message: str) -> None:
    result = cli(*args)
    assert result.code == 1
    assert result.err.startswith(message)
    assert result.err.count("\n") == 1
    assert result.out == ""


def test_drill_with_answers_scores_and_explains(cli: Cli, rubric: Rubric) -> None:
    questions = rubric.competency(4).practice_questions
    best = ",".join(str(q.best) for q in questions)
    result = cli("drill", "--competency", "4", "--answers", best)
    assert result.code == 0, result.err
    assert f"Score: {len(questions)}/{len(questions)} (100%)" in result.out
    assert result.out.count("Best response.") == len(questions)
    for question in questions:
        assert f"({question.id})" in result.out
        assert question.best_explanation.split()[0] in result.out

    worst = ",".join(str(q.worst) for q in questions)
    result = cli("drill", "--competency", "4", "--answers", worst)
    assert f"Score: 0/{len(questions)} (0%)" in result.out
    assert f"worst response chosen {len(questions)} times" in result.out
    assert "Review: 4.q1" in result.out


def test_drill_seed_and_count_are_reproducible(cli: Cli) -> None:
    first = cli("drill", "--seed", "11", "--count", "3", "--answers", "1,2,3").out
    second = cli("drill", "--seed", "11", "--count", "3", "--answers", "1,2,3").out
    assert first == second
    assert "Order seed 11" in first and "Question 3 of 3" in first and "Question 4" not in first


def test_interactive_drill_reads_answers_and_reprompts(cli: Cli, rubric: Rubric) -> None:
    # The seed fixes the order; work out which questions come first to answer them on purpose.
    ordered = select_questions(rubric, 3, count=2, seed=5)
    stdin = f"7\n{ordered[0].best}\n{ordered[1].worst}\n"
    result = cli("drill", "-c", "3", "-n", "2", "--seed", "5", stdin=stdin)
    assert result.code == 0, result.err
    assert "Score: 1/2 (50%)" in result.out
    assert "Please select one of the available options" in result.out


def test_interactive_drill_without_input_fails_cleanly(cli: Cli) -> None:
    result = cli("drill", "-c", "4", "-n", "1", "--seed", "1")
    assert result.code == 1
    assert result.err.startswith("error: no answer on standard input")
