"""Whatever the session looks like, the engine returns 37 findings whose quotes are verbatim and
scores in range (property-based: odd turn orders, empty-ish turns, unknown speakers, timings)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachlens.analysis.pipeline import assess
from coachlens.config import Settings
from coachlens.models import CoachingSession, Turn
from detector_support import SimpleClassifier, make_session, rubric

LINES = [
    "What would you like to walk away with today?",
    "Why haven't you done it?",
    "You should just tell her. Have you tried that? Don't you think so?",
    "I feel stuck and honestly a bit scared.",
    "So you feel stuck.",
    "...",
    "Mm.",
    "I'm worried about money, and my dad, and the move to Leeds.",
    "What are you learning about yourself?",
    "That sounds really hard. Take your time.",
    "Ha. Yeah. I suppose I could ask Dev to run the crew?",
    "How would you like to finish?",
    "<script>alert(1)</script> \"quoted\" 'single' — dash",
]
turn = st.tuples(
    st.sampled_from(["coach", "client", "unknown"]), st.sampled_from(LINES), st.floats(-2.0, 8.0)
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(turn, min_size=1, max_size=14), timed=st.booleans())
def test_any_session_gives_complete_verbatim_findings(
    lines: list[tuple[str, str, float]], timed: bool
) -> None:
    session = make_session(lines, timed=timed)
    if not any(t.role == "coach" for t in session.turns):
        session = CoachingSession(
            session.title,
            session.source_format,
            (*session.turns, Turn(len(session.turns), "Coach", "coach", None, None, "What else?")),
        )
    result = assess(session, settings=Settings(), classifier=SimpleClassifier(), rubric=rubric())
    assert len(result.markers) == 37
    assert 0.0 <= result.overall_score <= 100.0
    for marker in result.markers:
        for evidence in marker.evidence:
            assert evidence.quote in session.turns[evidence.turn].text
    for item in (*result.feedback.strengths, *result.feedback.growth_areas):
        assert item.quote in session.turns[item.turn].text
    for rewrite in result.feedback.rewrites:
        assert rewrite.original in session.turns[rewrite.turn].text
    assert not result.notes or all("could not be judged" not in n for n in result.notes)
