"""Every text the report uses exists in Dutch and English."""

from __future__ import annotations

import re
from pathlib import Path

from i18n import LANGUAGES, catalogue

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [*sorted((ROOT / "reports").glob("*.py")), *sorted((ROOT / "reports" / "templates").glob("*.j2"))]
LITERAL_KEY = re.compile(r"""\bt[r]?\(\s*["'](report\.[a-z0-9_.\-]+)["']""")
PREFIX_KEY = re.compile(r"""\bt[r]?\(\s*f["'](report\.[a-z0-9_.\-]+)\{""")


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
        assert all(texts[key][language].strip() for language in LANGUAGES), key
    assert prefixes == {
        "report.horizon.", "report.horizon_short.", "report.status.", "report.answer.", "report.method.p",
    }


def test_dynamic_keys_exist() -> None:
    texts = catalogue()
    keys = [f"report.{group}.{value}" for group in ("horizon", "horizon_short") for value in ("now", "next", "later")]
    keys += [f"report.status.{value}" for value in ("open", "in_progress", "done")]
    keys += [f"report.answer.{value}" for value in ("na", "dont_know", "none")]
    keys += [f"report.method.p{n}" for n in range(1, 8)]
    keys += [f"report.framework.{name}" for name in ("nist-csf-2.0", "dora", "nis2", "iso-22301")]
    for key in keys:
        assert set(texts[key]) == {"nl", "en"}, key
