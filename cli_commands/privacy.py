"""``veerkracht respondent | assessment | purge``: respondents and assessments by id, and retention."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from cli_commands.common import OWNER_HELP, WAL_NOTE, as_consultant, store_engine
from scoring.results import ASSESSMENT_STATUSES


def _date_argument(text: str) -> dt.date:
    """An ISO date for argparse (``2025-01-31``); anything else is a usage error, not a traceback."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def cmd_respondent_list(args: argparse.Namespace) -> int:
    """The respondents of one assessment, with the ids the other respondent commands take."""
    from store.respondents import list_respondents

    people = as_consultant(args.user, lambda engine, user_id: list_respondents(engine, user_id, args.assessment_id))
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
    person = as_consultant(
        args.user,
        lambda engine, user_id: update_respondent(engine, user_id, args.respondent_id, role=args.role, name=args.name),
    )
    print(f"respondent {person.id} is now: {person.role}" + (f" — {person.name}" if person.name else ""))
    return 0


def cmd_respondent_delete(args: argparse.Namespace) -> int:
    """Erase a respondent with their answers; the bytes are scrubbed from the database file too."""
    from store.privacy import erase_respondent

    scrubbed = as_consultant(args.user, lambda engine, user_id: erase_respondent(engine, user_id, args.respondent_id))
    print(f"respondent {args.respondent_id} and their answers deleted")
    if not scrubbed:
        print(WAL_NOTE, file=sys.stderr)
    return 0


def cmd_respondent_export(args: argparse.Namespace) -> int:
    """Everything stored about one respondent as JSON (a data subject's access request)."""
    from store.files import write_private_file
    from store.privacy import export_respondent

    text = as_consultant(args.user, lambda engine, user_id: export_respondent(engine, user_id, args.respondent_id))
    write_private_file(args.output, text)
    print(f"respondent {args.respondent_id} written to {args.output}")
    return 0


def cmd_assessment_edit(args: argparse.Namespace) -> int:
    """Change an assessment's title, date or status."""
    from store.assessments import update_assessment

    if args.title is None and args.date is None and args.status is None:
        print("give --title, --date and/or --status", file=sys.stderr)
        return 2
    info = as_consultant(
        args.user,
        lambda engine, user_id: update_assessment(
            engine, user_id, args.assessment_id, title=args.title, date=args.date, status=args.status
        ),
    )
    print(f"assessment {info.id}: {info.title or '(no title)'}, {info.date.isoformat()}, {info.status}")
    return 0


def cmd_assessment_delete(args: argparse.Namespace) -> int:
    """Erase an assessment with its respondents, answers and roadmap; scrubbed from the file too."""
    from store.privacy import erase_assessment

    as_consultant(args.user, lambda engine, user_id: erase_assessment(engine, user_id, args.assessment_id))
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
    engine = store_engine()
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
        print(WAL_NOTE, file=sys.stderr)
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    """Respondents and assessments by id, and retention: what docs/privacy.md relies on."""
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
        sub.add_argument("--user", metavar="EMAIL", help=OWNER_HELP)

    assessment = commands.add_parser("assessment", help="edit or erase an assessment")
    assessment_commands = assessment.add_subparsers(dest="assessment_command", required=True, metavar="COMMAND")
    change = assessment_commands.add_parser("edit", help="change title, date or status")
    change.add_argument("assessment_id", type=int, metavar="ASSESSMENT_ID")
    change.add_argument("--title")
    change.add_argument("--date", type=_date_argument, metavar="YYYY-MM-DD")
    change.add_argument("--status", choices=ASSESSMENT_STATUSES)
    change.set_defaults(handler=cmd_assessment_edit)
    remove = assessment_commands.add_parser("delete", help="erase an assessment with its respondents and answers")
    remove.add_argument("assessment_id", type=int, metavar="ASSESSMENT_ID")
    remove.set_defaults(handler=cmd_assessment_delete)
    for sub in (change, remove):
        sub.add_argument("--user", metavar="EMAIL", help=OWNER_HELP)

    purge = commands.add_parser("purge", help="delete assessments closed before a date (retention)")
    purge.add_argument("--closed-before", type=_date_argument, metavar="YYYY-MM-DD",
                       help="default: today minus $VEERKRACHT_RETENTION_DAYS")
    purge.add_argument("--user", metavar="EMAIL", help="only this consultant's assessments (default: everyone's)")
    purge.add_argument("--dry-run", action="store_true", help="list what would be deleted, delete nothing")
    purge.set_defaults(handler=cmd_purge)
