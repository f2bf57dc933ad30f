"""The ``veerkracht`` command line: a thin layer over the same core the app uses.

Each sub-command is one function ``cmd_NAME(args) -> int`` registered in
``build_parser``; it parses input, calls the core and prints. Exit codes:
0 success, 1 bad input (with a message on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
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
        from questionnaires.registry import DEFAULT_QUESTIONNAIRE, comparable_predecessor
        from store.demo import create_demo

        questionnaire = load_questionnaire(DEFAULT_QUESTIONNAIRE)
        result = create_demo(
            engine, args.organisations, questionnaire, baseline=comparable_predecessor(questionnaire)
        )
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
    from questionnaires.registry import DEFAULT_QUESTIONNAIRE, comparable_predecessor
    from store.demo import create_demo
    from store.migrate import upgrade

    engine = _store_engine()
    upgrade(engine)
    questionnaire = load_questionnaire(args.questionnaire or DEFAULT_QUESTIONNAIRE)
    try:
        result = create_demo(
            engine, args.organisations, questionnaire, seed=args.seed, baseline=comparable_predecessor(questionnaire)
        )
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
        if args.format == "xlsx":  # a child with a time limit, as in the app (reports/bounded.py)
            from reports.bounded import bounded_report_bytes

            data = bounded_report_bytes(inputs, args.format, args.lang)
        else:
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


def _date_argument(text: str) -> dt.date:
    """An ISO date for argparse (``2025-01-31``); anything else is a usage error, not a traceback."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def cmd_respondent_list(args: argparse.Namespace) -> int:
    """The respondents of one assessment, with the ids the other respondent commands take."""
    from store.respondents import list_respondents

    engine = _store_engine()
    try:
        user_id = _consultant_id(engine, args.user)
        if user_id is None:
            return 1
        people = list_respondents(engine, user_id, args.assessment_id)
    finally:
        engine.dispose()
    for person in people:
        state = "link revoked" if person.revoked else ("finished" if person.finished_at else "answering")
        name = f" — {person.name}" if person.name else ""
        print(f"{person.id}\t{person.role}{name}\t{person.answered} answers\t{state}")
    if not people:
        print(f"assessment {args.assessment_id} has no respondents")
    return 0


def cmd_respondent_edit(args: argparse.Namespace) -> int:
    """Correct a respondent's role or name (a data subject's right to rectification)."""
    from store.respondents import update_respondent

    if args.role is None and args.name is None:
        print("give --role and/or --name", file=sys.stderr)
        return 2
    engine = _store_engine()
    try:
        user_id = _consultant_id(engine, args.user)
        if user_id is None:
            return 1
        person = update_respondent(engine, user_id, args.respondent_id, role=args.role, name=args.name)
    finally:
        engine.dispose()
    print(f"respondent {person.id} is now: {person.role}" + (f" — {person.name}" if person.name else ""))
    return 0


def cmd_respondent_delete(args: argparse.Namespace) -> int:
    """Erase a respondent with their answers; the bytes are scrubbed from the database file too."""
    from store.privacy import erase_respondent

    engine = _store_engine()
    try:
        user_id = _consultant_id(engine, args.user)
        if user_id is None:
            return 1
        scrubbed = erase_respondent(engine, user_id, args.respondent_id)
    finally:
        engine.dispose()
    print(f"respondent {args.respondent_id} and their answers deleted")
    if not scrubbed:
        print("note: a reader still used the old pages, so the deleted bytes leave the database's -wal file at "
              "its next checkpoint (at the latest when the app stops)", file=sys.stderr)
    return 0


def cmd_respondent_export(args: argparse.Namespace) -> int:
    """Everything stored about one respondent as JSON (a data subject's access request)."""
    from store.files import write_private_file
    from store.privacy import export_respondent

    engine = _store_engine()
    try:
        user_id = _consultant_id(engine, args.user)
        if user_id is None:
            return 1
        text = export_respondent(engine, user_id, args.respondent_id)
    finally:
        engine.dispose()
    write_private_file(args.output, text)
    print(f"respondent {args.respondent_id} written to {args.output}")
    return 0


def cmd_assessment_edit(args: argparse.Namespace) -> int:
    """Change an assessment's title, date or status."""
    from store.assessments import update_assessment

    if args.title is None and args.date is None and args.status is None:
        print("give --title, --date and/or --status", file=sys.stderr)
        return 2
    engine = _store_engine()
    try:
        user_id = _consultant_id(engine, args.user)
        if user_id is None:
            return 1
        info = update_assessment(
            engine, user_id, args.assessment_id, title=args.title, date=args.date, status=args.status
        )
    finally:
        engine.dispose()
    print(f"assessment {info.id}: {info.title or '(no title)'}, {info.date.isoformat()}, {info.status}")
    return 0


