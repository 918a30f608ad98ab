"""Redaction: personal details become placeholders, consistently, and come back exactly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from coachlens.llm.names import detect_names, speaker_name_parts
from coachlens.llm.redaction import Redactor
from llm_data import PERSONAL_DETAILS, make_session


def test_session_redaction_removes_every_personal_detail_and_restores_exactly() -> None:
    session = make_session()
    redactor = Redactor.for_session(session)
    for turn in session.turns:
        redacted = redactor.redact(turn.text)
        for detail in PERSONAL_DETAILS:
            assert detail not in redacted, f"{detail!r} leaked in turn {turn.index}: {redacted}"
        assert redactor.restore(redacted) == turn.text


def test_same_detail_gets_the_same_placeholder_everywhere() -> None:
    session = make_session()
    redactor = Redactor.for_session(session)
    first = redactor.redact(session.turns[2].text)  # "... while Sam keeps moving things."
    second = redactor.redact(session.turns[4].text)  # "You went back to Sam a second time ..."
    placeholder = first.split("while ")[1].split(" ")[0]
    assert placeholder.startswith("[NAME_")
    assert placeholder in second


def test_each_kind_has_its_own_placeholder() -> None:
    redactor = Redactor(["Priya"])
    text = (
        "Priya wrote from priya@corp.example.org, call 020 7946 0958, "
        "office at 221 Baker Street, SW1A 1AA, see https://corp.example.org/team."
    )
    redacted = redactor.redact(text)
    assert redacted == (
        "[NAME_1] wrote from [EMAIL_1], call [PHONE_1], office at [ADDRESS_1], [ADDRESS_2], see [URL_1]."
    )
    assert redactor.counts() == {"NAME": 1, "EMAIL": 1, "PHONE": 1, "ADDRESS": 2, "URL": 1}
    assert redactor.restore(redacted) == text


def test_numbers_that_are_not_phone_numbers_stay() -> None:
    redactor = Redactor()
    text = "From 2019-2020 we grew to 1,250,000 users; the meeting is at 10:30 on 3 May, about 4.5 hours."
    assert redactor.redact(text) == text


def test_disabled_redactor_passes_text_through() -> None:
    session = make_session()
    redactor = Redactor.for_session(session, enabled=False)
    assert redactor.redact(session.turns[1].text) == session.turns[1].text
    assert redactor.replacements == ()


def test_restore_leaves_unknown_placeholders_alone() -> None:
    redactor = Redactor(["Sam"])
    redactor.redact("Sam said hi")
    assert redactor.restore("[NAME_1] and [NAME_7]") == "Sam and [NAME_7]"


def test_name_detector_finds_mid_sentence_capitals_and_listed_first_names() -> None:
    found = detect_names(
        [
            "Yesterday my boss Okonkwo called. Priya thinks so too.",
            'He said, "You know you are allowed to stop." I spoke to Dr. Lindqvist on Tuesdays.',
        ]
    )
    assert {"Okonkwo", "Priya", "Lindqvist"} <= found
    assert not found & {"Yesterday", "You", "He", "Tuesdays", "I"}


def test_multi_word_names_are_kept_together_and_in_parts() -> None:
    found = detect_names(["I met with Sam Patel today."])
    assert {"Sam Patel", "Sam", "Patel"} <= found


def test_speaker_labels_give_names_but_role_words_do_not() -> None:
    assert speaker_name_parts("Mei Lin Tan") == ["Mei Lin Tan", "Mei", "Lin", "Tan"]
    assert speaker_name_parts("Coach") == []
    assert speaker_name_parts("Speaker 2") == []
    assert speaker_name_parts("Dr Sam Patel") == ["Sam Patel", "Sam", "Patel"]


_WORDS = st.sampled_from(
    ["Sam", "Patel", "hello", "sam@example.com", "+44 20 7946 0958", "12 High Street", "www.a.io", "and", "."]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORDS, max_size=12))
def test_restore_inverts_redact_for_any_text(words: list[str]) -> None:
    text = " ".join(words)
    redactor = Redactor(["Sam", "Patel", "Sam Patel"])
    redacted = redactor.redact(text)
    assert redactor.restore(redacted) == text
    assert "sam@example.com" not in redacted
