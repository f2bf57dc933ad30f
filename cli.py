"""The ``veerkracht`` command line: a thin layer over the same core the app uses.

Each sub-command is one function ``cmd_NAME(args) -> int`` registered in
``build_parser`` (the store, privacy and questionnaire groups live in
``cli_commands/``, each with its ``register``); it parses input, calls the core and prints. Exit codes:
0 success, 1 bad input (with a message on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from cli_commands import privacy as privacy_commands
from cli_commands import questionnaire as questionnaire_commands
from cli_commands import store as store_commands
from cli_commands.common import OWNER_HELP, NoConsultant, as_consultant


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


def cmd_report(args: argparse.Namespace) -> int:
    """Write the report of an assessment (database) or of an assessment file as PDF, Excel or JSON."""
    from reports.build import ReportInputs, report_bytes
    from reports.worker import ReportError
    from store.files import write_private_file

    if (args.assessment_id is None) == (args.from_json is None):
        print("give either ASSESSMENT_ID or --from-json FILE.json", file=sys.stderr)
        return 2
    if args.from_json is not None:
        from assessments import AssessmentFileError, load_assessment_file

        try:
            assessment, questionnaire = load_assessment_file(args.from_json)
        except AssessmentFileError as error:
            for problem in error.problems:
                print(problem, file=sys.stderr)
            return 1
        inputs = ReportInputs(assessment=assessment, questionnaire=questionnaire)
    else:
        from reports.sources import inputs_from_store
        from store.errors import NotFound

        try:
            inputs = as_consultant(
                args.user, lambda engine, user_id: inputs_from_store(engine, user_id, args.assessment_id)
            )
        except NotFound as error:
            print(error, file=sys.stderr)
            return 1
    try:
        if args.format == "xlsx":  # a child with a time limit, as in the app (reports/bounded.py)
            from reports.bounded import bounded_report_bytes

            data = bounded_report_bytes(inputs, args.format, args.lang)
        else:
            data = report_bytes(inputs, args.format, args.lang, edition=args.edition)
    except ReportError as error:
        print(f"no report: {error}", file=sys.stderr)
        return 1
    write_private_file(args.output, data)  # 0600: a report holds respondents' answers
    print(f"{args.format} report written to {args.output} ({len(data):,} bytes)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    from i18n import DEFAULT_LANGUAGE, LANGUAGES
    from reports.build import DEFAULT_EDITION, EDITIONS, FORMATS

    parser = argparse.ArgumentParser(prog="veerkracht", description="Digital-resilience maturity assessments.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check questionnaire files")
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.set_defaults(handler=cmd_validate)

    score = commands.add_parser("score", help="score an assessment file and print the result as JSON")
    score.add_argument("file", metavar="FILE.json")
    score.set_defaults(handler=cmd_score)

    report = commands.add_parser("report", help="write an assessment's report as PDF, Excel or JSON")
    report.add_argument(
        "assessment_id", type=int, nargs="?", metavar="ASSESSMENT_ID", help="an assessment in the database"
    )
    report.add_argument("--from-json", metavar="FILE.json", help="an assessment file instead (no database needed)")
    report.add_argument(
        "--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE, help=f"report language (default {DEFAULT_LANGUAGE})"
    )
    report.add_argument("--format", choices=FORMATS, default=FORMATS[0], help=f"default {FORMATS[0]}")
    report.add_argument(
        "--edition", choices=EDITIONS, default=DEFAULT_EDITION,
        help=f"PDF edition: board (at most 8 pages) or full (every chapter and answer); default {DEFAULT_EDITION}",
    )
    report.add_argument("-o", "--output", required=True, metavar="FILE")
    report.add_argument("--user", metavar="EMAIL", help=OWNER_HELP)
    report.set_defaults(handler=cmd_report)

    questionnaire_commands.register(commands)
    store_commands.register(commands)
    privacy_commands.register(commands)
    return parser


def fault_message(error: BaseException) -> str | None:
    """One plain line for a failure of the machine rather than of the input, or ``None`` for a bug.

    An unreachable PostgreSQL, a locked or full database, a full disk, an
    output path that cannot be written and a directory named as a file are
    things an operator fixes; they get one line and exit status 1, never a
    traceback. The commands write all or nothing (transactions; files through
    a temporary file renamed into place), so nothing is left behind.
    """
    from sqlalchemy.exc import ArgumentError, DBAPIError

    from reports.worker import ReportError
    from store.errors import StoreError

    if isinstance(error, StoreError | ReportError):
        return str(error).splitlines()[0] if str(error) else type(error).__name__
    if isinstance(error, DBAPIError):
        detail = str(error.orig).strip().splitlines()[0] if error.orig is not None else str(error)
        if "locked" in detail or "busy" in detail:
            return "the database is locked by another program; nothing was written, try again"
        if "full" in detail:
            return f"the database cannot grow ({detail}); nothing was written: free disk space and try again"
        return f"the database cannot be used: {detail}"
    if isinstance(error, ArgumentError):
        return f"the database URL is not valid: {error}"
    if isinstance(error, OSError):
        name = error.filename2 or error.filename
        reason = error.strerror or str(error)
        return f"{name}: {reason}" if name else reason
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except NoConsultant:  # the reason is printed already
        return 1
    except Exception as error:  # named faults become one line; anything else is a bug
        message = fault_message(error)
        if message is None:
            raise
        print(f"veerkracht: {message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
