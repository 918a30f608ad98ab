"""Shared pieces of the mentoring-hours web tests."""

from __future__ import annotations

from datetime import date, timedelta


def bad_hours_fields() -> list[tuple[dict[str, str], str]]:
    """Form values the logging and editing forms must refuse, with a word of each one-line error."""
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    return [
        ({"minutes": "abc"}, "whole number of minutes"),
        ({"minutes": "0"}, "between 1 and 1440"),
        ({"held_on": "10/01/2026"}, "YYYY-MM-DD"),
        ({"held_on": tomorrow}, "in the future"),
        ({"kind": "pairs"}, "choose individual or group"),
        ({"mentee": "  "}, "mentee"),
        ({"session_id": "nosuchsession"}, "nosuchsession"),
    ]
