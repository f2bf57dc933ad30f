"""Checks that need the whole questionnaire, beyond what the schema can say.

Each check yields ``(path, message)`` so the loader can attach a line number
and report every problem of a file at once.
"""

from __future__ import annotations

from collections.abc import Iterator

from i18n import LANGUAGES
from questionnaires.models import LocalizedText, Questionnaire
from questionnaires.problems import Message, Path, format_location, message
from questionnaires.references import is_known_reference, known_frameworks, suggest_reference

#: The app and the reports speak these; every text must exist in both.
REQUIRED_LANGUAGES = LANGUAGES
#: The most questions a questionnaire and one capability may have. The respond
#: page draws one capability per rerun and every report lists every question, so
#: these keep the largest allowed assessment (with ``MAX_RESPONDENTS``) within the
#: targets: respond page rerun, scoring, Excel <= 10 s, PDF within its time limit
#: (measured by bench/limits.py; figures in docs/deployment.md).
MAX_QUESTIONS = 70
MAX_QUESTIONS_PER_CAPABILITY = 12

Found = tuple[Path, Message]


def semantic_problems(questionnaire: Questionnaire) -> list[Found]:
    return [
        *_language_problems(questionnaire),
        *_id_problems(questionnaire),
        *_scale_problems(questionnaire),
        *_prerequisite_problems(questionnaire),
        *_target_problems(questionnaire),
        *_comparison_problems(questionnaire),
        *_reference_problems(questionnaire),
        *_size_problems(questionnaire),
        *_audience_problems(questionnaire),
    ]


def _audience_problems(questionnaire: Questionnaire) -> Iterator[Found]:
    """Audiences are declared once, with unique ids; a question names only declared ones,
    and in a questionnaire that declares audiences every question names at least one."""
    declared: dict[str, int] = {}
    for n, audience in enumerate(questionnaire.audiences):
        if audience.id in declared:
            yield ("audiences", n, "id"), message(
                "duplicate_audience", id=audience.id, other=format_location(("audiences", declared[audience.id]))
            )
        else:
            declared[audience.id] = n
    for p, pillar in enumerate(questionnaire.pillars):
        for c, capability in enumerate(pillar.capabilities):
            for q, question in enumerate(capability.questions):
                path: Path = ("pillars", p, "capabilities", c, "questions", q, "audiences")
                if declared and not question.audiences:
                    yield path, message("question_without_audience")
                for a, audience_id in enumerate(question.audiences):
                    if audience_id not in declared:
                        yield path + (a,), message("unknown_audience", id=audience_id)


def _size_problems(questionnaire: Questionnaire) -> Iterator[Found]:
    """Too many questions in all, or in one capability (one page of the respond page)."""
    total = questionnaire.question_count
    if total > MAX_QUESTIONS:
        yield ("pillars",), message("too_many_questions", count=total, limit=MAX_QUESTIONS)
    for p, pillar in enumerate(questionnaire.pillars):
        for c, capability in enumerate(pillar.capabilities):
            count = len(capability.questions)
            if count > MAX_QUESTIONS_PER_CAPABILITY:
                yield ("pillars", p, "capabilities", c, "questions"), message(
                    "too_many_capability_questions", id=capability.id, count=count, limit=MAX_QUESTIONS_PER_CAPABILITY
                )


def _texts(questionnaire: Questionnaire) -> Iterator[tuple[Path, LocalizedText]]:
    """Every localized text with its path; guidance of level 0 is optional."""
    yield ("title",), questionnaire.title
    yield ("description",), questionnaire.description
    for a, audience in enumerate(questionnaire.audiences):
        yield ("audiences", a, "name"), audience.name
    for s, level in enumerate(questionnaire.scale):
        yield ("scale", s, "name"), level.name
        yield ("scale", s, "description"), level.description
    for p, pillar in enumerate(questionnaire.pillars):
        base: Path = ("pillars", p)
        yield base + ("name",), pillar.name
        yield base + ("description",), pillar.description
        for c, capability in enumerate(pillar.capabilities):
            cbase = base + ("capabilities", c)
            yield cbase + ("name",), capability.name
            yield cbase + ("description",), capability.description
            for q, question in enumerate(capability.questions):
                qbase = cbase + ("questions", q)
                yield qbase + ("text",), question.text
                yield qbase + ("help",), question.help
                for n, level in enumerate(question.levels):
                    yield qbase + ("levels", n, "descriptor"), level.descriptor
                    if level.level > 0 or level.guidance:
                        yield qbase + ("levels", n, "guidance"), level.guidance


def _language_problems(questionnaire: Questionnaire) -> Iterator[Found]:
    declared = set(questionnaire.languages)
    for language in REQUIRED_LANGUAGES:
        if language not in declared:
            yield ("languages",), message("language_required", language=language)
    undeclared: dict[str, Path] = {}
    for path, text in _texts(questionnaire):
        missing = [language for language in questionnaire.languages if language not in text]
        if missing:
            yield path, message("missing_text", languages=", ".join(missing))
        for language in text:
            if language not in declared:
                undeclared.setdefault(language, path + (language,))
    for language, first in undeclared.items():
        yield ("languages",), message("language_undeclared", language=language, first=format_location(first))


