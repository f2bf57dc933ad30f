"""Every text the report uses exists in Dutch and English."""

from __future__ import annotations

import re
from pathlib import Path

from i18n import LANGUAGES, catalogue
from reports.sections.method import PARAGRAPHS
from scoring.results import STEP_STATUSES

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    *sorted((ROOT / "reports").rglob("*.py")),
    *sorted((ROOT / "reports" / "templates").glob("*.j2")),
    *sorted((ROOT / "app_pages").glob("*.py")),
]
#: ``t("report.…")``, ``tr("report.…")`` and a formatter's ``fmt.text("report.…")``.
LITERAL_KEY = re.compile(r"""(?:\bt[r]?|\.text)\(\s*["'](report\.[a-z0-9_.\-]+)["']""")
PREFIX_KEY = re.compile(r"""(?:\bt[r]?|\.text)\(\s*f["'](report\.[a-z0-9_.\-]+)\{""")


def test_every_key_used_by_the_report_exists_in_both_languages() -> None:
    texts = catalogue()
    used: set[str] = set()
    prefixes: set[str] = set()
    for source in SOURCES:
        code = source.read_text(encoding="utf-8")
        used.update(LITERAL_KEY.findall(code))
        prefixes.update(PREFIX_KEY.findall(code))
    assert len(used) > 80
    assert sorted(key for key in used if key not in texts) == []
    for key in used:
        assert all(texts[key][language] for language in LANGUAGES), key
    assert prefixes == {
        "report.horizon.", "report.horizon_short.", "report.status.", "report.answer.", "report.method.",
        "report.summary.vs_target.", "report.summary.vs_peers.", "report.state.peers.", "report.effort.",
        "report.edition.",
    }


def test_dynamic_keys_exist() -> None:
    texts = catalogue()
    keys = [f"report.{group}.{value}" for group in ("horizon", "horizon_short") for value in ("now", "next", "later")]
    keys += [f"report.status.{value}" for value in STEP_STATUSES]
    keys += [f"report.answer.{value}" for value in ("na", "dont_know", "none")]
    keys += [f"report.method.{name}" for name in (*PARAGRAPHS, "dont_know")]
    keys += [f"report.framework.{name}" for name in ("nist-csf-2.0", "dora", "nis2", "iso-22301")]
    sides = ("above", "at", "below")
    keys += [f"report.summary.{kind}.{value}" for kind in ("vs_target", "vs_peers") for value in sides]
    keys += [f"report.state.peers.{value}" for value in ("above", "at", "below")]
    keys += [f"report.effort.{value}" for value in ("low", "medium", "high")]
    keys += [f"report.edition.{value}" for value in ("board", "full")]
    for key in keys:
        assert set(texts[key]) == {"nl", "en"}, key
