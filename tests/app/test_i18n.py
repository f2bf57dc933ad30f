"""Every text the app shows comes from the catalogue, in Dutch and English."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from i18n import CATALOGUE_DIR, COUNT, LANGUAGES, catalogue, plural_categories, t
from scoring.results import ASSESSMENT_STATUSES

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py"))]
#: ``t("key", lang)`` and a formatter's ``fmt.text("key")``.
LITERAL_KEY = re.compile(r"""(?:\bt|\.text)\(\s*["']([a-z0-9_.]+)["']""")
#: Keys built at run time: t(f"status.{status}") and the like.
PREFIX_KEY = re.compile(r"""(?:\bt|\.text)\(\s*f["']([a-z0-9_.]+)\{""")


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
        assert all(texts[key][language] for language in LANGUAGES), key
    for prefix in prefixes:
        assert any(key.startswith(prefix) for key in texts), prefix


def test_dynamic_keys_exist() -> None:
    texts = catalogue()
    for key in (*(f"status.{status}" for status in ASSESSMENT_STATUSES),
                "size.1_49", "size.50_249", "size.250_999", "size.1000_plus", "language.nl", "language.en",
                "estimate.low", "estimate.medium", "estimate.high"):
        assert set(texts[key]) == {"nl", "en"}


def test_every_catalogue_file_has_the_same_keys_in_dutch_and_english() -> None:
    for path in sorted(CATALOGUE_DIR.glob("*.yaml")):
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        dutch = {key for key, texts in entries.items() if texts.get("nl")}
        english = {key for key, texts in entries.items() if texts.get("en")}
        assert dutch == english == set(entries), path.name


FIELD = re.compile(r"\{([a-z_]+)[^}]*\}")


def _forms(text: str | dict[str, str]) -> list[str]:
    return list(text.values()) if isinstance(text, dict) else [text]


def test_placeholders_match_between_languages() -> None:
    for key, texts in catalogue().items():
        fields = {language: {f for form in _forms(texts[language]) for f in FIELD.findall(form)} for language in texts}
        assert fields["nl"] == fields["en"], key


def test_every_count_text_has_the_plural_forms_its_language_needs() -> None:
    """A text with ``{count}`` is a mapping of plural categories: "1 questions" is never written."""
    counted = 0
    for key, texts in catalogue().items():
        for language in LANGUAGES:
            text = texts[language]
            if isinstance(text, dict):
                assert set(text) == plural_categories(language), (key, language)
                assert all(form.strip() for form in text.values()), (key, language)
                assert "{" + COUNT + "}" in text["other"], (key, language)
                counted += 1
            else:
                assert "{" + COUNT + "}" not in text, f"{key} ({language}) counts without plural forms"
    assert counted >= 2 * 20
    assert plural_categories("nl") == plural_categories("en") == {"one", "other"}


def test_the_plural_form_is_chosen_by_count() -> None:
    assert t("results.flagged", "en", count=1).startswith("1 question with disagreement")
    assert t("results.flagged", "en", count=2).startswith("2 questions with disagreement")
    assert t("results.flagged", "nl", count=1).startswith("1 vraag met verschil")
    assert t("results.flagged", "en", count=0).startswith("0 questions")
