"""The one way a questionnaire file becomes a ``Questionnaire``.

Questionnaire files are uploaded by consultants, so the loader treats them as
hostile: it refuses oversized files before reading them, refuses anchors and
aliases (a few hundred bytes of nested aliases expand to gigabytes when
walked), refuses duplicate keys (YAML keeps the last one silently), bounds
nesting depth (PyYAML's composer recurses), and never lets YAML 1.1 turn an
unquoted ``No`` into ``False`` where text belongs. Every problem carries the
line it was found on.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path as FilePath
from typing import Any

import yaml
from pydantic import ValidationError

from questionnaires.models import Questionnaire
from questionnaires.problems import Message, Path, Problem, QuestionnaireError, message
from questionnaires.validation import semantic_problems

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 40

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: Plain data only: no timestamps, sets, binary or language-specific objects.
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{kind}" for kind in ("str", "int", "float", "bool", "null", "map", "seq"))


class _Document:
    """Plain data parsed from YAML, with the line and source text of every node."""

    def __init__(self, name: str = "") -> None:
        self.name = name
        self.lines: dict[Path, int] = {}
        self.raw: dict[Path, str] = {}
        self.problems: list[tuple[Path, int, Message]] = []

    def line_of(self, path: Path) -> int:
        """Line of the deepest node on ``path`` that exists (a missing key points at its parent)."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return 1


def load_questionnaire(path: str | FilePath) -> Questionnaire:
    """Load and validate one questionnaire file, or raise ``QuestionnaireError``."""
    file_path = FilePath(path)
    name = str(path)
    try:
        size = file_path.stat().st_size
    except OSError as error:
        raise QuestionnaireError([Problem(name, 0, (), message("cannot_read", reason=error.strerror))]) from None
    if size > MAX_FILE_BYTES:
        raise QuestionnaireError(
            [Problem(name, 0, (), message("too_big", size=f"{size:,}", limit=f"{MAX_FILE_BYTES:,}"))]
        )
    return parse_questionnaire(file_path.read_bytes(), name)


def parse_questionnaire(content: bytes, name: str) -> Questionnaire:
    """Parse questionnaire YAML given as bytes (an upload, or a file's content)."""
    if len(content) > MAX_FILE_BYTES:
        raise QuestionnaireError(
            [Problem(name, 0, (), message("too_big", size=f"{len(content):,}", limit=f"{MAX_FILE_BYTES:,}"))]
        )
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise QuestionnaireError(
            [Problem(name, line, (), message("not_utf8", byte=f"{content[error.start]:02x}"))]
        ) from None
    document, data = _parse_yaml(text, name)
    return validate_questionnaire(data, name, document)


def validate_questionnaire(data: Any, name: str, document: _Document | None = None) -> Questionnaire:
    """Validate plain data (from YAML, or embedded in an assessment file) into a questionnaire."""
    document = document or _Document()
    problems = [Problem(name, line, path, found) for path, line, found in document.problems]
    try:
        questionnaire = Questionnaire.model_validate(data)
    except ValidationError as error:
        details = [(_clean_location(detail["loc"]), detail) for detail in error.errors(include_url=False)]
        for path, detail in details:
            if detail["type"] == "too_short" and _has_error_below(path, details):
                continue  # a list is "too short" only because its broken items were dropped
            problems.append(Problem(name, document.line_of(path), path, _describe(detail, document.raw.get(path))))
        raise QuestionnaireError(sorted(problems, key=lambda problem: problem.line)) from None
    problems += [Problem(name, document.line_of(path), path, found) for path, found in semantic_problems(questionnaire)]
    if problems:
        raise QuestionnaireError(sorted(problems, key=lambda problem: problem.line))
    return questionnaire


def _has_error_below(path: Path, details: list[tuple[Path, Any]]) -> bool:
    return any(len(other) > len(path) and other[: len(path)] == path for other, _ in details)


def _parse_yaml(text: str, name: str) -> tuple[_Document, Any]:
    try:
        _refuse_aliases_and_depth(yaml.parse(text, Loader=_SafeLoader), name)
        node = yaml.compose(text, Loader=_SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        detail = " ".join(part for part in (error.context, error.problem) if part)
        raise QuestionnaireError([Problem(name, line, (), message("yaml_syntax", detail=detail))]) from None
    except yaml.YAMLError as error:
        raise QuestionnaireError([Problem(name, 0, (), message("yaml", detail=str(error)))]) from None
    if node is None:
        raise QuestionnaireError([Problem(name, 1, (), message("empty"))])
    document = _Document(name)
    try:
        data = _to_data(node, (), document, _SafeLoader(""))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise QuestionnaireError(
            [Problem(name, mark.line + 1 if mark else 0, (), message("yaml", detail=str(error)))]
        ) from None
    return document, data


def _refuse_aliases_and_depth(events: Iterable[yaml.Event], name: str) -> None:
    """Scan the event stream, which is flat, before anything recursive touches the document."""
    depth = 0
    for event in events:
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise QuestionnaireError([Problem(name, line, (), message("alias"))])
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise QuestionnaireError([Problem(name, line, (), message("too_deep", depth=MAX_DEPTH))])
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _to_data(node: yaml.Node, path: Path, document: _Document, loader: Any) -> Any:
    document.lines[path] = node.start_mark.line + 1
    if node.tag not in _PLAIN_TAGS:
        raise QuestionnaireError([Problem(document.name, node.start_mark.line + 1, path, message("tag", tag=node.tag))])
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                document.problems.append((path, key_node.start_mark.line + 1, message("key_not_text")))
                continue
            key = loader.construct_object(key_node)
            if key in result:
                document.problems.append(
                    (
                        path + (key,),
                        key_node.start_mark.line + 1,
                        message("duplicate_key", key=key, line=document.lines[path + (key,)]),
                    )
                )
                continue
            result[key] = _to_data(value_node, path + (key,), document, loader)
            document.lines[path + (key,)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_data(item, path + (index,), document, loader) for index, item in enumerate(node.value)]
    if not node.style:
        document.raw[path] = node.value
    return loader.construct_object(node)


def _clean_location(loc: tuple[Any, ...]) -> Path:
    return tuple(part for part in loc if part != "[key]")


#: Pydantic error types with a message of our own, in both languages.
_SCHEMA_CODES = {
    "extra_forbidden": "unknown_key",
    "missing": "missing",
    "greater_than": "greater_than",
    "greater_than_equal": "greater_than_equal",
    "less_than_equal": "less_than_equal",
    "literal_error": "one_of",
    "string_pattern_mismatch": "pattern",
    "too_short": "too_short",
    "int_type": "whole_number",
    "float_type": "number",
    "dict_type": "mapping",
    "tuple_type": "list",
    "string_too_long": "too_long",
}


def _describe(detail: dict[str, Any], raw: str | None) -> Message:
    value = detail.get("input")
    kind = detail["type"]
    if kind.startswith("string_") and kind not in {"string_pattern_mismatch", "string_too_long"}:
        if isinstance(value, bool | int | float) or value is None:
            shown = raw if raw is not None else repr(value)
            if value is None:
                return message("text_expected_null", value=shown)
            return message("text_expected", value=shown, type=type(value).__name__, read=repr(value))
    code = _SCHEMA_CODES.get(kind)
    if code is None:
        return message("schema", detail=detail["msg"])
    context = detail.get("ctx") or {}
    values = {key: f"{item:g}" if isinstance(item, float) else str(item) for key, item in context.items()}
    return message(code, **values)
