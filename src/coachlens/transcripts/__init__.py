"""Transcript ingestion: every supported format in, a `CoachingSession` out.

`parse(path_or_bytes)` detects the format from content (WebVTT from Zoom/Teams/Meet, SRT, plain
text incl. Otter and Rev, DOCX, coachlens JSON), merges each speaker's consecutive cues into turns
and decides coach and client roles. The other functions edit a parsed session for the web app.
See docs/formats.md.
"""

from coachlens.transcripts.cues import UNLABELLED_SPEAKER
from coachlens.transcripts.detect import FORMATS
from coachlens.transcripts.editing import rename_speaker
from coachlens.transcripts.export import to_plain_text
from coachlens.transcripts.json_format import session_from_dict
from coachlens.transcripts.parsing import parse
from coachlens.transcripts.roles import assign_roles, swap_roles

__all__ = [
    "FORMATS",
    "UNLABELLED_SPEAKER",
    "assign_roles",
    "parse",
    "rename_speaker",
    "session_from_dict",
    "swap_roles",
    "to_plain_text",
]
