"""Competency 4 detectors: acknowledgement, empathy, receiving what the client brings, inviting response."""

from __future__ import annotations

from coachlens.analysis.registry import detector_for
from detector_support import FILLER_CLIENT, assert_verbatim, judge, make_session, padded, view_of


def test_specific_acknowledgement_vs_generic_praise() -> None:
    specific = judge(
        "4.1",
        padded(
            [
                ("client", "I went back to my manager a second time even though the first talk went badly."),
                ("coach", "You went back a second time after it went badly. That took real persistence."),
                ("client", "I suppose it did."),
                ("coach", "You've clearly done a lot of thinking since we last spoke."),
            ]
        ),
    )
    assert specific.status == "demonstrated"
    generic = judge(
        "4.1", padded([("client", FILLER_CLIENT), ("coach", "Great job!"), ("client", "Thanks.")])
    )
    assert generic.status == "missed"
    assert "generic praise" in generic.rationale


def test_advice_phrased_with_you_have_is_not_acknowledgement() -> None:
    found = judge(
        "4.1",
        padded(
            [
                ("client", FILLER_CLIENT),
                ("coach", "Don't promise him anything until you've got the money sorted."),
            ]
        ),
    )
    assert found.status == "missed"


def test_empathy_after_a_hard_moment_and_a_platitude_instead() -> None:
    met = judge(
        "4.2",
        padded(
            [
                ("client", "I'm exhausted and honestly a bit scared about the scan results."),
                ("coach", "That sounds really hard. I'm sorry you're carrying that."),
                ("client", "It's been a lonely few weeks, if I'm honest."),
                ("coach", "That sounds lonely. Take your time."),
            ]
        ),
    )
    assert met.status == "demonstrated"
    dismissed = judge(
        "4.2",
        padded(
            [
                ("client", "I'm overwhelmed and I'm not sleeping, I wake up at three worrying."),
                ("coach", "Ha! Welcome to owning a business. The software fixes that."),
            ]
        ),
    )
    assert dismissed.status == "missed"
    assert "Welcome to owning a business" in dismissed.rationale or dismissed.evidence


def test_no_difficult_feeling_means_no_opportunity_for_empathy() -> None:
    found = judge(
        "4.2",
        [("coach", "What's on your mind?"), ("client", "The rota for next month."), ("coach", "Say more.")],
    )
    assert found.status == "no_opportunity"
    assert found.evidence == ()


def test_receiving_the_clients_concern_vs_arguing_past_it() -> None:
    received = judge(
        "4.3",
        padded(
            [
                ("client", "I'm worried the new treatment won't work."),
                ("coach", "That's a real concern, and we can give it as much room as you need."),
                ("client", "I'm scared of being let down again."),
                ("coach", "It makes sense that you'd be scared of that."),
            ],
            before=0,
            after=0,
        ),
    )
    assert received.status == "demonstrated"
    overridden = judge(
        "4.3",
        [
            ("client", "I'm worried the older customers won't like a price rise."),
            ("coach", "They'll live. Everyone does stage payments now."),
            ("client", "I don't want to be the one who turns it into a faceless company."),
            ("coach", "Sure, but sentiment doesn't pay the bills."),
        ],
    )
    assert overridden.status == "missed"
    session = make_session(
        [("client", "I'm worried they won't like it."), ("coach", "But that's not the point, is it?")]
    )
    assert_verbatim(detector_for("4.3")(view_of(session)), session)


def test_invitation_after_an_observation_and_arguing_on_after_push_back() -> None:
    invited = judge(
        "4.4",
        padded(
            [
                (
                    "coach",
                    "I'm noticing you smile when you talk about the new team. What do you make of that?",
                ),
                ("client", "Maybe, I hadn't thought of it like that."),
                ("coach", "Say more."),
            ]
        ),
    )
    assert invited.status == "demonstrated"
    argued = judge(
        "4.4",
        padded(
            [
                ("coach", "Here's what I'd do: hire from outside. How does that sound?"),
                ("client", "I'm not sure, I think Dev could do it."),
                ("coach", "Okay, but I'd still look outside first."),
            ]
        ),
    )
    assert argued.status == "partial"
    silent = judge(
        "4.4",
        padded(
            [
                ("coach", "I think you should raise your prices."),
                ("client", "Right."),
                ("coach", "I'd go fifteen percent."),
            ]
        ),
    )
    assert silent.status == "missed"
