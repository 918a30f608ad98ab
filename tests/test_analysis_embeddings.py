"""The ONNX embedder: real model, normalised rows, meaningful similarities, clear missing-file errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from coachlens.analysis.embeddings import (
    OnnxEmbedder,
    default_model_path,
    default_tokenizer_path,
    load_default_embedder,
    resolve_model_files,
)
from coachlens.config import Settings
from coachlens.errors import ModelNotFoundError


@pytest.fixture(scope="module")
def embedder() -> OnnxEmbedder:
    return load_default_embedder(Settings())


def test_default_files_come_from_the_installed_packages() -> None:
    model, tokenizer = default_model_path(), default_tokenizer_path()
    assert model is not None and model.name == "model.onnx" and model.is_file()
    assert tokenizer is not None and tokenizer.name == "tokenizer.json" and tokenizer.is_file()


def test_rows_are_normalised_float32(embedder: OnnxEmbedder) -> None:
    vectors = embedder.embed(["I feel stuck at work.", "What would you like to explore today?"])
    assert vectors.shape == (2, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_similar_sentences_are_closer_than_unrelated(embedder: OnnxEmbedder) -> None:
    stuck, trapped, weather = embedder.embed(
        [
            "I feel stuck in my job.",
            "My work leaves me feeling trapped.",
            "The train to Leeds leaves at noon.",
        ]
    )
    assert float(stuck @ trapped) > float(stuck @ weather) + 0.2


def test_batching_and_cache_give_the_same_vectors(embedder: OnnxEmbedder) -> None:
    texts = [f"Sentence number {i} about goals and plans." for i in range(40)]
    first = embedder.embed(texts)
    again = embedder.embed(list(reversed(texts)))[::-1]
    single = embedder.embed([texts[7]])
    assert np.allclose(first, again, atol=1e-6)
    assert np.allclose(first[7], single[0], atol=1e-4)


def test_empty_text_gives_a_zero_row(embedder: OnnxEmbedder) -> None:
    vectors = embedder.embed(["", "Hello there."])
    assert not vectors[0].any()
    assert vectors[1].any()


def test_long_text_is_truncated_not_rejected(embedder: OnnxEmbedder) -> None:
    vectors = embedder.embed(["word " * 2000])
    assert np.isclose(np.linalg.norm(vectors[0]), 1.0, atol=1e-4)


def test_missing_model_dir_is_one_clear_line(tmp_path: Path) -> None:
    settings = Settings(embedding_model_dir=tmp_path / "nowhere")
    with pytest.raises(ModelNotFoundError) as info:
        resolve_model_files(settings)
    message = str(info.value)
    assert "\n" not in message
    assert "nowhere" in message and "COACHLENS_EMBEDDING_MODEL_DIR" in message
    with pytest.raises(ModelNotFoundError):
        load_default_embedder(settings)


def test_missing_tokenizer_is_one_clear_line(tmp_path: Path) -> None:
    model = default_model_path()
    assert model is not None
    settings = Settings(embedding_model_dir=model.parent, tokenizer_path=tmp_path / "tok.json")
    with pytest.raises(ModelNotFoundError) as info:
        resolve_model_files(settings)
    assert "tok.json" in str(info.value) and "\n" not in str(info.value)


def test_model_folder_setting_picks_up_its_own_tokenizer(tmp_path: Path) -> None:
    model, tokenizer = default_model_path(), default_tokenizer_path()
    assert model is not None and tokenizer is not None
    (tmp_path / "model.onnx").symlink_to(model)
    (tmp_path / "tokenizer.json").symlink_to(tokenizer)
    resolved_model, resolved_tokenizer = resolve_model_files(Settings(embedding_model_dir=tmp_path))
    assert resolved_model == tmp_path / "model.onnx"
    assert resolved_tokenizer == tmp_path / "tokenizer.json"
