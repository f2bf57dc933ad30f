"""The default questionnaire: its shape, seed coverage, sharp descriptors and references.

The 19 practices below are copied from the source article's table
(``digital-resilience.en.md``, outside this repository) on purpose: a fresh
clone has no ``../shared``, and the questionnaire must keep assessing every
practice the product promises even when questions are reworded or moved.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

import pytest

from questionnaires import Questionnaire, load_questionnaire
from questionnaires.references import is_known_reference, known_frameworks
from questionnaires.registry import DEFAULT_QUESTIONNAIRE, installed_questionnaires

#: Practice number → (short name, ids of the questions that assess it).
SEED_PRACTICES: dict[int, tuple[str, tuple[str, ...]]] = {
    1: (
        "Clear roles and responsibilities for disruptions",
        ("people.governance.crisis-roles", "people.governance.escalation-reachability"),
    ),
    2: (
        "Scenario exercises with realistic disruptions",
        ("process.exercises.scenario-exercises", "process.exercises.exercise-programme"),
    ),
    3: ("Tabletop tests with decision makers", ("process.exercises.tabletop-board",)),
    4: ("Chain-wide simulations with suppliers and partners", ("process.exercises.chain-exercise",)),
    5: (
        "Exercises feed back: documentation, dependencies, escalation paths fixed",
        ("process.exercises.findings-follow-up", "process.continuity.plan-maintenance"),
    ),
    6: (
        "Measurable RTO/RPO targets, tested",
        (
            "process.risk.rto-rpo",
            "technology.recovery.restore-tests",
            "technology.recovery.service-recovery-test",
        ),
    ),
    7: ("Detection separated from response", ("technology.detection.detection-response-separation",)),
    8: ("At least one offline, immutable back-up", ("technology.recovery.offline-immutable-backup",)),
    9: (
        "Recorded decision criteria for when speed goes before perfection",
        ("process.continuity.decision-criteria",),
    ),
    10: (
        "Crisis communication: who, what, channel, frequency, internal and external",
        (
            "people.communication.crisis-communication-plan",
            "people.communication.fallback-channels",
        ),
    ),
    11: ("Teams trained to prioritise under pressure", ("people.skills.prioritise-under-pressure",)),
    12: (
        "Psychological safety and a blame-free culture",
        ("people.culture.safety-under-pressure", "people.culture.blameless-reviews"),
    ),
    13: (
        "Automation: patching, infrastructure as code, identity hygiene",
        (
            "technology.protection.patching",
            "technology.automation.infrastructure-as-code",
            "technology.protection.identity-hygiene",
        ),
    ),
    14: (
        "Manual emergency procedures for when automation fails",
        ("process.continuity.manual-fallback", "technology.automation.break-glass"),
    ),
    15: ("Suppliers and partners involved early", ("process.suppliers.early-involvement",)),
    16: (
        "Firewalls, back-ups and monitoring (the technical basics)",
        (
            "technology.protection.firewalls-segmentation",
            "technology.recovery.backup-coverage",
            "technology.detection.monitoring",
            "technology.detection.logging",
        ),
    ),
    17: ("Transparent communication to customers", ("people.communication.customer-transparency",)),
    18: (
        "Learning from incidents and exercises",
        (
            "people.culture.lessons-implemented",
            "process.incident.post-incident-review",
            "people.culture.learning-from-others",
        ),
    ),
    19: (
        "Recovery within hours, controlled and predictable",
        ("technology.recovery.service-recovery-test", "process.incident.response-performance"),
    ),
}

#: What a resilience consultant expects besides the seed practices.
CONSULTANT_TOPICS: dict[str, tuple[str, ...]] = {
    "asset and dependency mapping": ("process.risk.asset-dependency-map",),
    "business impact analysis": ("process.risk.business-impact-analysis",),
    "incident detection and response": (
        "technology.detection.monitoring",
        "process.incident.response-procedure",
    ),
    "third-party risk": (
        "process.suppliers.third-party-register",
        "process.suppliers.contract-requirements",
        "process.suppliers.supplier-assurance",
    ),
    "recovery testing": ("technology.recovery.restore-tests", "technology.recovery.service-recovery-test"),
    "governance and board involvement": (
        "people.governance.board-accountability",
        "process.exercises.tabletop-board",
    ),
    "post-incident learning": ("process.incident.post-incident-review",),
    # The topics the version 1 review missed (issue 9): each has a question now.
    "scope of the assessment (services, sites, chains)": ("process.risk.scope",),
    "internal audit and independent assurance": ("people.governance.independent-assurance",),
    "malware protection, EDR and e-mail security": ("technology.protection.malware-email-protection",),
    "end-of-life and legacy systems (technical debt)": ("technology.infrastructure.end-of-life",),
    "ending a crisis, returning to normal, reconciling data": ("process.continuity.return-to-normal",),
    "forensic readiness": ("process.incident.forensic-readiness",),
    "DDoS and capacity": ("technology.infrastructure.ddos-capacity",),
    "physical and power resilience": ("technology.infrastructure.physical-power",),
    "crises that last weeks (relief rotas, fatigue)": ("people.skills.long-crisis-endurance",),
    "secure acquisition and the software supply chain": ("process.suppliers.secure-acquisition",),
    "operational technology where present": ("technology.infrastructure.operational-technology",),
    "loss of staff or premises": ("process.continuity.loss-of-premises-or-staff", "people.skills.key-person-risk"),
}

#: Words that make a level descriptor unobservable: an auditor cannot see "largely".
VAGUE = re.compile(
    r"\b(somewhat|largely|partially|partly|mostly|to some extent"
    r"|enigszins|grotendeels|deels|gedeeltelijk|min of meer)\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def questionnaire() -> Questionnaire:
    return load_questionnaire(DEFAULT_QUESTIONNAIRE)


def coverage_problems(mapping: Mapping[object, Iterable[str]], known: set[str]) -> list[str]:
    """What is wrong with a topic → question ids mapping: empty topics, unknown ids."""
    problems = []
    for topic, ids in mapping.items():
        ids = list(ids)
        if not ids:
            problems.append(f"{topic}: assessed by no question")
        problems.extend(f"{topic}: no question '{qid}'" for qid in ids if qid not in known)
    return problems


def vague_descriptors(questionnaire: Questionnaire) -> list[str]:
    """``question id level N lang: word`` for every vague word in a level descriptor."""
    return [
        f"{question.id} level {level.level} {language}: {match.group(0)}"
        for question in questionnaire.questions()
        for level in question.levels
        for language, text in level.descriptor.items()
        for match in VAGUE.finditer(text)
    ]


def test_header(questionnaire: Questionnaire) -> None:
    assert (questionnaire.id, questionnaire.version) == ("digital-resilience", 2)
    assert (questionnaire.provider, questionnaire.licence) == ("Veerkracht", "CC-BY-4.0")
    assert questionnaire.languages == ("nl", "en")
    assert questionnaire.targets == {"people": 3.0, "process": 3.0, "technology": 3.0}
    assert [level.name["en"] for level in questionnaire.scale] == [
        "Absent", "Initial", "Repeatable", "Defined", "Managed", "Optimised",
    ]
    assert [level.name["nl"] for level in questionnaire.scale] == [
        "Afwezig", "Initieel", "Herhaalbaar", "Vastgelegd", "Beheerst", "Geoptimaliseerd",
    ]


def test_file_starts_with_schema_modeline() -> None:
    first = DEFAULT_QUESTIONNAIRE.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schema.json"


def test_shape(questionnaire: Questionnaire) -> None:
    assert [pillar.id for pillar in questionnaire.pillars] == ["people", "process", "technology"]
    capabilities = [c for pillar in questionnaire.pillars for c in pillar.capabilities]
    assert 55 <= questionnaire.question_count <= 75
    per_pillar = {
        pillar.id: sum(len(c.questions) for c in pillar.capabilities) for pillar in questionnaire.pillars
    }
    assert per_pillar == {"people": 17, "process": 27, "technology": 22}
    assert {c.id: len(c.questions) for c in capabilities} == {
        "people.governance": 5,
        "people.skills": 5,
        "people.culture": 4,
        "people.communication": 3,
        "process.risk": 5,
        "process.continuity": 6,
        "process.exercises": 5,
        "process.incident": 6,
        "process.suppliers": 5,
        "technology.protection": 7,
        "technology.automation": 3,
        "technology.recovery": 5,
        "technology.detection": 3,
        "technology.infrastructure": 4,
    }


def test_seed_list_is_complete() -> None:
    assert sorted(SEED_PRACTICES) == list(range(1, 20))


def test_every_seed_practice_is_assessed(questionnaire: Questionnaire) -> None:
    known = set(questionnaire.question_index())
    mapping = {f"practice {n} ({name})": ids for n, (name, ids) in SEED_PRACTICES.items()}
    assert coverage_problems(mapping, known) == []


def test_every_consultant_topic_is_assessed(questionnaire: Questionnaire) -> None:
    assert coverage_problems(CONSULTANT_TOPICS, set(questionnaire.question_index())) == []


def test_coverage_check_reports_missing_practices() -> None:
    known = {"people.governance.crisis-roles"}
    mapping = {"practice 1": ["people.governance.crisis-roles"], "practice 2": [], "practice 3": ["gone"]}
    assert coverage_problems(mapping, known) == [
        "practice 2: assessed by no question",
        "practice 3: no question 'gone'",
    ]


def test_no_vague_descriptors(questionnaire: Questionnaire) -> None:
    assert vague_descriptors(questionnaire) == []


def test_vague_word_check_finds_planted_words(questionnaire: Questionnaire) -> None:
    question = questionnaire.pillars[0].capabilities[0].questions[0]
    level = question.levels[2].model_copy(
        update={"descriptor": {"en": "Roles are largely known.", "nl": "Rollen zijn deels bekend."}}
    )
    planted = question.model_copy(update={"levels": (*question.levels[:2], level, *question.levels[3:])})
    capability = questionnaire.pillars[0].capabilities[0].model_copy(update={"questions": (planted,)})
    pillar = questionnaire.pillars[0].model_copy(update={"capabilities": (capability,)})
    small = questionnaire.model_copy(update={"pillars": (pillar,)})
    assert vague_descriptors(small) == [
        "people.governance.board-accountability level 2 en: largely",
        "people.governance.board-accountability level 2 nl: deels",
    ]


def test_every_question_has_a_reference(questionnaire: Questionnaire) -> None:
    assert [q.id for q in questionnaire.questions() if not any(q.references.values())] == []


def test_every_installed_reference_is_in_the_framework_lists() -> None:
    """Shipped questionnaires cite only frameworks with a list, and only ids that exist in them.

    Loading already refuses an unknown id under a listed framework; this also
    refuses a framework without a list, which only a consultant's own file may cite.
    """
    wrong = [
        f"{key[0]} v{key[1]} {question.id}: {framework} {reference!r}"
        for key, installed in installed_questionnaires().items()
        for question in installed.questions()
        for framework, references in question.references.items()
        for reference in references
        if not is_known_reference(framework, reference)
    ]
    assert wrong == []


def test_every_framework_is_used(questionnaire: Questionnaire) -> None:
    used = {framework for question in questionnaire.questions() for framework in question.references}
    assert used == set(known_frameworks())


def test_questions_are_questions_with_honest_estimates(questionnaire: Questionnaire) -> None:
    for question in questionnaire.questions():
        assert question.text["en"].endswith("?"), question.id
        assert question.text["nl"].endswith("?"), question.id
        assert question.weight in (1.0, 1.5, 2.0), question.id
    # Weight (how much a question says about its capability) and impact (resilience gained
    # per level) are judged apart: the roadmap ranks by weight × gap × impact ÷ effort,
    # so importance must not count twice, and the ranks need spread.
    questions = list(questionnaire.questions())
    assert Counter(q.weight for q in questions) == {1.0: 20, 1.5: 29, 2.0: 17}
    assert Counter(q.impact for q in questions) == {"high": 37, "medium": 28, "low": 1}
    assert Counter(q.effort for q in questions) == {"low": 24, "medium": 34, "high": 8}
    pairs = Counter((q.weight, q.impact) for q in questions)
    assert pairs[(2.0, "medium")] >= 3 and pairs[(1.0, "high")] >= 2


def test_guidance_for_every_level_above_zero(questionnaire: Questionnaire) -> None:
    missing = [
        f"{question.id} level {level.level}"
        for question in questionnaire.questions()
        for level in question.levels
        if level.level > 0 and not (level.guidance.get("nl") and level.guidance.get("en"))
    ]
    assert missing == []


def test_offline_back_up_is_offline_and_immutable(questionnaire: Questionnaire) -> None:
    """The seed asks for a copy that is offline *and* immutable; version 1 accepted either."""
    question = questionnaire.question_index()["technology.recovery.offline-immutable-backup"][2]
    assert not question.prerequisites
    for level in question.levels[1:]:
        english, dutch = level.descriptor["en"].lower(), level.descriptor["nl"].lower()
        if "offline" in english:
            assert "immutable" in english and "offline or" not in english and "or immutable" not in english
            assert "onveranderlijk" in dutch and " of onveranderlijk" not in dutch


def test_scale_tells_the_respondent_how_to_pick(questionnaire: Questionnaire) -> None:
    assert "highest level whose description is entirely true" in questionnaire.description["en"]
    assert "hoogste niveau waarvan de beschrijving helemaal klopt" in questionnaire.description["nl"]
    for level in questionnaire.scale[2:]:
        assert level.description["en"].startswith(f"Level {level.level - 1}, and:")
        assert level.description["nl"].startswith(f"Niveau {level.level - 1}, en:")


def test_version_one_stays_installed_and_version_two_declares_what_it_shares() -> None:
    installed = installed_questionnaires()
    first, second = installed[("digital-resilience", 1)], installed[("digital-resilience", 2)]
    assert first.question_count == 54
    (comparison,) = second.comparable_with
    assert comparison.version == 1
    old, new = first.question_index(), second.question_index()
    assert len(comparison.questions) == 50
    for here, there in comparison.questions.items():
        assert here in new and there in old
        assert comparison.capabilities[new[here][1].id] == old[there][1].id
    # Questions whose meaning changed are not compared with version 1.
    for changed in ("people.skills.prioritise-under-pressure", "technology.recovery.offline-immutable-backup",
                    "technology.recovery.service-recovery-test"):
        assert changed not in comparison.questions
