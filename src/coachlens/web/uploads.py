"""Reading uploaded files safely: per-file size limit, a usable name, and nothing kept on failure."""

from __future__ import annotations

from fastapi import UploadFile

from coachlens.config import Settings
from coachlens.errors import FileTooLargeError, TranscriptError
from coachlens.web.security import too_large_message

# A browser form may send several transcripts at once; the request as a whole may carry this many.
MAX_FILES_PER_REQUEST = 10
# Room for multipart boundaries and the small form fields next to the files.
FORM_OVERHEAD_BYTES = 1_000_000
READ_CHUNK_BYTES = 1 << 20


def max_request_bytes(settings: Settings) -> int:
    """The body limit the security middleware enforces for any single request."""
    return settings.max_upload_bytes * MAX_FILES_PER_REQUEST + FORM_OVERHEAD_BYTES


def upload_filename(upload: UploadFile) -> str:
    """The uploaded file's own name without any client-side folders (never trusted as a path)."""
    raw = (upload.filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return raw or "upload"


async def read_upload(upload: UploadFile, settings: Settings) -> bytes:
    """The file's bytes; FileTooLargeError (413) past `max_upload_bytes`, TranscriptError when empty."""
    limit = settings.max_upload_bytes
    if upload.size is not None and upload.size > limit:
        raise FileTooLargeError(too_large_message(limit, upload_filename(upload)))
    chunks: list[bytes] = []
    total = 0
    while chunk := await upload.read(READ_CHUNK_BYTES):
        total += len(chunk)
        if total > limit:
            raise FileTooLargeError(too_large_message(limit, upload_filename(upload)))
        chunks.append(chunk)
    data = b"".join(chunks)
    if not data.strip():
        raise TranscriptError(
            f"{upload_filename(upload)} is empty; export the transcript again or pick another file"
        )
    return data
