"""The framework reference lists, and the check that a questionnaire cites only ids that exist."""

from __future__ import annotations

from pathlib import Path

import pytest

from questionnaires import QuestionnaireError, parse_questionnaire
from questionnaires.references import (
    FRAMEWORKS_DIR,
    framework_name,
    is_known_reference,
    known_frameworks,
    known_references,
    reference_title,
    suggest_reference,
)

ROOT = Path(__file__).resolve().parents[2]


def test_the_four_frameworks_have_lists() -> None:
    assert known_frameworks() == ("dora", "iso-22301", "nis2", "nist-csf-2.0")
    for framework in known_frameworks():
        assert len(known_references(framework)) > 30, framework
        assert framework_name(framework, "nl") and framework_name(framework, "en")


@pytest.mark.parametrize(
    ("framework", "reference", "title"),
    [
        ("nist-csf-2.0", "GV.RR-02", "Roles, Responsibilities, and Authorities"),
        ("nist-csf-2.0", "GV.RR", "Roles, Responsibilities, and Authorities"),
        ("nist-csf-2.0", "PR.DS-11", "Data Security"),
        ("dora", "Art. 5", "Governance and organisation"),
        ("dora", "Art. 11(6)", "Response and recovery"),
        ("dora", "Art. 28(3)", "General principles"),
        ("dora", "Art. 28(4)(a)", "General principles"),
        ("dora", "Art. 45", "Information-sharing arrangements on cyber threat information and intelligence"),
        ("nis2", "20", "Governance"),
        ("nis2", "20(2)", "Governance"),
        ("nis2", "21(2)", "Cybersecurity risk-management measures"),
        ("nis2", "21(2)(b)", "Incident handling"),
        ("nis2", "21(2)(c)", "Business continuity and crisis management"),
        ("nis2", "23(4)", "Reporting obligations"),
        ("nis2", "23(11)", "Reporting obligations"),
    ],
)
def test_known_ids_have_their_official_titles(framework: str, reference: str, title: str) -> None:
    assert is_known_reference(framework, reference)
    # No list carries an official Dutch translation: the English title serves both languages.
    assert reference_title(framework, reference, "en") == title
    assert reference_title(framework, reference, "nl") == title


def test_iso_clauses_are_numbers_only() -> None:
    """ISO text is copyrighted: a clause's title is its number, in either language."""
    assert reference_title("iso-22301", "8.4.2", "en") == "ISO 22301:2019 clause 8.4.2"
    assert reference_title("iso-22301", "8.4.2", "nl") == "ISO 22301:2019 clausule 8.4.2"
    assert {"4.1", "5.3", "8.4.5", "10.2"} <= set(known_references("iso-22301"))


def test_the_lists_are_complete_where_the_texts_are() -> None:
    nist = known_references("nist-csf-2.0")
    assert sum(1 for ref in nist if "-" in ref) == 106  # every CSF 2.0 subcategory
    dora = known_references("dora")
    assert [f"Art. {n}" for n in range(1, 65)] == [ref for ref in dora if "(" not in ref]
    assert {f"Art. 11({n})" for n in range(1, 12)} <= set(dora)
    nis2 = set(known_references("nis2"))
    assert {f"21(2)({point})" for point in "abcdefghij"} <= nis2
    assert {"20(1)", "20(2)", *(f"21({n})" for n in range(1, 6)), *(f"23({n})" for n in range(1, 12))} <= nis2


@pytest.mark.parametrize(
    ("framework", "reference"),
    [
        ("dora", "Art. 65"),
        ("dora", "Art. 11(12)"),
        ("dora", "Art. 20(1)"),  # Article 20's single paragraph is unnumbered
        ("dora", "Article 11"),
        ("nis2", "21(2)(k)"),
        ("nis2", "Art. 21"),
        ("nist-csf-2.0", "GV.RR-05"),
        ("nist-csf-2.0", "ID.AM-06"),  # withdrawn in CSF 2.0
        ("iso-22301", "11.1"),
        ("own-policy", "1.2"),
    ],
)
def test_unknown_ids_are_unknown(framework: str, reference: str) -> None:
    assert not is_known_reference(framework, reference)
    assert reference_title(framework, reference, "en") is None


def test_unknown_frameworks_keep_their_key_as_name() -> None:
    assert framework_name("own-policy", "nl") == "own-policy"
    assert known_references("own-policy") == ()


def test_suggestions_fix_notation_never_numbers() -> None:
    assert suggest_reference("dora", "Art 11") == "Art. 11"
    assert suggest_reference("dora", "Article 11(6)") == "Art. 11(6)"
    assert suggest_reference("nis2", "Art. 21(2)(c)") == "21(2)(c)"
    assert suggest_reference("nist-csf-2.0", "gv.rr 02") == "GV.RR-02"
    assert suggest_reference("dora", "Art. 99") is None
    assert suggest_reference("nist-csf-2.0", "GV.RR-05") is None


def test_the_lists_are_packaged() -> None:
    """The wheel holds only what pyproject's package-data names; the lists live in a folder that is no package."""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"questionnaires" = ["frameworks/*.yaml", "reference/*.yaml"]' in pyproject
    assert sorted(path.name for path in FRAMEWORKS_DIR.glob("*.yaml")) == [
        f"{framework}.yaml" for framework in known_frameworks()
    ]


def small_questionnaire(small_questionnaire_path: Path, dora: str) -> bytes:
    text = small_questionnaire_path.read_text(encoding="utf-8")
    assert 'dora: ["Art. 11(6)"]' in text
    return text.replace('dora: ["Art. 11(6)"]', f"dora: {dora}").encode("utf-8")


def problems(data: bytes) -> list[str]:
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(data, "q.yaml")
    return [problem.text("en") for problem in caught.value.problems]


def test_an_unknown_reference_is_one_problem_at_its_path(small_questionnaire_path: Path) -> None:
    data = small_questionnaire(small_questionnaire_path, '["Art. 999"]')
    line = data.decode("utf-8").splitlines().index('              dora: ["Art. 999"]') + 1
    assert problems(data) == [
        f"q.yaml:{line}: pillars[1].capabilities[0].questions[0].references.dora[0]: "
        "'Art. 999' is not in the list of dora references (see docs/frameworks.md)"
    ]


def test_a_mistyped_reference_gets_a_suggestion_in_both_languages(small_questionnaire_path: Path) -> None:
    data = small_questionnaire(small_questionnaire_path, '["Art. 11", "Art 11(6)"]')
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(data, "q.yaml")
    (problem,) = caught.value.problems
    assert problem.location == "pillars[1].capabilities[0].questions[0].references.dora[1]"
    assert problem.message.text("en").endswith("did you mean 'Art. 11(6)'?")
    assert problem.message.text("nl").endswith("bedoelt u 'Art. 11(6)'?")


def test_references_under_an_own_framework_pass_unchecked(small_questionnaire_path: Path) -> None:
    text = small_questionnaire(small_questionnaire_path, '["Art. 11(6)"]\n              own-policy: ["Whatever 7"]')
    questionnaire = parse_questionnaire(text, "q.yaml")
    assert any(q.references.get("own-policy") == ("Whatever 7",) for q in questionnaire.questions())
