"""The pure parts behind the pages: highlighting, report view, SVG charts and page helpers."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from coachlens.framework import load_rubric
from coachlens.web.charts import (
    Bar,
    Point,
    Series,
    Share,
    TimelineMinute,
    column_chart,
    line_chart,
    score_bars,
    session_timeline,
    share_bars,
)
from coachlens.web.page_helpers import link_markers, nice_duration, percent, score_text
from coachlens.web.report_view import build_report
from coachlens.web.transcript_view import (
    _Span,
    build_turns,
    collect_evidence,
    filter_visibility,
    locate_quote,
    split_turn,
)

RUBRIC = load_rubric()


def test_overlapping_quotes_split_the_turn_and_keep_every_marker() -> None:
    text = "So you feel torn between the job and your family."
    spans = [_Span(3, 16, "6.1", "a"), _Span(8, 30, "6.3", "b")]
    segments = split_turn(text, spans)
    assert "".join(s.text for s in segments) == text
    assert [(s.text, s.markers) for s in segments] == [
        ("So ", ()),
        ("you f", ("6.1",)),
        ("eel torn", ("6.1", "6.3")),
        (" between the j", ("6.3",)),
        ("ob and your family.", ()),
    ]
    assert segments[1].anchors == ("a",) and segments[2].anchors == ("b",)
    assert segments[2].ends == ("6.1",) and segments[3].ends == ("6.3",)


@given(st.text(min_size=1, max_size=60), st.data())
def test_splitting_never_loses_or_reorders_text(text: str, data: Any) -> None:
    starts = data.draw(st.lists(st.integers(0, len(text) - 1), max_size=4))
    spans = [
        _Span(s, data.draw(st.integers(s + 1, len(text))), f"{n + 3}.1", f"a{n}")
        for n, s in enumerate(starts)
    ]
    segments = split_turn(text, spans)
    assert "".join(s.text for s in segments) == text
    assert all(s.text for s in segments)


def test_quotes_are_found_exactly_or_despite_spacing_and_case() -> None:
    text = "What would   you like\nto focus on today?"
    assert locate_quote(text, "focus on") == (text.index("focus on"), text.index("focus on") + 8)
    loose = locate_quote(text, "WHAT WOULD you like to")
    assert loose is not None and text[loose[0] : loose[1]].startswith("What")
    assert locate_quote(text, "not there") is None
    assert locate_quote(text, "") is None


def test_evidence_that_is_not_in_its_turn_is_listed_but_not_highlighted() -> None:
    markers = [
        {
            "id": "6.1",
            "evidence": [{"turn": 0, "quote": "missing words", "start_s": None}, {"turn": 7, "quote": "x"}],
        }
    ]
    refs = collect_evidence(markers, {0: "Hello there."})
    assert [r.found for r in refs] == [False, False]
    turns = build_turns(
        [{"index": 0, "speaker": "A", "role": "coach", "text": "Hello there."}], refs, {"6.1": 6}
    )
    assert turns[0].segments[0].markers == () and turns[0].markers == ()


def test_report_view_survives_a_sparse_or_odd_document() -> None:
    report = build_report(
        {"markers": [{"id": "4.2", "status": "missed", "evidence": "oops"}], "metrics": [1]}, RUBRIC
    )
    assert report.title == "Untitled session" and report.overall_score is None
    assert [m.id for m in report.marker_rows] == ["4.2"]
    assert report.readiness_label == "Not given" and report.timeline == ()
    empty = build_report({}, RUBRIC)
    assert empty.marker_rows == () and empty.turns == ()


def test_report_view_orders_markers_by_rubric_and_counts_acts() -> None:
    document = {
        "turns": [
            {
                "index": 0,
                "speaker": "C",
                "role": "coach",
                "start_s": 0.0,
                "end_s": 30.0,
                "text": "What now? And why?",
                "acts": ["question.open", "question.stacked"],
            },
            {
                "index": 1,
                "speaker": "K",
                "role": "client",
                "start_s": 30.0,
                "end_s": 150.0,
                "text": "I am not sure at all",
            },
        ],
        "markers": [
            {
                "id": "7.6",
                "competency": 7,
                "status": "missed",
                "evidence": [{"turn": 0, "quote": "What now?", "start_s": 0.0}],
            },
            {"id": "7.1", "competency": 7, "status": "demonstrated", "evidence": []},
        ],
    }
    report = build_report(document, RUBRIC)
    assert [m.id for m in report.marker_rows] == ["7.1", "7.6"]
    assert dict(report.question_counts)["Stacked"] == 1 and dict(report.question_counts)["Open"] == 1
    assert report.talk.coach_words == 4 and report.talk.client_words == 6
    assert report.talk.coach_time_share == 0.2
    assert [m.minute for m in report.timeline] == [0, 1, 2]
    assert report.timeline[0].markers == ("7.6",) and report.timeline[0].coach_s == 30.0
    assert report.timeline[1].client_s == 60.0


def test_charts_escape_labels_and_describe_themselves() -> None:
    chart = str(
        score_bars([Bar("<script>x</script>", 40.0, href="/a?b=1&c=2"), Bar("none", None)], title="T & U")
    )
    assert "<script>" not in chart and "&lt;script&gt;" in chart
    assert 'href="/a?b=1&amp;c=2"' in chart and "T &amp; U" in chart
    assert 'role="img"' in chart and "<desc" in chart and "not scored" in chart


def test_line_chart_leaves_gaps_links_dots_and_marks_practice() -> None:
    series = Series(
        "Overall", (Point(0, 40.0, href="/sessions/a"), Point(1, None), Point(2, 60.0, hollow=True))
    )
    chart = str(line_chart([series], ["1 Jan", "2 Jan", "3 Jan"], title="Overall", y_max=100))
    assert chart.count("<path") == 0  # no two neighbouring values: nothing to join
    assert chart.count("<circle") == 2 and "hollow" in chart and 'href="/sessions/a"' in chart


def test_other_charts_render_their_numbers() -> None:
    shares = str(
        share_bars([("Words", [Share("Coach", 30, "coach"), Share("Client", 70, "client")])], title="Talk")
    )
    assert "30%" in shares and "70%" in shares
    columns = str(column_chart([Bar("Open", 3), Bar("Closed", 0)], title="Q"))
    assert ">3<" in columns and ">0<" in columns
    timeline = str(session_timeline([TimelineMinute(0, 20, 40, ("6.1",))], title="Timeline"))
    assert 'href="#marker-6-1"' in timeline and "coach 20s, client 40s" in timeline


def test_marker_ids_in_text_become_links_after_escaping() -> None:
    linked = str(link_markers("See 6.1 & <b>4.2</b>, not 9.9, 14.2 or v1.4.2"))
    assert '<a class="marker-id" href="/library/markers/6.1">6.1</a>' in linked
    assert "&lt;b&gt;" in linked and "&amp;" in linked
    assert "/library/markers/9.9" not in linked and "/library/markers/4.2" in linked
    assert linked.count("<a ") == 2


def test_formatting_helpers() -> None:
    assert nice_duration(None) == "untimed" and nice_duration(2220) == "37 min"
    assert nice_duration(4000) == "1 h 7 min" and nice_duration(20) == "20 s"
    assert score_text(None) == "—" and score_text(72.6) == "73"
    assert percent(0.256) == "26%" and percent(None) == "—"


def test_filter_keeps_matches_and_the_reply_after_each() -> None:
    turns = build_turns(
        [
            {
                "index": i,
                "speaker": "C" if i % 2 == 0 else "K",
                "role": "coach" if i % 2 == 0 else "client",
                "text": f"line {i}",
            }
            for i in range(6)
        ],
        collect_evidence(
            [{"id": "6.1", "evidence": [{"turn": 2, "quote": "line 2"}]}], {i: f"line {i}" for i in range(6)}
        ),
        {"6.1": 6},
    )
    assert filter_visibility(turns, "6.1", None) == {
        0: "hidden",
        1: "hidden",
        2: "match",
        3: "context",
        4: "hidden",
        5: "hidden",
    }
    assert filter_visibility(turns, "", 6)[2] == "match"
    assert set(filter_visibility(turns, "", None).values()) == {"match"}
