"""The ``veerkracht`` command line: a thin layer over the same core the app uses.

Each sub-command is one function ``cmd_NAME(args) -> int`` registered in
``build_parser``; it parses input, calls the core and prints. Exit codes:
0 success, 1 bad input (with a message on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def cmd_validate(args: argparse.Namespace) -> int:
    from questionnaires import QuestionnaireError, load_questionnaire

    status = 0
    for name in args.files:
        try:
            questionnaire = load_questionnaire(name)
        except QuestionnaireError as error:
            for problem in error.problems:
                print(problem, file=sys.stderr)
            status = 1
        else:
            print(f"{name}: ok ({questionnaire.id} v{questionnaire.version}, {questionnaire.question_count} questions)")
    return status


def cmd_score(args: argparse.Namespace) -> int:
    """Score an assessment file and print the result as JSON (rules: docs/scoring.md)."""
    import json

    from assessments import AssessmentFileError, load_assessment_file
    from scoring import score_assessment

    try:
        assessment, questionnaire = load_assessment_file(args.file)
    except AssessmentFileError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    result = score_assessment(assessment, questionnaire)
    print(json.dumps(result.summary(decimals=2), indent=2, ensure_ascii=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="veerkracht", description="Digital-resilience maturity assessments.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check questionnaire files")
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.set_defaults(handler=cmd_validate)

    score = commands.add_parser("score", help="score an assessment file and print the result as JSON")
    score.add_argument("file", metavar="FILE.json")
    score.set_defaults(handler=cmd_score)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
