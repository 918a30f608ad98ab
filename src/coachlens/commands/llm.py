"""`coachlens llm ...`: check the endpoint, preview what would be sent, confirm or forget an endpoint.

`ensure_llm_consent` is also what `coachlens assess --llm` calls before anything is sent: a loopback
endpoint passes, a confirmed one passes, otherwise the user is asked (or `--yes` answers for them).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import typer

from coachlens.commands.common import settings_from_flags, write_output
from coachlens.config import Settings
from coachlens.errors import ConfigError
from coachlens.models import Assessment


def ensure_llm_consent(settings: Settings, *, redact: bool, assume_yes: bool = False) -> None:
    """Make sure the configured endpoint may receive transcripts; ask on a terminal if needed.

    Raises LLMConsentRequiredError when the user says no or cannot be asked (not a terminal).
    """
    from coachlens.llm.consent import consent_question, needs_consent, record_consent, require_consent
    from coachlens.storage import upgrade_database

    base_url = _require_endpoint(settings)
    db = upgrade_database(settings)
    try:
        if not needs_consent(db, base_url):
            return
        if assume_yes or (sys.stdin.isatty() and typer.confirm(consent_question(base_url, redact=redact))):
            key = record_consent(db, base_url, via="cli", model=settings.llm_model, redact=redact)
            typer.echo(f"recorded: transcripts may be sent to {key}", err=True)
            return
        require_consent(db, base_url)
    finally:
        db.dispose()


def _require_endpoint(settings: Settings) -> str:
    if not settings.llm_base_url or not settings.llm_model:
        raise ConfigError(
            "no LLM configured: set llm_base_url and llm_model (COACHLENS_LLM_BASE_URL, COACHLENS_LLM_MODEL) "
            "or use the web Settings page"
        )
    return settings.llm_base_url


def register(app: typer.Typer) -> None:
    llm_app = typer.Typer(
        help="The optional LLM backend: check the endpoint, preview requests, confirm an endpoint.",
        no_args_is_help=True,
    )
    app.add_typer(llm_app, name="llm")

    @llm_app.command("check")
    def check_command(
        base_url: str | None = typer.Option(
            None, "--base-url", help="Endpoint to check instead of llm_base_url."
        ),
        model: str | None = typer.Option(None, "--model", help="Model to check instead of llm_model."),
    ) -> None:
        """Test the connection: reachable, key accepted, model served, model answers. Sends no transcript."""
        from coachlens.llm.check import check_endpoint

        settings = settings_from_flags(llm_base_url=base_url, llm_model=model)
        _require_endpoint(settings)
        report = check_endpoint(settings)
        where = "local (loopback)" if report.local else "remote: transcripts need a one-time confirmation"
        typer.echo(f"endpoint: {report.endpoint} ({where})")
        typer.echo(f"model: {report.model}")
        typer.echo(f"api key: {'set' if settings.llm_api_key else 'not set'}")
        for step in report.steps:
            typer.echo(f"{'ok' if step.ok else 'FAILED'}: {step.message}")
        if not report.ok:
            raise typer.Exit(code=1)

    @llm_app.command("dry-run")
    def dry_run_command(
        file: Path = typer.Argument(..., metavar="FILE", help="Transcript to preview.", show_default=False),
        coach: str | None = typer.Option(None, "--coach", help="Speaker who is the coach."),
        client: str | None = typer.Option(None, "--client", help="Speaker who is the client."),
        no_redact: bool = typer.Option(False, "--no-redact", help="Preview without redaction."),
        no_narrative: bool = typer.Option(False, "--no-narrative", help="Leave out the narrative request."),
        as_json: bool = typer.Option(False, "--json", help="Print the exact request bodies as JSON."),
        output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead."),
    ) -> None:
        """Show exactly what `assess --llm` would send for FILE, without sending anything."""
        from coachlens.analysis.pipeline import assess_path

        settings = settings_from_flags()
        assessment = assess_path(file, coach=coach, client=client, settings=settings)
        write_output(
            dry_run_text(
                assessment, settings, redact=not no_redact, narrative=not no_narrative, as_json=as_json
            ),
            output,
        )

    @llm_app.command("confirm")
    def confirm_command(
        yes: bool = typer.Option(False, "--yes", "-y", help="Confirm without asking."),
    ) -> None:
        """Allow sending (redacted) transcripts to the configured endpoint; loopback needs no confirmation."""
        from coachlens.llm.consent import is_loopback

        settings = settings_from_flags()
        base_url = _require_endpoint(settings)
        if is_loopback(base_url):
            typer.echo(f"{base_url} is on this machine: no confirmation needed")
            return
        ensure_llm_consent(settings, redact=settings.llm_redact, assume_yes=yes)
        typer.echo("confirmed")

    @llm_app.command("forget")
    def forget_command() -> None:
        """Withdraw the confirmation for the configured endpoint (it will be asked again)."""
        from coachlens.llm.consent import withdraw_consent
        from coachlens.storage import upgrade_database

        settings = settings_from_flags()
        base_url = _require_endpoint(settings)
        db = upgrade_database(settings)
        try:
            removed = withdraw_consent(db, base_url)
        finally:
            db.dispose()
        typer.echo("confirmation withdrawn" if removed else "there was no confirmation for this endpoint")

    @llm_app.command("clear-cache")
    def clear_cache_command() -> None:
        """Delete the cached LLM replies in data_dir/llm-cache."""
        from coachlens.llm.cache import ResultCache

        settings = settings_from_flags()
        removed = ResultCache.in_data_dir(settings.data_dir).clear()
        typer.echo(f"removed {removed} cached repl{'y' if removed == 1 else 'ies'}")


def dry_run_text(
    assessment: Assessment, settings: Settings, *, redact: bool, narrative: bool = True, as_json: bool = False
) -> str:
    """The dry-run listing for an offline assessment (shared with `assess --llm --dry-run`)."""
    from coachlens.llm.dry_run import plan_dry_run, render_dry_run, render_dry_run_json

    plan = plan_dry_run(assessment, settings, redact=redact, narrative=narrative)
    return render_dry_run_json(plan) if as_json else render_dry_run(plan)


def llm_step(
    settings: Settings, *, llm: bool, dry_run: bool, no_redact: bool, folder: bool
) -> Callable[[Assessment], Assessment] | None:
    """The LLM step of `coachlens assess`, after the options were checked and consent was asked once.

    None without `--llm` and for a dry run (the caller prints `dry_run_text` instead of a report).
    """
    if not llm:
        if dry_run or no_redact:
            raise ConfigError("--dry-run and --no-redact only apply to the LLM pass: add --llm")
        return None
    if dry_run:
        if folder:
            raise ConfigError("--dry-run previews one transcript: give a file, not a folder")
        return None
    from coachlens.llm.enrich import enrich_assessment

    _require_endpoint(settings)
    redact = not no_redact
    ensure_llm_consent(settings, redact=redact)
    if not redact:
        typer.echo(
            "note: redaction is off for this call; names and contact details are sent as they are", err=True
        )

    def enrich(assessment: Assessment) -> Assessment:
        return enrich_assessment(assessment, settings=settings, redact=redact)

    return enrich
