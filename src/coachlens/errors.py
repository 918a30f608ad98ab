"""User-facing exception hierarchy.

Every message is one line a coach can act on: what is wrong and what to do about it. The CLI prints
`error: <message>` and exits 1; the web layer turns these into 4xx responses with the same text.
"""


class CoachlensError(Exception):
    """Base class: anything coachlens raises on purpose carries a user-facing message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class TranscriptError(CoachlensError):
    """A transcript could not be read (unknown format, empty, too large, broken)."""


class UnsupportedFormatError(TranscriptError):
    """The file is not a transcript format coachlens understands."""


class FileTooLargeError(TranscriptError):
    """The file is over the configured size limit."""


class RoleError(CoachlensError):
    """Coach and client roles could not be decided or an override named an unknown speaker."""


class FrameworkError(CoachlensError):
    """A rubric file is missing, invalid, or an id does not exist."""


class AnalysisError(CoachlensError):
    """The assessment engine could not run (for example the embedding model is missing)."""


class ModelNotFoundError(AnalysisError):
    """A model file (embedding model, tokenizer, classifier weights) is not where settings say."""


class StorageError(CoachlensError):
    """The database could not be opened or a record does not exist."""


class NotFoundError(StorageError):
    """A stored record (session, job, persona) does not exist."""


class LLMError(CoachlensError):
    """The configured LLM endpoint failed or answered something unusable."""


class PracticeError(CoachlensError):
    """A practice session could not be started or continued."""


class AudioError(CoachlensError):
    """A recording could not be decoded or transcribed."""


class ConfigError(CoachlensError):
    """A setting or the config file is invalid."""
