"""Every text the app shows comes from the catalogue, in Dutch and English."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from i18n import CATALOGUE_DIR, LANGUAGES, catalogue

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py"))]
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z0-9_.]+)["']""")
#: Keys built at run time: t(f"status.{status}") and the like.
PREFIX_KEY = re.compile(r"""\bt\(\s*f["']([a-z0-9_.]+)\{""")


def test_every_key_used_by_the_app_exists_in_dutch_and_english() -> None:
    texts = catalogue()
    used: set[str] = set()
    prefixes: set[str] = set()
    for source in SOURCES:
        code = source.read_text(encoding="utf-8")
        used.update(LITERAL_KEY.findall(code))
        prefixes.update(PREFIX_KEY.findall(code))
    assert len(used) > 200
    missing = sorted(key for key in used if key not in texts)
    assert missing == []
    for key in used:
        assert set(texts[key]) == set(LANGUAGES), key
        assert all(texts[key][language].strip() for language in LANGUAGES), key
    for prefix in prefixes:
        assert any(key.startswith(prefix) for key in texts), prefix


def test_dynamic_keys_exist() -> None:
    texts = catalogue()
    for key in ("status.draft", "status.open", "status.closed",
                "size.1_49", "size.50_249", "size.250_999", "size.1000_plus", "language.nl", "language.en",
                "estimate.low", "estimate.medium", "estimate.high"):
        assert set(texts[key]) == {"nl", "en"}


def test_every_catalogue_file_has_the_same_keys_in_dutch_and_english() -> None:
    for path in sorted(CATALOGUE_DIR.glob("*.yaml")):
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        dutch = {key for key, texts in entries.items() if texts.get("nl")}
        english = {key for key, texts in entries.items() if texts.get("en")}
        assert dutch == english == set(entries), path.name


def test_placeholders_match_between_languages() -> None:
    field = re.compile(r"\{([a-z_]+)[^}]*\}")
    for key, texts in catalogue().items():
        assert set(field.findall(texts["nl"])) == set(field.findall(texts["en"])), key
