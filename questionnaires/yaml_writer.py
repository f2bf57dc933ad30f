"""A questionnaire written as the YAML file the loader reads, for files made elsewhere (a spreadsheet).

The file starts with the schema modeline, so editors check it while it is
edited further; fields left at their defaults are left out, and nested lists
(levels, questions, capabilities, pillars) come after the fields they belong
to, as in a hand-written file. Strings are double-quoted (the format's rule
against YAML 1.1 reading ``No`` as false) except ids and lower-case words such
as ``low`` or ``nl`` (with a letter: ``"5.3"`` is quoted); PyYAML itself quotes any of those that YAML would read as
something else (``no``, ``1.0``), and ``checked_questionnaire_yaml`` loads what was written.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from questionnaires.loader import parse_questionnaire
from questionnaires.models import Questionnaire
from questionnaires.schema import MODELINE

#: Fields that hold lists of nested models: written last in their mapping.
_NESTED_LAST = ("scale", "targets", "comparable_with", "pillars", "capabilities", "questions", "levels")
_BARE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*$")
_LETTER = re.compile("[a-z]")


class _Quoted(str):
    """A text: written in double quotes."""


class _Flow(dict):
    """A mapping of plain values (a text per language, targets): written on one line, ``{nl: "…", en: "…"}``."""


class _FlowList(list):
    """A list of plain values (languages, references): written on one line."""


class _Dumper(yaml.SafeDumper):
    """Block style with list items indented under their key, as the installed files are written."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_Dumper.add_representer(_Quoted, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, '"'))
_Dumper.add_representer(
    _Flow, lambda dumper, data: dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)
)
_Dumper.add_representer(
    _FlowList, lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)
)


def checked_questionnaire_yaml(questionnaire: Questionnaire, name: str) -> str:
    """The YAML, loaded once by the one loader before it is handed out: a file over the size limit is refused
    (``QuestionnaireError``) rather than written, and a writer bug cannot produce a different questionnaire."""
    text = questionnaire_yaml(questionnaire)
    if parse_questionnaire(text.encode("utf-8"), name) != questionnaire:
        raise AssertionError(f"{name}: the YAML written does not load to the same questionnaire")
    return text


def questionnaire_yaml(questionnaire: Questionnaire) -> str:
    data = _shaped(questionnaire.model_dump(mode="json", exclude_defaults=True))
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1_000_000)
    return f"{MODELINE}\n{body}"


def _shaped(value: Any) -> Any:
    """Key order, quoting and flow style for the dumper; whole numbers stored as floats (``2.0``) written as ``2``."""
    if isinstance(value, dict):
        ordered = sorted(value.items(), key=lambda item: _position(item[0]))
        shaped = {key: _shaped(item) for key, item in ordered}
        return _Flow(shaped) if all(_plain(item) for item in value.values()) else shaped
    if isinstance(value, list):
        items = [_shaped(item) for item in value]
        return _FlowList(items) if all(_plain(item) for item in value) else items
    if isinstance(value, str) and not (_BARE.match(value) and _LETTER.search(value)):
        return _Quoted(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _position(key: str) -> int:
    return _NESTED_LAST.index(key) + 1 if key in _NESTED_LAST else 0


def _plain(value: Any) -> bool:
    return isinstance(value, str | int | float) or (isinstance(value, list) and all(_plain(item) for item in value))
