"""The competency framework: versioned rubric data, lookups, library search and drills.

`load_rubric()` returns the default rubric (settings `rubric`, normally `icf-2019-pcc-2020`);
`available_rubrics()` lists every rubric folder under `framework/data`.
"""

from coachlens.framework.drill import (
    DrillAnswer,
    DrillResult,
    grade,
    parse_answers,
    run_drill,
    select_questions,
)
from coachlens.framework.loader import (
    available_rubrics,
    clear_rubric_cache,
    default_rubric_id,
    load_rubric,
    load_rubric_dir,
)
from coachlens.framework.rubric import Rubric
from coachlens.framework.schema import Competency, Marker, PracticeQuestion, RubricMeta, SubPoint
from coachlens.framework.search import SearchHit, search

__all__ = [
    "Competency",
    "DrillAnswer",
    "DrillResult",
    "Marker",
    "PracticeQuestion",
    "Rubric",
    "RubricMeta",
    "SearchHit",
    "SubPoint",
    "available_rubrics",
    "clear_rubric_cache",
    "default_rubric_id",
    "grade",
    "load_rubric",
    "load_rubric_dir",
    "parse_answers",
    "run_drill",
    "search",
    "select_questions",
]
