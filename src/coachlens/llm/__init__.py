"""The optional LLM backend: deeper judgement of interpretive markers and a natural practice voice.

Off unless `llm_base_url` and `llm_model` are set. Nothing here is needed for an offline assessment,
and nothing here can make one worse: every quote the model cites is checked against the transcript,
countable things stay deterministic, and endpoint trouble turns into a note on the offline result.

Where things live (import the module you need; this package imports nothing on its own, so the
`openai` SDK and the database layer load only when used):

- `backend`: `LLMBackend` Protocol, `ChatRequest`/`ChatReply`/`TokenUsage`, the LLM error classes
- `openai_backend`: `OpenAICompatibleBackend` (official `openai` SDK, `base_url`, our retry policy)
- `fake`: `FakeBackend`, scripted, for tests
- `redaction` + `names`: placeholders for names, emails, phones, addresses, URLs; restored after
- `prompts`: versioned prompt texts; `schemas`: the pydantic shapes replies must have
- `structured`: json_schema -> json_object -> text fallback, validation, one repair request
- `judge`, `grounding`, `merge`: per-competency judgement, quote checking, the merge rules
- `narrative`: the mentor-style summary; `enrich`: `enrich_assessment(...)`, the whole pass
- `practice_voice`: `LLMResponder`, `practice_responder(settings)` for the practice simulator
- `cache`, `consent`, `check`, `dry_run`: result cache, endpoint confirmation, `llm check`, `--dry-run`
"""
