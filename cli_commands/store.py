"""``veerkracht db | user | export | import | demo | backup``: the database and its files."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from cli_commands.common import OWNER_HELP, as_consultant, store_engine

if TYPE_CHECKING:
    from store.demo import DemoResult


def _print_demo(result: DemoResult) -> None:
    print(f"Loaded demo data: {len(result.organisation_ids)} demo organisations, each with two closed assessments.")
    print(f"Demo consultant: {result.email}")
    print(f"Password:        {result.password}")


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    """Apply the database migrations (idempotent); optionally load demo data into an empty database."""
    from store.migrate import current_revision, upgrade
    from store.users import count_users

    engine = store_engine()
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
    engine = store_engine()
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

    try:
        text = as_consultant(args.user, lambda engine, user_id: export_assessment(engine, user_id, args.assessment_id))
    except NotFound as error:
        print(error, file=sys.stderr)
        return 1
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
    try:
        info = as_consultant(
            args.user,
            lambda engine, user_id: import_assessment(
                engine, user_id, data, str(path), organisation_id=args.organisation
            ),
        )
    except (ImportRefused, NotFound) as error:
        print(error, file=sys.stderr)
        print("nothing was imported", file=sys.stderr)
        return 1
    print(f"imported as assessment {info.id} of organisation {info.organisation_id}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Create a demo consultant with demo organisations; prints the credentials."""
    from questionnaires import load_questionnaire
    from questionnaires.registry import DEFAULT_QUESTIONNAIRE, comparable_predecessor
    from store.demo import create_demo
    from store.migrate import upgrade

    engine = store_engine()
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

    engine = store_engine()
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


def register(commands: argparse._SubParsersAction) -> None:
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

    export = commands.add_parser("export", help="write one assessment as an assessment file (JSON)")
    export.add_argument("assessment_id", type=int, metavar="ASSESSMENT_ID")
    export.add_argument("-o", "--output", required=True, metavar="FILE.json")
    export.add_argument("--user", metavar="EMAIL", help=OWNER_HELP)
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