def cmd_assessment_delete(args: argparse.Namespace) -> int:
    """Erase an assessment with its respondents, answers and roadmap; scrubbed from the file too."""
    from store.privacy import erase_assessment

    engine = _store_engine()
    try:
        user_id = _consultant_id(engine, args.user)
        if user_id is None:
            return 1
        erase_assessment(engine, user_id, args.assessment_id)
    finally:
        engine.dispose()
    print(f"assessment {args.assessment_id} deleted with its respondents, answers and roadmap")
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    """Delete the assessments closed before a date, or before the retention setting's number of days ago."""
    from store.privacy import RETENTION_SETTING, purge_closed_before, retention_days
    from store.users import find_user

    before = args.closed_before
    if before is None:
        days = retention_days()
        if days is None:
            print(f"give --closed-before DATE, or set {RETENTION_SETTING} (days a closed assessment is kept)",
                  file=sys.stderr)
            return 1
        before = dt.date.today() - dt.timedelta(days=days)
    engine = _store_engine()
    try:
        owner_id = None
        if args.user:
            user = find_user(engine, args.user)
            if user is None:
                print(f"no consultant with e-mail {args.user}", file=sys.stderr)
                return 1
            owner_id = user.id
        found, scrubbed = purge_closed_before(engine, before, owner_id=owner_id, dry_run=args.dry_run)
    finally:
        engine.dispose()
    verb = "would delete" if args.dry_run else "deleted"
    for item in found:
        print(f"{verb} assessment {item.id}: {item.organisation_name} · {item.title or '(no title)'} · "
              f"closed {item.closed_at.date().isoformat()} · {item.respondents} respondents")
    outcome = "would be deleted (dry run)" if args.dry_run else "deleted"
    print(f"assessments closed before {before.isoformat()}: {len(found)} {outcome}")
    if not scrubbed:
        print("note: a reader still used the old pages, so the deleted bytes leave the database's -wal file at "
              "its next checkpoint (at the latest when the app stops)", file=sys.stderr)
    return 0


def _register_privacy_commands(commands: argparse._SubParsersAction) -> None:
    """Respondents and assessments by id, and retention: what docs/privacy.md relies on."""
    owner_help = "the consultant who owns it (default: $VEERKRACHT_USER)"
    respondent = commands.add_parser("respondent", help="list, correct, erase or export respondents")
    respondent_commands = respondent.add_subparsers(dest="respondent_command", required=True, metavar="COMMAND")
    listing = respondent_commands.add_parser("list", help="the respondents of an assessment, with their ids")
    listing.add_argument("assessment_id", type=int, metavar="ASSESSMENT_ID")
    listing.set_defaults(handler=cmd_respondent_list)
    edit = respondent_commands.add_parser("edit", help="correct a respondent's role or name")
    edit.add_argument("respondent_id", type=int, metavar="RESPONDENT_ID")
    edit.add_argument("--role")
    edit.add_argument("--name", help="an empty name removes it")
    edit.set_defaults(handler=cmd_respondent_edit)
    erase = respondent_commands.add_parser("delete", help="erase a respondent and their answers")
    erase.add_argument("respondent_id", type=int, metavar="RESPONDENT_ID")
    erase.set_defaults(handler=cmd_respondent_delete)
    export = respondent_commands.add_parser("export", help="one respondent's data as JSON")
    export.add_argument("respondent_id", type=int, metavar="RESPONDENT_ID")
    export.add_argument("-o", "--output", required=True, metavar="FILE.json")
    export.set_defaults(handler=cmd_respondent_export)
    for sub in (listing, edit, erase, export):
        sub.add_argument("--user", metavar="EMAIL", help=owner_help)

    assessment = commands.add_parser("assessment", help="edit or erase an assessment")
    assessment_commands = assessment.add_subparsers(dest="assessment_command", required=True, metavar="COMMAND")
    change = assessment_commands.add_parser("edit", help="change title, date or status")
    change.add_argument("assessment_id", type=int, metavar="ASSESSMENT_ID")
    change.add_argument("--title")
    change.add_argument("--date", type=_date_argument, metavar="YYYY-MM-DD")
    change.add_argument("--status", choices=("draft", "open", "closed"))
    change.set_defaults(handler=cmd_assessment_edit)
    remove = assessment_commands.add_parser("delete", help="erase an assessment with its respondents and answers")
    remove.add_argument("assessment_id", type=int, metavar="ASSESSMENT_ID")
    remove.set_defaults(handler=cmd_assessment_delete)
    for sub in (change, remove):
        sub.add_argument("--user", metavar="EMAIL", help=owner_help)

    purge = commands.add_parser("purge", help="delete assessments closed before a date (retention)")
    purge.add_argument("--closed-before", type=_date_argument, metavar="YYYY-MM-DD",
                       help="default: today minus $VEERKRACHT_RETENTION_DAYS")
    purge.add_argument("--user", metavar="EMAIL", help="only this consultant's assessments (default: everyone's)")
    purge.add_argument("--dry-run", action="store_true", help="list what would be deleted, delete nothing")
    purge.set_defaults(handler=cmd_purge)


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
    _register_privacy_commands(commands)
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
    except Exception as error:  # noqa: BLE001 - named faults become one line; anything else is a bug
        message = fault_message(error)
        if message is None:
            raise
        print(f"veerkracht: {message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
