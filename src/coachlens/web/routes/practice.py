"""Practice pages: pick a simulated client, hold the session in a chat, end it, read the debrief.

    GET  /practice                         persona picker (brief of each client, options)
    POST /practice/start                   open a practice session -> the chat page
    GET  /practice/runs/{id}               the chat: transcript, live hints, trust meter
    POST /practice/runs/{id}/say           one coach turn (form post; JSON when asked for it)
    POST /practice/runs/{id}/hints         hints and trust meter on or off
    POST /practice/runs/{id}/end           assess, store as a practice session -> the debrief
    GET  /practice/debriefs/{session_id}   the debrief of a stored practice session

Every page works without JavaScript (forms and redirects); `static/practice.js` only saves reloads.
Sessions in progress live in memory (`coachlens.practice.live`) with a copy of their state in the
database after every exchange (`coachlens.practice.drafts`), so a restart does not end them; ended
ones are stored as sessions and their draft deleted.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from markupsafe import Markup

from coachlens.analysis.types import ActClassifier
from coachlens.config import Settings
from coachlens.errors import NotFoundError, PracticeError
from coachlens.practice import Exchange, PracticeSimulator, get_persona, load_personas
from coachlens.practice.debrief import AssessFn, build_debrief
from coachlens.practice.drafts import DatabaseRunStore
from coachlens.practice.live import LiveRun, LiveRuns
from coachlens.practice.responders import OfflineResponder, Responder
from coachlens.practice.store import chart_from_section, practice_section, save_practice
from coachlens.storage import get_session
from coachlens.web.deps import AppContext, ContextDep, DatabaseDep, SettingsDep, TemplatesDep

log = logging.getLogger(__name__)

router = APIRouter(include_in_schema=False)

MAX_TURN_CHARS = 2000


def live_runs(request: Request) -> LiveRuns:
    """The app's table of open practice sessions (created on first use), backed by the database.
    Tests may put a stand-in clock (seconds) on `app.state.practice_clock`."""
    state = request.app.state
    runs: LiveRuns | None = getattr(state, "practice_runs", None)
    if runs is None:
        context: AppContext = state.context
        store = DatabaseRunStore(
            context.db,
            classifier=lambda: _classifier(context.settings),
            responder=lambda: _responder(context),
        )
        clock = getattr(state, "practice_clock", None)
        runs = LiveRuns(store=store, clock=clock) if clock is not None else LiveRuns(store=store)
        state.practice_runs = runs
    return runs


def practice_assess(request: Request) -> AssessFn | None:
    """Tests may put a stand-in engine on `app.state.practice_assess`; None means the real engine."""
    assess: AssessFn | None = getattr(request.app.state, "practice_assess", None)
    return assess


@router.get("/practice", response_class=HTMLResponse)
def practice_page(request: Request, templates: TemplatesDep, settings: SettingsDep) -> Response:
    """Choose a client to practise with; each card shows the brief a coach would get."""
    return templates.TemplateResponse(
        request,
        "practice.html",
        {"nav": "practice", "personas": load_personas(), "hints_default": settings.practice_hints},
    )


@router.post("/practice/start")
def start_practice(
    request: Request,
    context: ContextDep,
    persona: Annotated[str, Form(max_length=60)],
    seed: Annotated[str, Form(max_length=12)] = "",
    hints: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    """Open a practice session with the chosen persona and go to its chat page."""
    chosen = get_persona(persona)
    simulator = PracticeSimulator(
        chosen,
        _classifier(context.settings),
        responder=_responder(context),
        seed=_seed(seed),
        hints=bool(hints),
    )
    run = live_runs(request).open(simulator)
    return RedirectResponse(f"/practice/runs/{run.id}", status_code=303)


@router.get("/practice/runs/{run_id}", response_class=HTMLResponse)
def chat_page(request: Request, run_id: str, templates: TemplatesDep) -> Response:
    """The conversation so far with the box to say the next thing."""
    run = live_runs(request).get(run_id)
    return templates.TemplateResponse(request, "practice_chat.html", _chat_context(run))


@router.post("/practice/runs/{run_id}/say", response_model=None)
def say(
    request: Request, run_id: str, text: Annotated[str, Form(max_length=MAX_TURN_CHARS)] = ""
) -> Response:
    """One coach turn. Browsers without JS get the chat page again; `Accept: application/json` gets
    the exchange as JSON (what practice.js appends)."""
    runs = live_runs(request)
    run = runs.get(run_id)
    with run.lock:
        exchange = run.simulator.respond(text)
        runs.save(run)
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse(_exchange_json(run, exchange))
    return RedirectResponse(f"/practice/runs/{run_id}#latest", status_code=303)


@router.post("/practice/runs/{run_id}/hints")
def toggle_hints(request: Request, run_id: str, hints: Annotated[str, Form(max_length=5)] = "") -> Response:
    """Switch live hints and the trust meter on or off for the rest of the session."""
    runs = live_runs(request)
    run = runs.get(run_id)
    with run.lock:
        run.simulator.hints_enabled = bool(hints)
        runs.save(run)
    return RedirectResponse(f"/practice/runs/{run_id}#say", status_code=303)


@router.post("/practice/runs/{run_id}/end")
def end_practice(request: Request, run_id: str, context: ContextDep) -> Response:
    """Assess the practice transcript with the engine, store it as practice, show the debrief."""
    runs = live_runs(request)
    run = runs.get(run_id)
    with run.lock:
        if run.simulator.coach_turns == 0:
            raise PracticeError("nothing to debrief yet: say at least one thing to the client first")
        record = run.simulator.end()
        debrief = build_debrief(
            record, run.simulator.persona, settings=context.settings, assess=practice_assess(request)
        )
        session_id = save_practice(context.db, debrief)
    runs.close(run_id)
    return RedirectResponse(f"/practice/debriefs/{session_id}", status_code=303)


@router.get("/practice/debriefs/{session_id}", response_class=HTMLResponse)
def debrief_page(request: Request, session_id: str, db: DatabaseDep, templates: TemplatesDep) -> Response:
    """The debrief of a stored practice session, rebuilt from what was stored."""
    record = get_session(db, session_id)
    section = practice_section(record)
    if section is None:
        raise NotFoundError(f"session '{record.title}' has no practice debrief; open its report instead")
    assessment: dict[str, Any] = record.assessment or {}
    run = section.get("run") or {}
    persona_id = str(run.get("persona", ""))
    known = {p.id for p in load_personas()}
    return templates.TemplateResponse(
        request,
        "practice_debrief.html",
        {
            "nav": "practice",
            "session": record,
            "debrief": section,
            "run": run,
            "assessment": assessment,
            "chart": Markup(
                chart_from_section(section, title=f"Trust over the session with {record.client_pseudonym}")
            ),
            "persona_id": persona_id if persona_id in known else "",
        },
    )


def _chat_context(run: LiveRun) -> dict[str, Any]:
    simulator = run.simulator
    snapshot = simulator.snapshot()
    persona = simulator.persona
    return {
        "nav": "practice",
        "run_id": run.id,
        "persona": persona,
        "turns": snapshot.turns,
        "trust": simulator.trust,
        "hints_on": simulator.hints_enabled,
        "layer": simulator.layer,
        "deepest": persona.deepest_layer,
        "max_chars": MAX_TURN_CHARS,
    }


def _exchange_json(run: LiveRun, exchange: Exchange) -> dict[str, Any]:
    simulator = run.simulator
    hints_on = simulator.hints_enabled
    return {
        "coach": {"index": exchange.coach.index, "text": exchange.coach.text},
        "client": {
            "index": exchange.client.index,
            "text": exchange.client.text,
            "name": simulator.persona.name,
        },
        "hints": [h.to_dict() for h in exchange.hints] if hints_on else [],
        "trust": round(simulator.trust, 1) if hints_on else None,
        "trust_delta": exchange.coach.trust_delta if hints_on else None,
        "opened_layer": exchange.opened_layer if hints_on else None,
        "layer": simulator.layer if hints_on else None,
    }


def _seed(text: str) -> int:
    stripped = text.strip()
    if not stripped:
        return 0
    if not stripped.lstrip("-").isdigit():
        raise PracticeError(f"seed '{stripped[:12]}' is not a whole number; leave it empty or use e.g. 7")
    return int(stripped)


def _classifier(settings: Settings) -> ActClassifier:
    from coachlens.analysis.acts import load_default_classifier

    return load_default_classifier(settings)


def _responder(context: AppContext) -> Responder:
    try:
        from coachlens.llm.practice_voice import practice_responder
    except ImportError:  # the LLM voice is optional
        return OfflineResponder()
    return practice_responder(context.settings, db=context.db)
