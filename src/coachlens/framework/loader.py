"""Find, read and validate rubric versions stored as YAML under `framework/data/<rubric-id>/`.

Each rubric folder holds `rubric.yaml` (RubricMeta, which lists the competency files) and one file per
competency. Adding a folder adds a rubric version: nothing here names a particular rubric except the
default id that settings provide. Every problem becomes a one-line FrameworkError naming the file and
the field.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from coachlens.errors import FrameworkError
from coachlens.framework.checks import check_rubric
from coachlens.framework.rubric import Rubric
from coachlens.framework.schema import Competency, RubricMeta

log = logging.getLogger(__name__)

ModelT = TypeVar("ModelT", bound=BaseModel)

DATA_ROOT = Path(__file__).resolve().parent / "data"
RUBRIC_FILE = "rubric.yaml"
FALLBACK_RUBRIC_ID = "icf-2019-pcc-2020"
# libyaml's loader when PyYAML was built with it: it reads the rubric several times faster.
_YamlLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def available_rubrics(root: Path | None = None) -> list[str]:
    """Ids of the rubric versions found under `root` (default: the package's data folder), sorted."""
    base = root or DATA_ROOT
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if (p / RUBRIC_FILE).is_file())


def default_rubric_id() -> str:
    """The rubric id from settings (`COACHLENS_RUBRIC` / config file), else the ICF 2019/2020 rubric."""
    from coachlens.config import load_settings

    return load_settings().rubric or FALLBACK_RUBRIC_ID


def load_rubric(id: str | None = None) -> Rubric:
    """Load a packaged rubric version by id (None: the default from settings). Cached per id.

    Raises FrameworkError for an unknown id or an invalid data file.
    """
    rubric_id = (id or default_rubric_id()).strip()
    return _load_packaged(rubric_id)


def clear_rubric_cache() -> None:
    """Forget loaded rubrics (for tests and tools that edit the data files)."""
    _load_packaged.cache_clear()


@functools.lru_cache(maxsize=8)
def _load_packaged(rubric_id: str) -> Rubric:
    known = available_rubrics()
    if rubric_id not in known:
        listing = ", ".join(known) or "none installed"
        raise FrameworkError(
            f"unknown rubric '{rubric_id}': available rubrics are {listing} "
            "(set --rubric or COACHLENS_RUBRIC to one of them)"
        )
    return load_rubric_dir(DATA_ROOT / rubric_id)


def load_rubric_dir(folder: Path) -> Rubric:
    """Read and validate the rubric in `folder` (not cached): schema per file, then cross-file checks."""
    meta_path = folder / RUBRIC_FILE
    if not meta_path.is_file():
        raise FrameworkError(f"{folder} is not a rubric folder: it has no {RUBRIC_FILE}")
    meta = _validate(RubricMeta, _read_yaml(meta_path), meta_path)
    if meta.id != folder.name:
        raise FrameworkError(
            f"{meta_path}: id '{meta.id}' does not match its folder name '{folder.name}'; rename one of them"
        )
    competencies: list[Competency] = []
    for name in meta.competency_files:
        path = folder / name
        if not path.is_file():
            raise FrameworkError(
                f"{meta_path}: competency_files lists {name}, which does not exist in {folder}"
            )
        competencies.append(_validate(Competency, _read_yaml(path), path))
    check_rubric(dict(zip(meta.competency_files, competencies, strict=True)))
    log.debug("loaded rubric %s (%d competencies) from %s", meta.id, len(competencies), folder)
    return Rubric(meta=meta, competencies=tuple(competencies))


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YamlLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise FrameworkError(f"{path}: not valid YAML{where}: {exc.problem}") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise FrameworkError(f"{path}: could not be read: {exc}") from None
    if not isinstance(data, dict):
        raise FrameworkError(f"{path}: expected a mapping of fields at the top level")
    return data


def _validate(model: type[ModelT], data: dict[str, Any], path: Path) -> ModelT:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        first = errors[0]
        where = describe_location(data, first.get("loc", ()))
        message = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        field = f" field {where}:" if where else ""
        raise FrameworkError(f"{path.name}:{field} {message}{more}") from None


def describe_location(data: Any, loc: tuple[int | str, ...]) -> str:
    """`markers[2] (4.3).demonstrating_examples` for pydantic's ('markers', 2, 'demonstrating_examples')."""
    parts: list[str] = []
    node = data
    for step in loc:
        if isinstance(step, int):
            label = f"[{step}]"
            node = node[step] if isinstance(node, list) and step < len(node) else None
            if isinstance(node, dict) and "id" in node:
                label += f" ({node['id']})"
            parts.append(label)
        else:
            parts.append(f".{step}" if parts else step)
            node = node.get(step) if isinstance(node, dict) else None
    return "".join(parts)
