"""Load YAML into a pydantic model with errors that name file, line and path.

Used for dossiers and deal files. Every problem pydantic finds is reported at
once, each as ``FILE:LINE: path.in.document: problem``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from yaml.constructor import SafeConstructor

from parley.errors import DataFileError

M = TypeVar("M", bound=BaseModel)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _line_map(node: yaml.Node, path: tuple[Any, ...], out: dict[tuple[Any, ...], int]) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            out[(*path, key)] = key_node.start_mark.line + 1
            _line_map(value_node, (*path, key), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _line_map(item, (*path, i), out)


def read_yaml(path: str | Path, error_cls: type[DataFileError]) -> tuple[Any, dict[tuple[Any, ...], int]]:
    """Parse a YAML file; return (data, {path tuple: line}). Raises ``error_cls``."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error_cls(f"{p}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise error_cls(f"{p}: cannot read: {exc}") from None
    return parse_yaml(text, str(p), error_cls)


def parse_yaml(
    text: str, name: str, error_cls: type[DataFileError]
) -> tuple[Any, dict[tuple[Any, ...], int]]:
    try:
        # Parse once (with libyaml when present) and build the data from the
        # node tree, which also gives every value its line.
        node = yaml.compose(text, Loader=_LOADER)
        data = SafeConstructor().construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise error_cls(f"{name}{where}: invalid YAML: {problem}") from None
    lines: dict[tuple[Any, ...], int] = {}
    if node is not None:
        _line_map(node, (), lines)
    return data, lines


def line_for(lines: dict[tuple[Any, ...], int], loc: tuple[Any, ...]) -> int | None:
    """The line of the deepest known prefix of ``loc``."""
    loc = tuple(loc)
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return lines.get(())


def format_loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def validation_problems(
    exc: ValidationError, name: str, lines: dict[tuple[Any, ...], int], *, loc_map: Any = None
) -> list[str]:
    """Turn a pydantic error into ``FILE:LINE: path: message`` lines.

    ``loc_map`` may translate pydantic locations (model field names) back into
    document paths when the model reshapes its input.
    """
    problems = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        if loc_map is not None:
            loc = loc_map(loc)
        line = line_for(lines, loc)
        where = f"{name}:{line}" if line else name
        msg = err["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, ") :]
        problems.append(f"{where}: {format_loc(loc)}: {msg}")
    return problems


def load_model(
    model: type[M], data: Any, *, name: str, lines: dict[tuple[Any, ...], int], error_cls: type[DataFileError], what: str
) -> M:
    try:
        return model.model_validate(data, context={"lines": lines, "name": name})
    except ValidationError as exc:
        problems = validation_problems(exc, name, lines)
        raise error_cls(
            f"{name}: invalid {what} ({len(problems)} problem{'s' if len(problems) != 1 else ''})",
            problems=problems,
        ) from None
