"""Every bad-input kind the loader must refuse, with its message and line number."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest

from questionnaires import QuestionnaireError, load_questionnaire, parse_questionnaire
from questionnaires.loader import MAX_FILE_BYTES

SMALL = Path(__file__).parents[1] / "fixtures" / "small-questionnaire.yaml"


def small_text() -> str:
    return SMALL.read_text(encoding="utf-8")


def problems_of(text: str | bytes, name: str = "q.yaml") -> list[str]:
    content = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(content, name)
    return [str(problem) for problem in caught.value.problems]


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """1-based line of the ``occurrence``-th line containing ``fragment``."""
    hits = [number for number, line in enumerate(text.splitlines(), start=1) if fragment in line]
    return hits[occurrence - 1]


def test_small_questionnaire_loads() -> None:
    questionnaire = load_questionnaire(SMALL)
    assert (questionnaire.id, questionnaire.version, questionnaire.question_count) == ("small-example", 1, 3)
    assert [pillar.id for pillar in questionnaire.pillars] == ["people", "process", "technology"]
    assert questionnaire.questions().__next__().level(3).descriptor["en"] == (
        "Roles and deputies are on a signed-off list."
    )


def test_file_over_one_megabyte_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * MAX_FILE_BYTES + b"\n")
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(big)
    assert [str(p) for p in caught.value.problems] == [
        f"{big}:0: (document): file is {MAX_FILE_BYTES + 3:,} bytes; the limit is 1,048,576 (1 MB)"
    ]


def test_anchor_is_refused_with_its_line() -> None:
    text = small_text().replace('name: {en: "Initial", nl: "Initieel"}', 'name: &n {en: "Initial", nl: "Initieel"}')
    line = line_of(text, "&n")
    assert problems_of(text) == [
        f"q.yaml:{line}: (document): anchors and aliases (&name, *name) are not allowed; write the content out"
    ]


def test_alias_bomb_is_refused_fast_with_bounded_memory() -> None:
    # A classic "billion laughs": nine levels of ten aliases each, padded to nearly 1 MB.
    lines = ['a0: &a0 "lol"']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    bomb = "\n".join(lines) + "\n" + "#" * (MAX_FILE_BYTES - 2000) + "\n"
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    problems = problems_of(bomb)
    elapsed = time.perf_counter() - started
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert problems == [
        "q.yaml:1: (document): anchors and aliases (&name, *name) are not allowed; write the content out"
    ]
    assert elapsed < 2.0
    assert grown_mb < 200


def test_deeply_nested_document_is_refused_fast() -> None:
    depth = 1_000
    nested = "".join(f"{' ' * level}k:\n" for level in range(depth)) + " " * depth + "k: v\n"
    started = time.perf_counter()
    problems = problems_of(nested)
    assert time.perf_counter() - started < 2.0
    assert problems == ["q.yaml:41: (document): nested deeper than 40 levels"]


def test_deeply_nested_flow_document_is_refused_fast() -> None:
    depth = 300_000
    started = time.perf_counter()
    (problem,) = problems_of("[" * depth + "]" * depth)
    assert time.perf_counter() - started < 2.0
    assert problem.startswith("q.yaml:1: (document): ")
    assert "nest" in problem


def test_duplicate_key_is_refused_with_both_lines() -> None:
    text = small_text().replace("version: 1\n", "version: 1\nversion: 2\n")
    first = line_of(text, "version: 1")
    second = line_of(text, "version: 2")
    assert problems_of(text) == [f"q.yaml:{second}: version: duplicate key 'version' (first on line {first})"]


def test_yaml_boolean_where_text_is_expected_is_refused() -> None:
    text = small_text().replace('name: {en: "Absent", nl: "Afwezig"}', 'name: {en: No, nl: "Afwezig"}')
    line = line_of(text, "en: No")
    assert problems_of(text) == [
        f"q.yaml:{line}: scale[0].name.en: expected text, but YAML reads the unquoted value 'No' "
        "as the bool False; put the text in quotes"
    ]


def test_yaml_number_and_null_where_text_is_expected_are_refused() -> None:
    text = small_text().replace('licence: "CC-BY-4.0"', "licence: 4.0").replace('provider: "Veerkracht"', "provider:")
    assert problems_of(text) == [
        f"q.yaml:{line_of(text, 'provider:')}: provider: expected text, but YAML reads the unquoted value '' "
        "as nothing (null); put the text in quotes",
        f"q.yaml:{line_of(text, 'licence:')}: licence: expected text, but YAML reads the unquoted value '4.0' "
        "as the float 4.0; put the text in quotes",
    ]


def test_invalid_utf8_is_refused_with_its_line() -> None:
    text = small_text()
    line = line_of(text, "Afwezig")
    content = text.encode("utf-8").replace(b"Afwezig", b"Afw\xe9zig", 1)
    assert problems_of(content) == [f"q.yaml:{line}: (document): invalid UTF-8 (byte 0xe9); save the file as UTF-8"]


def test_python_tags_are_refused() -> None:
    text = small_text().replace('provider: "Veerkracht"', "provider: !!python/object/apply:os.system ['true']")
    assert problems_of(text) == [
        f"q.yaml:{line_of(text, 'provider:')}: provider: "
        "the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"
    ]


def test_syntax_error_names_its_line() -> None:
    text = small_text().replace("languages: [nl, en]", "languages: [nl, en")
    (problem,) = problems_of(text)
    assert problem.startswith("q.yaml:") and "YAML syntax:" in problem


def test_all_schema_problems_are_reported_at_once() -> None:
    text = (
        small_text()
        .replace("            weight: 2\n", "            weight: 0\n")
        .replace(
            "            effort: medium\n            impact: high\n            prerequisites",
            "            effort: huge\n            impact: high\n            prerequisites",
        )
        .replace("version: 1\n", "version: 1\ncolour: red\n")
    )
    assert problems_of(text) == [
        f"q.yaml:{line_of(text, 'colour: red')}: colour: "
        "unknown key (check the spelling against docs/questionnaire-format.md)",
        f"q.yaml:{line_of(text, 'weight: 0')}: pillars[0].capabilities[0].questions[0].weight: "
        "must be greater than 0",
        f"q.yaml:{line_of(text, 'effort: huge')}: pillars[1].capabilities[0].questions[0].effort: "
        "must be one of: 'low', 'medium' or 'high'",
    ]


def test_missing_key_points_at_the_parent() -> None:
    text = small_text().replace(
        '            help:\n              en: "Ransomware encrypts every back-up it can reach."\n'
        '              nl: "Ransomware versleutelt elke back-up die ze kan bereiken."\n',
        "",
    )
    line = line_of(text, "- id: technology.backup.offline")
    assert problems_of(text) == [
        f"q.yaml:{line}: pillars[2].capabilities[0].questions[0].help: required key is missing"
    ]


def test_duplicate_ids_are_refused() -> None:
    text = small_text().replace("- id: technology.backup.offline", "- id: people.roles.crisis-team")
    assert problems_of(text) == [
        f"q.yaml:{line_of(text, '- id: people.roles.crisis-team', 2)}: pillars[2].capabilities[0].questions[0].id: "
        "id 'people.roles.crisis-team' is used twice (also at pillars[0].capabilities[0].questions[0])",
        f"q.yaml:{line_of(text, '- id: people.roles.crisis-team', 2)}: pillars[2].capabilities[0].questions[0].id: "
        "question id must start with its capability's id: 'technology.backup.'",
    ]


def test_unknown_prerequisite_is_refused() -> None:
    text = small_text().replace("prerequisites: [people.roles.crisis-team]", "prerequisites: [people.roles.nobody]")
    assert problems_of(text) == [
        f"q.yaml:{line_of(text, 'people.roles.nobody')}: pillars[1].capabilities[0].questions[0].prerequisites[0]: "
        "unknown question id 'people.roles.nobody'"
    ]


def test_prerequisite_cycle_is_refused() -> None:
    text = small_text().replace(
        "            weight: 2\n", "            weight: 2\n            prerequisites: [process.exercises.tabletop]\n"
    )
    assert problems_of(text) == [
        f"q.yaml:{line_of(text, 'prerequisites: [process.exercises.tabletop]')}: "
        "pillars[0].capabilities[0].questions[0].prerequisites: prerequisites form a cycle: "
        "people.roles.crisis-team → process.exercises.tabletop → people.roles.crisis-team"
    ]


def test_missing_language_in_a_descriptor_and_guidance_is_refused() -> None:
    text = (
        small_text()
        .replace(
            'descriptor: {en: "A weekly immutable copy exists.", nl: "Er is wekelijks een onveranderbare kopie."}',
            'descriptor: {en: "A weekly immutable copy exists."}',
        )
        .replace(
            '                guidance: {en: "Test a restore every quarter.", nl: "Test elk kwartaal een herstel."}\n',
            "",
        )
    )
    assert problems_of(text) == [
        f"q.yaml:{line_of(text, 'A weekly immutable copy exists.')}: "
        "pillars[2].capabilities[0].questions[0].levels[3].descriptor: missing text in nl",
        f"q.yaml:{line_of(text, 'Restores from it are tested each quarter.') - 1}: "
        "pillars[2].capabilities[0].questions[0].levels[4].guidance: missing text in nl, en",
    ]


def test_level_numbers_must_be_contiguous() -> None:
    text = small_text().replace(
        '              - level: 4\n                descriptor: {en: "Findings',
        '              - level: 5\n                descriptor: {en: "Findings',
    )
    assert problems_of(text) == [
        f"q.yaml:{line_of(text, 'levels:', 2)}: pillars[1].capabilities[0].questions[0].levels: "
        "levels must be exactly the scale's levels [0, 1, 2, 3, 4, 5] in order; found [0, 1, 2, 3, 5, 5]"
    ]


def test_scale_must_be_contiguous() -> None:
    text = small_text().replace('  - level: 5\n    name: {en: "Optimised"', '  - level: 6\n    name: {en: "Optimised"')
    problems = problems_of(text)
    assert problems[0] == (
        f"q.yaml:{line_of(text, '  - level: 6')}: scale[5].level: must be at most 5"
    )


def test_dutch_and_english_must_both_be_declared() -> None:
    text = small_text().replace("languages: [nl, en]", "languages: [en]")
    line = line_of(text, "languages: [en]")
    assert problems_of(text) == [
        f"q.yaml:{line}: languages: 'nl' must be declared: every text exists in Dutch and English",
        f"q.yaml:{line}: languages: texts use 'nl' (first at title.nl), which is not declared",
    ]


def test_problems_read_in_dutch_for_the_upload_page() -> None:
    text = small_text().replace("version: 1\n", "version: 1\nversion: 2\n").replace("weight: 2", "weight: 0")
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(text.encode("utf-8"), "q.yaml")
    assert [problem.text("nl") for problem in caught.value.problems] == [
        f"q.yaml:{line_of(text, 'version: 2')}: version: sleutel 'version' staat er twee keer "
        f"(eerst op regel {line_of(text, 'version: 1')})",
        f"q.yaml:{line_of(text, 'weight: 0')}: pillars[0].capabilities[0].questions[0].weight: moet groter zijn dan 0",
    ]


def test_comparable_with_names_an_older_version_and_known_ids() -> None:
    text = small_text().replace(
        "targets:",
        "comparable_with:\n  - version: 1\n    questions: {people.roles.crisis-team: a.b, people.roles.gone: c.d}\n"
        "    capabilities: {people.nothing: people.roles}\ntargets:",
        1,
    )
    assert problems_of(text) == [
        f"q.yaml:{line_of(text, '- version: 1')}: comparable_with[0].version: "
        "version 1 is not older than this version, 1",
        f"q.yaml:{line_of(text, 'people.roles.gone')}: comparable_with[0].questions.people.roles.gone: "
        "this version has no question with the id 'people.roles.gone'",
        f"q.yaml:{line_of(text, 'people.nothing')}: comparable_with[0].capabilities.people.nothing: "
        "this version has no capability with the id 'people.nothing'",
    ]
