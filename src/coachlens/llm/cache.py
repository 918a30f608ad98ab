"""A file cache of validated LLM replies in `data_dir/llm-cache`.

The key is `ChatRequest.cache_key(model)`: a SHA-256 over the model name, the prompt version and the
exact (already redacted) messages and schema, so a new transcript, model or prompt version never hits
an old entry. Only replies that passed validation are stored, so a one-off garbled answer is not
frozen in. Entries hold what the endpoint saw and said: with redaction on, placeholders, not names.
Deleting the folder is always safe.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

CACHE_DIR_NAME = "llm-cache"


@dataclass(frozen=True)
class CachedReply:
    content: str
    model: str
    prompt_version: str


class ResultCache:
    """Validated replies by request hash; unreadable entries count as misses."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> ResultCache:
        return cls(data_dir / CACHE_DIR_NAME)

    def get(self, key: str) -> CachedReply | None:
        path = self._path(key)
        try:
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return CachedReply(
                content=str(data["content"]),
                model=str(data["model"]),
                prompt_version=str(data["prompt_version"]),
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            log.warning("ignoring an unreadable LLM cache entry %s", path.name)
            return None

    def put(self, key: str, reply: CachedReply) -> None:
        """Store atomically (write a temporary file, then rename) so readers never see half an entry."""
        path = self._path(key)
        payload = {
            "content": reply.content,
            "model": reply.model,
            "prompt_version": reply.prompt_version,
            "stored_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, tmp_name = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as tmp:
                json.dump(payload, tmp, ensure_ascii=False)
            os.replace(tmp_name, path)
        except OSError as exc:
            # A cache that cannot be written only costs a repeat request later.
            log.warning("could not write the LLM cache in %s: %s", self.folder, exc)

    def clear(self) -> int:
        """Delete every entry; returns how many were removed."""
        removed = 0
        if not self.folder.exists():
            return 0
        for entry in self.folder.glob("*/*.json"):
            entry.unlink(missing_ok=True)
            removed += 1
        return removed

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"
