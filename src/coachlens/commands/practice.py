"""`coachlens practice` (interactive or scripted) and `coachlens personas`.

Interactive: a chat in the terminal with the simulated client, live hints and a trust meter, then the
debrief, stored as a practice session. Scripted: coach lines from a file, one per line, and the result
as `coachlens.practice/1` JSON (or a readable transcript). Both are thin layers over coachlens.practice.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.prompt import Prompt

from coachlens.analysis.types import ActClassifier
from coachlens.commands.common import settings_from_flags, write_output
from coachlens.config import Settings
from coachlens.errors import PracticeError
from coachlens.practice import Exchange, Persona, PracticeSimulator, get_persona, load_personas
from coachlens.practice.debrief import Debrief, build_debrief
from coachlens.practice.responders import OfflineResponder, Responder

END_COMMANDS = ("/end", "/quit", "/debrief")
HINTS_COMMAND = "/hints"
MAX_SCRIPT_BYTES = 200_000


class PracticeFormat(StrEnum):
    text = "text"
    json = "json"


def register(app: typer.Typer) -> None:
    app.command("practice")(practice)
    app.command("personas")(personas)


def personas(
    output_format: Annotated[
        PracticeFormat, typer.Option("--format", "-f", help="text: a table; json: id, name, brief, layers.")
    ] = PracticeFormat.text,
) -> None:
    """List the simulated clients you can practise with."""
    found = load_personas()
    if output_format is PracticeFormat.json:
        write_output(json.dumps([p.summary_dict() for p in found], indent=2, ensure_ascii=False), None)
        return
    console = Console(highlight=False)
    for persona in found:
        console.print(f"[bold]{persona.id}[/bold]  {escape(persona.name)}, {persona.age}")
        console.print(f"    {escape(persona.brief)}  ({persona.deepest_layer} layers)")


def practice(
    persona_id: Annotated[
        str | None,
        typer.Option("--persona", "-p", help="Persona id (see `coachlens personas`); asked if left out."),
    ] = None,
    seed: Annotated[
        int, typer.Option("--seed", help="Seed for the client's choices; same seed, same session.")
    ] = 0,
    no_hints: Annotated[
        bool, typer.Option("--no-hints", help="Practise without live hints and trust meter.")
    ] = False,
    script: Annotated[
        Path | None,
        typer.Option("--script", help="Coach lines from this file, one per line (scripted mode)."),
    ] = None,
    output_format: Annotated[
        PracticeFormat,
        typer.Option("--format", "-f", help="Scripted output: text transcript or coachlens.practice/1 JSON."),
    ] = PracticeFormat.text,
    save: Annotated[
        bool | None,
        typer.Option(
            "--save/--no-save", help="Store the session as practice (default: interactive yes, scripted no)."
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the scripted output to a file.")
    ] = None,
) -> None:
    """Practise a coaching session with a simulated client, then get the debrief."""
    settings = settings_from_flags()
    hints = settings.practice_hints and not no_hints
    if script is not None:
        if persona_id is None:
            raise PracticeError("scripted practice needs --persona ID (see `coachlens personas`)")
        _scripted(settings, get_persona(persona_id), script, seed, hints, output_format, bool(save), output)
        return
    console = Console(highlight=False)
    persona = get_persona(persona_id) if persona_id else _choose_persona(console)
    _interactive(console, settings, persona, seed, hints, save is not False)


def read_script(path: Path) -> list[str]:
    """Coach lines from a file, one per line; blank lines and `#` comments skipped, `Coach:` tolerated."""
    if not path.is_file():
        raise PracticeError(
            f"script file {path} does not exist; give a text file with one coach line per line"
        )
    if path.stat().st_size > MAX_SCRIPT_BYTES:
        raise PracticeError(
            f"script file {path} is over {MAX_SCRIPT_BYTES // 1000} kB; a practice script is a few lines"
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise PracticeError(f"script file {path} is not UTF-8 text; save it as UTF-8 and try again") from None
    lines = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.lower().startswith("coach:"):
            line = line[len("coach:") :].strip()
        lines.append(line)
    if not lines:
        raise PracticeError(f"script file {path} has no coach lines")
    return lines


def _responder(settings: Settings) -> Responder:
    try:
        from coachlens.llm.practice_voice import practice_responder
    except ImportError:  # the LLM voice is optional
        return OfflineResponder()
    return practice_responder(settings)


def _classifier(settings: Settings) -> ActClassifier:
    from coachlens.analysis.acts import load_default_classifier

    return load_default_classifier(settings)


def _scripted(
    settings: Settings,
    persona: Persona,
    script: Path,
    seed: int,
    hints: bool,
    output_format: PracticeFormat,
    save: bool,
    output: Path | None,
) -> None:
    lines = read_script(script)
    simulator = PracticeSimulator(
        persona, _classifier(settings), responder=_responder(settings), seed=seed, hints=hints
    )
    for line in lines:
        simulator.respond(line)
    debrief = build_debrief(simulator.end(), persona, settings=settings)
    if save:
        session_id = _save(settings, debrief)
        typer.echo(f"saved as practice session {session_id}", err=True)
    if output_format is PracticeFormat.json:
        write_output(json.dumps(debrief.practice_document(), indent=2, ensure_ascii=False), output)
    else:
        write_output(_debrief_text(debrief, transcript=True), output)


def _save(settings: Settings, debrief: Debrief) -> str:
    # Imported here: the database layer is heavy and most practice runs are scripted, not saved.
    from coachlens.practice.store import save_practice
    from coachlens.storage import upgrade_database

    db = upgrade_database(settings)
    try:
        return save_practice(db, debrief)
    finally:
        db.dispose()


def _choose_persona(console: Console) -> Persona:
    found = load_personas()
    for number, persona in enumerate(found, start=1):
        console.print(
            f"[bold]{number}[/bold]. {escape(persona.name)}, {persona.age}: {escape(persona.brief)}"
        )
    choices = [str(n) for n in range(1, len(found) + 1)]
    picked = Prompt.ask("Who would you like to coach?", choices=choices, console=console)
    return found[int(picked) - 1]


def _interactive(
    console: Console, settings: Settings, persona: Persona, seed: int, hints: bool, save: bool
) -> None:
    simulator = PracticeSimulator(
        persona, _classifier(settings), responder=_responder(settings), seed=seed, hints=hints
    )
    console.rule(f"Practice with {escape(persona.name)}")
    console.print(escape(persona.brief))
    console.print(
        f"[dim]Type what you say as the coach. {HINTS_COMMAND} turns hints on or off; "
        f"{END_COMMANDS[0]} ends the session and opens the debrief.[/dim]"
    )
    while True:
        try:
            line = Prompt.ask("[bold]You[/bold]", console=console, default="", show_default=False)
        except EOFError:
            break
        command = line.strip().lower()
        if command in END_COMMANDS:
            break
        if command == HINTS_COMMAND:
            simulator.hints_enabled = not simulator.hints_enabled
            console.print(f"[dim]hints {'on' if simulator.hints_enabled else 'off'}[/dim]")
            continue
        _show_exchange(console, persona, simulator.respond(line), simulator.hints_enabled)
    if simulator.coach_turns == 0:
        console.print("No turns, no debrief. Come back any time.")
        return
    console.print("[dim]Assessing the practice transcript...[/dim]")
    debrief = build_debrief(simulator.end(), persona, settings=settings)
    console.print(_debrief_text(debrief, transcript=False), markup=False)
    if save:
        console.print(
            f"Saved as practice session {_save(settings, debrief)} (see it with `coachlens serve`)."
        )


def _show_exchange(console: Console, persona: Persona, exchange: Exchange, hints: bool) -> None:
    console.print(f"[bold cyan]{escape(persona.name)}:[/bold cyan] {escape(exchange.client.text)}")
    if not hints:
        return
    console.print(
        f"[dim]{escape(trust_meter(exchange.client.trust))}  ({exchange.coach.trust_delta:+.0f})[/dim]"
    )
    if exchange.opened_layer is not None:
        console.print(f"[green]The client opened up: layer {exchange.opened_layer}.[/green]")
    for hint in exchange.hints:
        colour = {"shown": "green", "missed": "yellow", "caution": "red"}[hint.kind]
        console.print(f"[{colour}]hint:[/{colour}] {escape(hint.text)}")


def trust_meter(trust: float, width: int = 20) -> str:
    """`trust [#######.............] 35`: a text meter for terminals."""
    filled = round(width * max(0.0, min(100.0, trust)) / 100)
    return f"trust [{'#' * filled}{'.' * (width - filled)}] {trust:.0f}"


def _debrief_text(debrief: Debrief, *, transcript: bool) -> str:
    run = debrief.run
    out: list[str] = []
    if transcript:
        out.append(f"Practice with {run.persona_name} (seed {run.seed})\n")
        for turn in run.turns:
            who = "Coach" if turn.role == "coach" else run.persona_name
            trust = f"  [trust {turn.trust:.0f}]" if turn.role == "client" else ""
            out.append(f"{turn.index:>3} {who}: {turn.text}{trust}")
        out.append("")
    assessment = debrief.assessment
    out.append("DEBRIEF")
    out.append(debrief.summary)
    out.append(
        f"Overall score {assessment.overall_score:.0f}/100, readiness (advisory): {assessment.readiness.level}."
    )
    out.append("\nTurns that moved trust:")
    out.extend(
        f"  turn {m.turn} ({m.delta:+.0f}): '{m.quote}': {', '.join(m.reasons)}" for m in debrief.moments
    )
    out.append("\nLayers:")
    for layer in debrief.layers:
        state = f"opened at turn {layer.turn} by '{layer.quote}'" if layer.reached else f"hidden: {layer.why}"
        out.append(f"  {layer.layer}. {layer.title}: {state}")
    if debrief.ethics is not None:
        out.append(f"\nEthics (competency 1): {debrief.ethics.summary}")
    out.append(f"\nOne thing to try next time: {debrief.next_time}")
    return "\n".join(out) + "\n"
