"""Store errors are messages (catalogue key and values) until shown: Dutch on a page, English on the command line."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlalchemy import Engine

from i18n import LANGUAGES, catalogue
from i18n.format import Message, formatter
from store import organisations
from store.errors import InvalidInput, NotFound, StoreError

STORE = Path(__file__).resolve().parents[2] / "store"
ERRORS = {"NotFound", "AccessDenied", "InvalidInput", "Busy", "ImportRefused", "PasswordChecksBusy", "StoreError"}


def _calls(name: str) -> list[tuple[str, ast.Call]]:
    found = []
    for path in sorted(STORE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name:
                found.append((path.name, node))
    return found


def test_every_store_error_is_raised_with_a_message_not_words() -> None:
    raised = [
        (path.name, node.lineno, ast.unparse(node.exc))
        for path in sorted(STORE.glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Raise)
        and isinstance(node.exc, ast.Call)
        and isinstance(node.exc.func, ast.Name)
        and node.exc.func.id in ERRORS
    ]
    assert len(raised) > 30
    words = [
        (name, line, call)
        for name, line, call in raised
        if "problem(" not in call and not call.startswith(("InvalidInput(taken", "Conflict("))
    ]
    assert words == []


def test_every_store_key_is_in_the_catalogue_in_both_languages() -> None:
    texts = catalogue()
    keys = {node.args[0].value for _, node in _calls("problem") if isinstance(node.args[0], ast.Constant)}
    keys |= {"store.conflict"}
    fields = {
        f"store.field.{node.args[1].value}"
        for _, node in _calls("clean_text")
        if len(node.args) > 1 and isinstance(node.args[1], ast.Constant)
    }
    assert len(keys) > 25 and len(fields) >= 6
    missing = [key for key in sorted(keys | fields) if key not in texts or set(texts[key]) != set(LANGUAGES)]
    assert missing == []


def test_a_refusal_is_dutch_on_the_page_and_english_on_the_command_line(engine: Engine) -> None:
    from store.users import add_user

    user = add_user(engine, "words@example.org", "a long enough password")
    with pytest.raises(InvalidInput) as refused:
        organisations.create_organisation(engine, user.id, "  ", "care", "1-9")
    assert refused.value.message == Message.of("store.field_empty", field=Message.of("store.field.name"))
    assert str(refused.value) == "name is empty"
    assert formatter("nl").message(refused.value.message) == "naam is leeg"
    with pytest.raises(NotFound) as missing:
        organisations.get_organisation(engine, user.id, 999_999)
    assert (missing.value.key, missing.value.values) == ("store.no_organisation", {"id": 999_999})
    assert formatter("nl").message(missing.value.message) == "geen organisatie 999999"


def test_a_store_error_needs_a_message() -> None:
    assert isinstance(StoreError(Message.of("store.logo_not_image")).message, Message)
