"""Read and write assessment files (``docs/assessment-format.md``).

Files come from other installations and from consultants' hands, so reading
is defensive: a size limit before parsing, UTF-8 only, duplicate JSON keys
refused (``json`` would keep the last silently), every problem of the file
reported at once as ``FILE: LOCATION: MESSAGE``, and answers checked against
the questionnaire they pin, so a score is never computed over a question that
does not exist.

The questionnaire is resolved like this: the one embedded in the file (checked
with the same validation as a questionnaire YAML file, and it must carry the
id and version the file pins), else the installed questionnaire with that id
and version.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path as FilePath
from typing import Any

from pydantic import ValidationError

from questionnaires.loader import validate_questionnaire
from questionnaires.models import Questionnaire
from questionnaires.problems import QuestionnaireError, format_location
from scoring.assessment import Assessment

MAX_FILE_BYTES = 10 * 1024 * 1024


class AssessmentFileError(ValueError):
    """An assessment file could not be used; ``problems`` lists every reason, one line each."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _is_union_tag(part: Any) -> bool:
    """pydantic names the member of a union that failed (``constrained-int``, ``literal[...]``)."""
    return isinstance(part, str) and (part.startswith(("literal[", "constrained-", "function-")) or part == "[key]")


def _validation_problems(error: ValidationError, name: str) -> list[str]:
    """One ``FILE: LOCATION: MESSAGE`` line per location, in words a consultant can act on."""
    found: dict[str, str] = {}
    for detail in error.errors(include_url=False):
        path = tuple(part for part in detail["loc"] if not _is_union_tag(part))
        location = format_location(path)
        message = detail["msg"].removeprefix("Value error, ")
        if path and path[-1] == "value" and "answers" in path:
            message = f"expected a level 0-5, \"na\" or \"dont_know\"; got {json.dumps(detail.get('input'))}"
        found.setdefault(location, message)
    return [f"{name}: {location}: {message}" for location, message in found.items()]


def load_assessment_file(
    path: str | FilePath, installed: Mapping[tuple[str, int], Questionnaire] | None = None
) -> tuple[Assessment, Questionnaire]:
    """Read, check and resolve one assessment file (see ``parse_assessment``)."""
    file_path = FilePath(path)
    try:
        size = file_path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise AssessmentFileError([f"{path}: file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} (10 MB)"])
        data = file_path.read_bytes()
    except OSError as error:
        raise AssessmentFileError([f"{path}: cannot read file: {error.strerror}"]) from None
    return parse_assessment(data, str(path), installed)


def parse_assessment(
    data: bytes, name: str, installed: Mapping[tuple[str, int], Questionnaire] | None = None
) -> tuple[Assessment, Questionnaire]:
    """Parse an assessment file's bytes into the assessment and the questionnaire it pins.

    ``installed``: questionnaires by (id, version) to resolve a file without an
    embedded questionnaire; ``None`` means the installed ones
    (``questionnaires.installed_questionnaires()``). The returned assessment
    has the questionnaire embedded only if the file had it. Raises
    ``AssessmentFileError`` with every problem found.
    """
    if len(data) > MAX_FILE_BYTES:
        raise AssessmentFileError([f"{name}: file is {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,} (10 MB)"])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise AssessmentFileError([f"{name}: invalid UTF-8 at byte {error.start}; save the file as UTF-8"]) from None
    try:
        raw = json.loads(text, object_pairs_hook=_no_duplicates)
    except _DuplicateKey as error:
        raise AssessmentFileError([f"{name}: duplicate key '{error.args[0]}'"]) from None
    except json.JSONDecodeError as error:
        raise AssessmentFileError(
            [f"{name}: line {error.lineno} column {error.colno}: not valid JSON: {error.msg}"]
        ) from None
    except RecursionError:
        raise AssessmentFileError([f"{name}: the JSON is nested too deeply"]) from None
    if not isinstance(raw, dict):
        raise AssessmentFileError([f"{name}: (document): expected a JSON object"])

    problems: list[str] = []
    embedded: Questionnaire | None = None
    reference = raw.get("questionnaire")
    if isinstance(reference, dict) and reference.get("embedded") is not None:
        reference = dict(reference)
        try:
            embedded = validate_questionnaire(reference.pop("embedded"), name)
        except QuestionnaireError as error:
            problems += [
                f"{name}: questionnaire.embedded.{problem.location}: {problem.message}"
                for problem in error.problems
            ]
        raw = {**raw, "questionnaire": reference}
    try:
        assessment = Assessment.model_validate(raw)
    except ValidationError as error:
        problems += _validation_problems(error, name)
        raise AssessmentFileError(problems) from None
    if problems:
        raise AssessmentFileError(problems)

    ref = assessment.questionnaire
    if embedded is not None:
        if (embedded.id, embedded.version) != (ref.id, ref.version):
            raise AssessmentFileError(
                [
                    f"{name}: questionnaire.embedded: is {embedded.id} v{embedded.version}, "
                    f"but the file pins {ref.id} v{ref.version}"
                ]
            )
        questionnaire = embedded
        assessment = assessment.model_copy(update={"questionnaire": ref.model_copy(update={"embedded": embedded})})
    else:
        if installed is None:
            from questionnaires.registry import installed_questionnaires

            try:
                installed = installed_questionnaires()
            except QuestionnaireError as error:
                raise AssessmentFileError(
                    [f"installed questionnaire {problem}" for problem in error.problems]
                ) from None
        found = installed.get((ref.id, ref.version))
        if found is None:
            raise AssessmentFileError(
                [
                    f"{name}: questionnaire: {ref.id} v{ref.version} is not installed and not embedded "
                    "in the file; export the assessment with its questionnaire embedded"
                ]
            )
        questionnaire = found
    problems = [f"{name}: {problem}" for problem in reference_problems(assessment, questionnaire)]
    if problems:
        raise AssessmentFileError(problems)
    return assessment, questionnaire


