"""`coachlens competencies`, `coachlens markers` and `coachlens drill`: the competency library in a terminal.

Thin wrappers over coachlens.framework; every lookup error is a FrameworkError that the CLI shell
turns into one `error:` line and exit code 1.
"""

from __future__ import annotations

import json
import random
import textwrap
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.prompt import Prompt

from coachlens.commands.common import write_output
from coachlens.errors import FrameworkError
from coachlens.framework import (
    DrillAnswer,
    DrillResult,
    PracticeQuestion,
    Rubric,
    grade,
    load_rubric,
    parse_answers,
    select_questions,
)
from coachlens.framework.drill import OPTION_COUNT
from coachlens.framework.render_md import render_competency, render_markers, render_rubric


class OutputFormat(StrEnum):
    md = "md"
    json = "json"


RubricOption = Annotated[
    str | None,
    typer.Option("--rubric", help="Rubric id (default: the `rubric` setting, normally icf-2019-pcc-2020)."),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="md: a readable study guide; json: the structured data."),
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
]


def register(app: typer.Typer) -> None:
    app.command("competencies")(competencies)
    app.command("markers")(markers)
    app.command("drill")(drill)


def competencies(
    competency: Annotated[
        str | None, typer.Argument(help="Competency id 1-8; all of them when left out.")
    ] = None,
    output_format: FormatOption = OutputFormat.md,
    rubric_id: RubricOption = None,
    output: OutputOption = None,
) -> None:
    """Show the competency library: one competency's study-guide page, or all of them."""
    rubric = load_rubric(rubric_id)
    if competency is None:
        text = _json(rubric.to_dict()) if output_format is OutputFormat.json else render_rubric(rubric)
    else:
        chosen = rubric.competency(competency)
        if output_format is OutputFormat.json:
            text = _json(chosen.model_dump(mode="json"))
        else:
            text = render_competency(rubric, chosen)
    write_output(text, output)


def markers(
    competency: Annotated[
        str | None, typer.Option("--competency", "-c", help="Only this competency's markers (3-8).")
    ] = None,
    output_format: FormatOption = OutputFormat.md,
    rubric_id: RubricOption = None,
    output: OutputOption = None,
) -> None:
    """List the PCC markers (all 37, or one competency's)."""
    rubric = load_rubric(rubric_id)
    chosen = rubric.competency(competency) if competency is not None else None
    if output_format is OutputFormat.json:
        listed = rubric.markers_for(chosen.id) if chosen is not None else rubric.markers
        text = _json([marker.model_dump(mode="json") for marker in listed])
    else:
        text = render_markers(rubric, chosen)
    write_output(text, output)


def drill(
    competency: Annotated[
        str | None, typer.Option("--competency", "-c", help="Only this competency's questions (1-8).")
    ] = None,
    answers: Annotated[
        str | None,
        typer.Option("--answers", help="Answer without prompting, one response number per question: 2,1,3."),
    ] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Shuffle the questions with this seed.")] = None,
    count: Annotated[
        int | None, typer.Option("--count", "-n", help="Ask at most this many questions.")
    ] = None,
    rubric_id: RubricOption = None,
) -> None:
    """A situational-judgement quiz: choose the best coach response, get the reasoning, see your score.

    Questions come in file order with --answers (so scripts are stable) and shuffled otherwise;
    --seed fixes the shuffle.
    """
    rubric = load_rubric(rubric_id)
    if seed is None and answers is None:
        seed = random.randrange(10_000)
    questions = select_questions(rubric, competency, count=count, seed=seed)
    given = parse_answers(answers, len(questions)) if answers is not None else None
    console = Console(highlight=False, soft_wrap=False)
    _print_header(console, rubric, competency, len(questions), seed)
    graded: list[DrillAnswer] = []
    for number, question in enumerate(questions, start=1):
        _print_question(console, question, number, len(questions))
        chosen = given[number - 1] if given is not None else _ask(console)
        if given is not None:
            console.print(f"Your answer: {chosen}")
        result = grade(question, chosen)
        graded.append(result)
        _print_feedback(console, result)
    _print_score(console, DrillResult(answers=tuple(graded)))


def _ask(console: Console) -> int:
    choices = [str(n) for n in range(1, OPTION_COUNT + 1)]
    try:
        return int(Prompt.ask("Your answer", choices=choices, console=console))
    except EOFError:
        raise FrameworkError(
            "no answer on standard input: run `coachlens drill` in a terminal or pass --answers 2,1,3"
        ) from None


def _print_header(
    console: Console, rubric: Rubric, competency: str | None, total: int, seed: int | None
) -> None:
    scope = f"competency {rubric.competency(competency).id}" if competency is not None else "all competencies"
    console.print(f"[bold]Situational-judgement drill[/bold]: {total} questions, {scope} ({rubric.id})")
    if seed is not None:
        console.print(f"Order seed {seed} (repeat it with --seed {seed}).")
    console.print("For each scenario, choose the response that best reflects ICF-aligned coaching.")


def _print_question(console: Console, question: PracticeQuestion, number: int, total: int) -> None:
    console.print()
    console.print(f"[bold]Question {number} of {total}[/bold] ({question.id})")
    _say(console, question.scenario)
    for option_number, option in enumerate(question.options, start=1):
        _say(console, option, first=f"  {option_number}. ", rest="     ")


def _print_feedback(console: Console, answer: DrillAnswer) -> None:
    question = answer.question
    if answer.is_best:
        console.print("[green]Best response.[/green]")
    elif answer.is_worst:
        console.print(f"[red]That is the worst response.[/red] The best was {question.best}.")
    else:
        console.print(f"[yellow]Not the best.[/yellow] The best was {question.best}.")
    _say(console, question.best_explanation, first=f"Best ({question.best}): ", rest="  ")
    _say(console, question.worst_explanation, first=f"Worst ({question.worst}): ", rest="  ")
    if question.markers:
        console.print(f"Markers: {', '.join(question.markers)}")


def _say(console: Console, text: str, first: str = "", rest: str = "") -> None:
    """Print rubric text wrapped to the terminal with a hanging indent, never as Rich markup."""
    width = max(console.width, 40)
    wrapped = textwrap.fill(" ".join(text.split()), width=width, initial_indent=first, subsequent_indent=rest)
    console.print(wrapped, markup=False, soft_wrap=True)


def _print_score(console: Console, result: DrillResult) -> None:
    console.print()
    console.print(
        f"[bold]Score: {result.best_count}/{result.total} ({result.percent:g}%)[/bold]; "
        f"worst response chosen {result.worst_count} time{'s' if result.worst_count != 1 else ''}."
    )
    missed = [a.question.id for a in result.answers if not a.is_best]
    if missed:
        pages = sorted({question_id.split(".")[0] for question_id in missed}, key=int)
        commands = ", ".join(f"`coachlens competencies {page}`" for page in pages)
        _say(console, f"Review: {', '.join(missed)} (the study guide: {commands}).")


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)
