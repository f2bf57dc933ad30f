"""``veerkracht questionnaire ladder | to-xlsx | from-xlsx``: tools for questionnaire authors."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from questionnaires.models import Questionnaire


def _print_problems(problems: Sequence[object]) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1


def _print_written(path: str, questionnaire: Questionnaire) -> None:
    print(f"{path}: written ({questionnaire.id} v{questionnaire.version}, {questionnaire.question_count} questions)")


def cmd_questionnaire_ladder(args: argparse.Namespace) -> int:
    """Print every question as a ladder (descriptor below → guidance → descriptor) to review the guidance."""
    from questionnaires import QuestionnaireError
    from questionnaires.files import load_questionnaire_file
    from questionnaires.ladder import ladder_text

    try:
        questionnaire = load_questionnaire_file(args.file)
    except QuestionnaireError as error:
        return _print_problems(error.problems)
    print(ladder_text(questionnaire, args.lang), end="")
    return 0


def cmd_questionnaire_to_xlsx(args: argparse.Namespace) -> int:
    """Write a questionnaire as an Excel workbook (layout: docs/questionnaire-format.md)."""
    from pathlib import Path

    from questionnaires import QuestionnaireError
    from questionnaires.files import load_questionnaire_file
    from questionnaires.spreadsheet import questionnaire_xlsx

    try:
        questionnaire = load_questionnaire_file(args.file)
    except QuestionnaireError as error:
        return _print_problems(error.problems)
    Path(args.output).write_bytes(questionnaire_xlsx(questionnaire))
    _print_written(args.output, questionnaire)
    return 0


def cmd_questionnaire_from_xlsx(args: argparse.Namespace) -> int:
    """Check an Excel workbook like a YAML file and write it as questionnaire YAML; nothing is written on a problem."""
    from pathlib import Path

    from questionnaires import QuestionnaireError
    from questionnaires.spreadsheet import load_xlsx_questionnaire
    from questionnaires.yaml_writer import checked_questionnaire_yaml

    try:
        questionnaire = load_xlsx_questionnaire(args.file)
        text = checked_questionnaire_yaml(questionnaire, args.output)
    except QuestionnaireError as error:
        return _print_problems(error.problems)
    Path(args.output).write_text(text, encoding="utf-8")
    _print_written(args.output, questionnaire)
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    from i18n import DEFAULT_LANGUAGE, LANGUAGES

    questionnaire = commands.add_parser("questionnaire", help="tools for questionnaire authors")
    tools = questionnaire.add_subparsers(dest="questionnaire_command", required=True, metavar="COMMAND")
    ladder = tools.add_parser("ladder", help="print each question as a ladder: descriptor → guidance → descriptor")
    ladder.add_argument("file", metavar="FILE", help="questionnaire YAML or Excel workbook (.xlsx)")
    ladder.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE, help=f"default {DEFAULT_LANGUAGE}")
    ladder.set_defaults(handler=cmd_questionnaire_ladder)
    to_xlsx = tools.add_parser("to-xlsx", help="write a questionnaire as an Excel workbook")
    to_xlsx.add_argument("file", metavar="FILE.yaml")
    to_xlsx.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    to_xlsx.set_defaults(handler=cmd_questionnaire_to_xlsx)
    from_xlsx = tools.add_parser("from-xlsx", help="check an Excel workbook and write it as questionnaire YAML")
    from_xlsx.add_argument("file", metavar="FILE.xlsx")
    from_xlsx.add_argument("-o", "--output", required=True, metavar="FILE.yaml")
    from_xlsx.set_defaults(handler=cmd_questionnaire_from_xlsx)