def reference_problems(assessment: Assessment, questionnaire: Questionnaire) -> list[str]:
    """``LOCATION: MESSAGE`` for every id the assessment names that the questionnaire lacks."""
    questions = questionnaire.question_index()
    pillars = {pillar.id for pillar in questionnaire.pillars}
    top = max(level.level for level in questionnaire.scale)
    label = f"{questionnaire.id} v{questionnaire.version}"
    problems: list[str] = []
    seen: set[str] = set()
    for r, respondent in enumerate(assessment.respondents):
        if respondent.id in seen:
            problems.append(f"respondents[{r}].id: respondent id '{respondent.id}' is used twice")
        seen.add(respondent.id)
        declared = {audience.id for audience in questionnaire.audiences}
        for a, audience in enumerate(respondent.audiences):
            if audience not in declared:
                where = f"respondents[{r}].audiences[{a}]"
                problems.append(f"{where}: audience '{audience}' is not in questionnaire {label}")
        for question, answer in respondent.answers.items():
            where = f"respondents[{r}].answers.{question}"
            if question not in questions:
                problems.append(f"{where}: question '{question}' is not in questionnaire {label}")
            elif isinstance(answer.value, int) and answer.value > top:
                problems.append(f"{where}.value: level {answer.value} is above the scale's top level {top}")
    for pillar in assessment.targets.pillars:
        if pillar not in pillars:
            problems.append(f"targets.pillars.{pillar}: pillar '{pillar}' is not in questionnaire {label}")
    for question in assessment.targets.questions:
        if question not in questions:
            problems.append(f"targets.questions.{question}: question '{question}' is not in questionnaire {label}")
    for question, agreed in assessment.agreed.items():
        if question not in questions:
            problems.append(f"agreed.{question}: question '{question}' is not in questionnaire {label}")
        elif isinstance(agreed.value, int) and agreed.value > top:
            problems.append(f"agreed.{question}.value: level {agreed.value} is above the scale's top level {top}")
    for key in assessment.roadmap:
        question, level = key.rsplit("@", 1)
        if question not in questions:
            problems.append(f"roadmap.{key}: question '{question}' is not in questionnaire {label}")
        elif int(level) > top:
            problems.append(f"roadmap.{key}: level {level} is above the scale's top level {top}")
    return problems


def assessment_to_json(assessment: Assessment, questionnaire: Questionnaire | None = None) -> str:
    """The assessment as a file: the questionnaire embedded, keys sorted, indent 2.

    ``questionnaire`` is embedded when given (it must be the one the
    assessment pins); else the assessment must already embed one. The output
    is stable: the same assessment always gives the same text, so exports can
    be compared and re-imported without change.
    """
    ref = assessment.questionnaire
    if questionnaire is not None:
        if (questionnaire.id, questionnaire.version) != (ref.id, ref.version):
            raise ValueError(
                f"the assessment pins {ref.id} v{ref.version}, not {questionnaire.id} v{questionnaire.version}"
            )
        assessment = assessment.model_copy(update={"questionnaire": ref.model_copy(update={"embedded": questionnaire})})
    elif ref.embedded is None:
        raise ValueError("pass the questionnaire: an exported assessment embeds it")
    data = _without_empty_additions(assessment.model_dump(mode="json", exclude_none=True))
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _without_empty_additions(data: dict[str, Any]) -> dict[str, Any]:
    """Fields added after the first files (audiences, agreed answers) are left out while empty,
    so an assessment without them exports the same text as before they existed."""
    if not data.get("agreed"):
        data.pop("agreed", None)
    for respondent in data.get("respondents", ()):
        if not respondent.get("audiences"):
            respondent.pop("audiences", None)
    embedded = data.get("questionnaire", {}).get("embedded")
    if embedded is not None:
        if not embedded.get("audiences"):
            embedded.pop("audiences", None)
        for pillar in embedded.get("pillars", ()):
            for capability in pillar["capabilities"]:
                for question in capability["questions"]:
                    if not question.get("audiences"):
                        question.pop("audiences", None)
    return data
