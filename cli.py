"""The ``veerkracht`` command line: a thin layer over the same core the app uses.

Each sub-command is one function ``cmd_NAME(args) -> int`` registered in
``build_parser``; it parses input, calls the core and prints. Exit codes:
0 success, 1 bad input (with a message on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from questionnaires.models import Questionnaire
    from store.demo import DemoResult


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


def _store_engine() -> Engine:
    from store.engine import make_engine

    return make_engine()


def _consultant_id(engine: Engine, email: str | None) -> int | None:
    """The id of the consultant ``--user`` (or ``VEERKRACHT_USER``) names; prints why not otherwise."""
    import os

    from store.users import find_user

    email = email or os.environ.get("VEERKRACHT_USER")
    if not email:
        print("name the consultant with --user EMAIL (or set VEERKRACHT_USER)", file=sys.stderr)
        return None
    user = find_user(engine, email)
    if user is None:
        print(f"no consultant with e-mail {email}; create one with: veerkracht user add EMAIL", file=sys.stderr)
        return None
    return user.id


def _print_demo(result: DemoResult) -> None:
    print(f"Loaded demo data: {len(result.organisation_ids)} demo organisations, each with two closed assessments.")
    print(f"Demo consultant: {result.email}")
    print(f"Password:        {result.password}")


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    """Apply the database migrations (idempotent); optionally load demo data into an empty database."""
    from store.migrate import current_revision, upgrade
    from store.users import count_users

    engine = _store_engine()
    upgrade(engine)
    print(f"database {engine.url.render_as_string(hide_password=True)} at revision {current_revision(engine)}")
    if args.demo_if_empty and count_users(engine) == 0:
        from questionnaires import load_questionnaire
        from questionnaires.registry import DEFAULT_QUESTIONNAIRE
        from store.demo import create_demo

        result = create_demo(engine, args.organisations, load_questionnaire(DEFAULT_QUESTIONNAIRE))
        print("The database was empty.")
        _print_demo(result)
    engine.dispose()
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    """Create a consultant; the password comes from a prompt, or from stdin when it is not a terminal."""
    import getpass

    from store.errors import InvalidInput
    from store.users import add_user

    if sys.stdin.isatty():
        password = getpass.getpass("Password: ")
        if getpass.getpass("Password again: ") != password:
            print("the passwords differ", file=sys.stderr)
            return 1
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    engine = _store_engine()
    try:
        user = add_user(engine, args.email, password)
    except InvalidInput as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(f"consultant {user.email} created (id {user.id})")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write one assessment, questionnaire embedded, as an assessment file."""
    from store.errors import NotFound
    from store.files import write_private_file
    from store.transfer import export_assessment

    engine = _store_engine()
    try:
        user_id = _consultant_id(engine, args.user)
        if user_id is None:
            return 1
        text = export_assessment(engine, user_id, args.assessment_id)
    except NotFound as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    write_private_file(args.output, text)  # 0600: it holds respondents' names and answers
    print(f"assessment {args.assessment_id} written to {args.output}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Import one assessment file for a consultant; all or nothing."""
    from pathlib import Path

    from assessments.file import MAX_FILE_BYTES
    from store.errors import ImportRefused, NotFound
    from store.transfer import import_assessment

    path = Path(args.file)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            print(f"{path}: file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} (10 MB)", file=sys.stderr)
            return 1
        data = path.read_bytes()
    except OSError as error:
        print(f"{path}: cannot read file: {error.strerror}", file=sys.stderr)
        return 1
    engine = _store_engine()
    try:
        user_id = _consultant_id(engine, args.user)
        if user_id is None:
            return 1
        info = import_assessment(engine, user_id, data, str(path), organisation_id=args.organisation)
    except (ImportRefused, NotFound) as error:
        print(error, file=sys.stderr)
        print("nothing was imported", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(f"imported as assessment {info.id} of organisation {info.organisation_id}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Create a demo consultant with demo organisations; prints the credentials."""
    from questionnaires import load_questionnaire
    from questionnaires.registry import DEFAULT_QUESTIONNAIRE
    from store.demo import create_demo
    from store.migrate import upgrade

    engine = _store_engine()
    upgrade(engine)
    questionnaire = load_questionnaire(args.questionnaire or DEFAULT_QUESTIONNAIRE)
    try:
        result = create_demo(engine, args.organisations, questionnaire, seed=args.seed)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    _print_demo(result)
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    """Write a consistent copy of the SQLite database; for PostgreSQL, print the pg_dump command."""
    from store.backup import backup_sqlite, postgres_backup_command
    from store.errors import InvalidInput

    engine = _store_engine()
    try:
        if engine.dialect.name == "postgresql":
            print("PostgreSQL: back up with pg_dump (add the password with PGPASSWORD or ~/.pgpass):")
            print(postgres_backup_command(engine, args.file))
            return 0
        written = backup_sqlite(engine, args.file)
    except InvalidInput as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(f"backup written to {written} ({written.stat().st_size:,} bytes)")
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

        engine = _store_engine()
        try:
            user_id = _consultant_id(engine, args.user)
            if user_id is None:
                return 1
            inputs = inputs_from_store(engine, user_id, args.assessment_id)
        except NotFound as error:
            print(error, file=sys.stderr)
            return 1
        finally:
            engine.dispose()
    try:
        data = report_bytes(inputs, args.format, args.lang)
    except ReportError as error:
        print(f"no report: {error}", file=sys.stderr)
        return 1
    write_private_file(args.output, data)  # 0600: a report holds respondents' answers
    print(f"{args.format} report written to {args.output} ({len(data):,} bytes)")
    return 0


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


def _register_questionnaire_commands(commands: argparse._SubParsersAction) -> None:
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


def _register_store_commands(commands: argparse._SubParsersAction) -> None:
    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="COMMAND")
    db_upgrade = db_commands.add_parser("upgrade", help="apply the migrations to the configured database")
    db_upgrade.add_argument(
        "--demo-if-empty",
        action="store_true",
        help="load demo data (and print its sign-in) if there are no consultants",
    )
    db_upgrade.add_argument("--organisations", type=int, default=20, metavar="N", help="demo organisations (20)")
    db_upgrade.set_defaults(handler=cmd_db_upgrade)

    user = commands.add_parser("user", help="consultant accounts")
    user_commands = user.add_subparsers(dest="user_command", required=True, metavar="COMMAND")
    user_add = user_commands.add_parser("add", help="create a consultant (password from a prompt or stdin)")
    user_add.add_argument("email", metavar="EMAIL")
    user_add.set_defaults(handler=cmd_user_add)

    owner_help = "the consultant who owns it (default: $VEERKRACHT_USER)"
    export = commands.add_parser("export", help="write one assessment as an assessment file (JSON)")
    export.add_argument("assessment_id", type=int, metavar="ASSESSMENT_ID")
    export.add_argument("-o", "--output", required=True, metavar="FILE.json")
    export.add_argument("--user", metavar="EMAIL", help=owner_help)
    export.set_defaults(handler=cmd_export)

    import_ = commands.add_parser("import", help="import one assessment file; all or nothing")
    import_.add_argument("file", metavar="FILE.json")
    import_.add_argument("--user", metavar="EMAIL", help="the consultant who will own it (default: $VEERKRACHT_USER)")
    import_.add_argument(
        "--organisation", type=int, metavar="ID", help="import into this organisation (default: match by name, or new)"
    )
    import_.set_defaults(handler=cmd_import)

    demo = commands.add_parser("demo", help="create a demo consultant with demo organisations")
    demo.add_argument("--organisations", type=int, default=20, metavar="N", help="how many (default 20)")
    demo.add_argument("--questionnaire", metavar="FILE.yaml", help="default: the installed default questionnaire")
    demo.add_argument("--seed", type=int, help="random seed, for repeatable demo data")
    demo.set_defaults(handler=cmd_demo)

    backup = commands.add_parser("backup", help="write a consistent copy of the database (SQLite)")
    backup.add_argument("file", metavar="FILE")
    backup.set_defaults(handler=cmd_backup)


def build_parser() -> argparse.ArgumentParser:
    from i18n import DEFAULT_LANGUAGE, LANGUAGES
    from reports.build import FORMATS

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
    report.add_argument("-o", "--output", required=True, metavar="FILE")
    report.add_argument("--user", metavar="EMAIL", help="the consultant who owns it (default: $VEERKRACHT_USER)")
    report.set_defaults(handler=cmd_report)

    _register_questionnaire_commands(commands)
    _register_store_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
