"""The README stays true: every command is documented, every linked file exists."""

from __future__ import annotations

import re
from pathlib import Path

from cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme() -> None:
    commands = build_parser()._subparsers._group_actions[0].choices
    missing = [name for name in commands if f"`veerkracht {name}" not in README]
    assert missing == []


def test_every_linked_file_exists() -> None:
    links = re.findall(r"\]\(([^)#]+)\)", README)
    assert links
    assert [link for link in links if not (ROOT / link).exists()] == []


def test_the_two_set_up_commands_are_there() -> None:
    assert "make run" in README and "make test" in README