def _id_problems(questionnaire: Questionnaire) -> Iterator[Found]:
    seen: dict[str, Path] = {}

    def claim(identifier: str, path: Path) -> Iterator[Found]:
        if identifier in seen:
            yield path + ("id",), message("duplicate_id", id=identifier, other=format_location(seen[identifier]))
        else:
            seen[identifier] = path

    for p, pillar in enumerate(questionnaire.pillars):
        yield from claim(pillar.id, ("pillars", p))
        for c, capability in enumerate(pillar.capabilities):
            cpath: Path = ("pillars", p, "capabilities", c)
            yield from claim(capability.id, cpath)
            if not capability.id.startswith(pillar.id + "."):
                yield cpath + ("id",), message("capability_id", prefix=pillar.id + ".")
            for q, question in enumerate(capability.questions):
                qpath = cpath + ("questions", q)
                yield from claim(question.id, qpath)
                if not question.id.startswith(capability.id + "."):
                    yield qpath + ("id",), message("question_id", prefix=capability.id + ".")


def _scale_problems(questionnaire: Questionnaire) -> Iterator[Found]:
    scale = [level.level for level in questionnaire.scale]
    if scale != list(range(len(scale))):
        yield ("scale",), message("scale_levels", found=str(scale))
    for p, pillar in enumerate(questionnaire.pillars):
        for c, capability in enumerate(pillar.capabilities):
            for q, question in enumerate(capability.questions):
                numbers = [level.level for level in question.levels]
                if numbers != scale:
                    yield (
                        ("pillars", p, "capabilities", c, "questions", q, "levels"),
                        message("question_levels", scale=str(scale), found=str(numbers)),
                    )


def _prerequisite_problems(questionnaire: Questionnaire) -> Iterator[Found]:
    index = questionnaire.question_index()
    paths: dict[str, Path] = {}
    for p, pillar in enumerate(questionnaire.pillars):
        for c, capability in enumerate(pillar.capabilities):
            for q, question in enumerate(capability.questions):
                paths[question.id] = ("pillars", p, "capabilities", c, "questions", q)
    for question_id, (_, _, question) in index.items():
        for r, required in enumerate(question.prerequisites):
            if required not in index:
                yield paths[question_id] + ("prerequisites", r), message("unknown_prerequisite", id=required)
            elif required == question_id:
                yield paths[question_id] + ("prerequisites", r), message("own_prerequisite")
    cycle = _find_cycle({qid: [r for r in q.prerequisites if r in index] for qid, (_, _, q) in index.items()})
    if cycle:
        yield paths[cycle[0]] + ("prerequisites",), message("cycle", cycle=" → ".join(cycle))


def _find_cycle(graph: dict[str, list[str]]) -> list[str] | None:
    """A cycle of length two or more, found by iterative depth-first search."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in graph:
        if start in state:
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = []
        while stack:
            node, edge = stack.pop()
            if edge == 0:
                state[node] = 1
                path.append(node)
            successors = graph[node]
            if edge < len(successors):
                stack.append((node, edge + 1))
                nxt = successors[edge]
                if state.get(nxt) == 1 and nxt != node:
                    return path[path.index(nxt) :] + [nxt]
                if nxt not in state:
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                path.pop()
    return None


def _target_problems(questionnaire: Questionnaire) -> Iterator[Found]:
    pillars = {pillar.id for pillar in questionnaire.pillars}
    top = max((level.level for level in questionnaire.scale), default=5)
    for pillar_id, target in questionnaire.targets.items():
        if pillar_id not in pillars:
            yield ("targets", pillar_id), message("unknown_pillar", id=pillar_id)
        elif target > top:
            yield ("targets", pillar_id), message("target_above_scale", target=target, top=top)


def _comparison_problems(questionnaire: Questionnaire) -> Iterator[Found]:
    """``comparable_with`` names older versions and ids of this version (the older ids are checked by the trend)."""
    questions = questionnaire.question_index()
    capabilities = {c.id for pillar in questionnaire.pillars for c in pillar.capabilities}
    for n, comparison in enumerate(questionnaire.comparable_with):
        base: Path = ("comparable_with", n)
        if comparison.version >= questionnaire.version:
            yield base + ("version",), message(
                "comparable_version", version=comparison.version, own=questionnaire.version
            )
        for question_id in comparison.questions:
            if question_id not in questions:
                yield base + ("questions", question_id), message("comparable_unknown_question", id=question_id)
        for capability_id in comparison.capabilities:
            if capability_id not in capabilities:
                yield base + ("capabilities", capability_id), message(
                    "comparable_unknown_capability", id=capability_id
                )


def _reference_problems(questionnaire: Questionnaire) -> Iterator[Found]:
    """A cited id must exist in its framework, or a report would cite an article that is not there.

    Only frameworks with a list in ``questionnaires/frameworks`` are checked;
    a key of the consultant's own (an internal policy, a sector standard) is
    theirs to cite as they like.
    """
    checked = set(known_frameworks())
    for p, pillar in enumerate(questionnaire.pillars):
        for c, capability in enumerate(pillar.capabilities):
            for q, question in enumerate(capability.questions):
                for framework, references in question.references.items():
                    for r, reference in enumerate(references):
                        if framework in checked and not is_known_reference(framework, reference):
                            path: Path = ("pillars", p, "capabilities", c, "questions", q, "references", framework, r)
                            yield path, _unknown_reference(framework, reference)


def _unknown_reference(framework: str, reference: str) -> Message:
    suggestion = suggest_reference(framework, reference)
    if suggestion:
        return message("unknown_reference_suggestion", framework=framework, reference=reference, suggestion=suggestion)
    return message("unknown_reference", framework=framework, reference=reference)
