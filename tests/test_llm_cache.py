"""The LLM result cache: keyed by content, model and prompt version; only validated replies stored."""

from __future__ import annotations

from pathlib import Path

from coachlens.config import Settings
from coachlens.llm.backend import ChatMessage, ChatRequest
from coachlens.llm.cache import CachedReply, ResultCache
from coachlens.llm.enrich import enrich_assessment
from coachlens.llm.fake import FakeBackend
from coachlens.llm.schemas import MarkerJudgement
from coachlens.llm.structured import StructuredCaller
from llm_data import offline_assessment, smart_model


def _model_backend(model_name: str = "fake-model") -> FakeBackend:
    model = smart_model()
    return FakeBackend(
        model_name=model_name, default=lambda r: model({"messages": [m.to_dict() for m in r.messages]})
    )


def _request(text: str = "judge this", version: str = "judge/1") -> ChatRequest:
    return ChatRequest((ChatMessage("user", text),), purpose="judge", prompt_version=version)


def test_cache_key_changes_with_content_model_and_prompt_version() -> None:
    base = _request().cache_key("m1")
    assert base == _request().cache_key("m1")
    assert base != _request("judge that").cache_key("m1")
    assert base != _request().cache_key("m2")
    assert base != _request(version="judge/2").cache_key("m1")


def test_second_run_is_served_from_the_cache(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", llm_cache=True)
    first_backend = _model_backend()
    first = enrich_assessment(offline_assessment(), settings=settings, backend=first_backend)
    sent = len(first_backend.requests)
    assert sent > 0

    second_backend = _model_backend()
    second = enrich_assessment(offline_assessment(), settings=settings, backend=second_backend)
    assert second_backend.requests == []
    assert second.markers == first.markers
    usage = second.to_dict()["llm"]["usage"]
    assert usage["cached_requests"] == sent and usage["requests"] == 0

    other_model = _model_backend("another-model")
    enrich_assessment(offline_assessment(), settings=settings, backend=other_model)
    assert len(other_model.requests) == sent


def test_cache_off_means_nothing_is_written(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", llm_cache=False)
    enrich_assessment(offline_assessment(), settings=settings, backend=_model_backend())
    assert not (tmp_path / "data" / "llm-cache").exists()


def test_invalid_replies_are_not_cached_and_bad_entries_are_ignored(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "cache")
    request = _request()
    key = request.cache_key("fake-model")
    cache.put(key, CachedReply('{"findings": "not a list"}', "fake-model", "judge/1"))
    backend = FakeBackend(script=['{"findings": []}'])
    caller = StructuredCaller(backend, cache=cache)
    assert caller.request(request, MarkerJudgement).findings == []
    assert len(backend.requests) == 1  # the stale entry did not validate, so the model was asked
    assert cache.get(key) == CachedReply('{"findings": []}', "fake-model", "judge/1")

    (cache.folder / key[:2] / f"{key}.json").write_text("{truncated", encoding="utf-8")
    assert cache.get(key) is None
    assert cache.clear() == 1
