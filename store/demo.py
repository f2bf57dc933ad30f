"""Demo data: a demo consultant with organisations that look like a consultant's real clients.

Only made when asked for (``veerkracht demo``, or ``veerkracht db upgrade
--demo-if-empty`` on an empty database), and labelled: the consultant and every
organisation carry the demo flag, and every organisation's name starts with
"Demo — ". Answers are drawn to look plausible: each organisation has its own
maturity, pillar strengths and question quirks, the second assessment a year
later is somewhat better, respondents differ a little from each other, and a
few answers are N/A (with a reason), don't-know, or carry a comment.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from sqlalchemy import Engine, insert

from questionnaires.models import Questionnaire
from scoring.assessment import Targets
from store._util import utcnow
from store.assessments import insert_assessment
from store.engine import writing
from store.pinned_questionnaires import question_keys_of
from store.respondents import insert_respondent
from store.schema import answers, organisations
from store.users import add_user, find_user

DEMO_PREFIX = "Demo — "
DEMO_DATA = Path(__file__).with_name("demo_data.yaml")
#: The most demo organisations one call makes: a sector body's portfolio (bench/portfolio.py uses 2,000).
MAX_DEMO_ORGANISATIONS = 5000


@dataclass(frozen=True)
class DemoResult:
    email: str
    password: str
    organisation_ids: tuple[int, ...]
    assessment_ids: tuple[int, ...]


@cache
def _data() -> dict:
    return yaml.safe_load(DEMO_DATA.read_text(encoding="utf-8"))


def _demo_email(engine: Engine) -> str:
    for number in range(1, 1000):
        email = "demo@veerkracht.example" if number == 1 else f"demo-{number}@veerkracht.example"
        if find_user(engine, email) is None:
            return email
    raise RuntimeError("too many demo consultants")


def create_demo(
    engine: Engine,
    organisation_count: int,
    questionnaire: Questionnaire,
    *,
    seed: int | None = None,
    baseline: Questionnaire | None = None,
) -> DemoResult:
    """A new demo consultant with ``organisation_count`` organisations, each with two closed assessments.

    ``baseline``, an earlier version of ``questionnaire``, answers the first
    assessment of each organisation, as a client who started before the new
    version would have: the demo then shows a trend across versions.
    """
    if not 1 <= organisation_count <= MAX_DEMO_ORGANISATIONS:
        raise ValueError(f"choose between 1 and {MAX_DEMO_ORGANISATIONS} demo organisations")
    rng = random.Random(seed)
    data = _data()
    password = secrets.token_urlsafe(12)
    user = add_user(engine, _demo_email(engine), password, demo=True)
    today = dt.date.today()
    organisation_ids: list[int] = []
    assessment_ids: list[int] = []
    #: Question keys per questionnaire text, read once: every organisation answers the same two.
    keys_of: dict[str, dict[str, int]] = {}
    catalogue = data["organisations"]
    for number in range(organisation_count):
        base = catalogue[number % len(catalogue)]
        round_ = number // len(catalogue)
        name = DEMO_PREFIX + base["name"] + (f" {round_ + 1}" if round_ else "")
        with writing(engine) as connection:
            organisation_id = connection.execute(
                insert(organisations)
                .values(
                    owner_id=user.id,
                    name=name,
                    sector=base["sector"],
                    size_class=base["size_class"],
                    demo=True,
                    created_at=utcnow(),
                )
                .returning(organisations.c.id)
            ).scalar_one()
            profile = _profile(rng, questionnaire)
            latest = today - dt.timedelta(days=rng.randint(7, 60))
            rounds = [
                (baseline or questionnaire, _earlier_profile(profile, questionnaire, baseline), 0.0),
                (questionnaire, profile, rng.uniform(0.3, 0.8)),
            ]
            for year, (used, levels, progress) in enumerate(rounds):
                date = latest - dt.timedelta(days=365) if year == 0 else latest
                assessment_id = insert_assessment(
                    connection,
                    organisation_id,
                    used,
                    title=f"Nulmeting {date.year}" if year == 0 else f"Herhaalmeting {date.year}",
                    date=date,
                    status="closed",
                    targets=Targets(),
                )
                assessment_ids.append(assessment_id)
                rows = []
                text = used.content_hash()
                keys = keys_of.get(text) or keys_of.setdefault(text, question_keys_of(connection, used))
                for role in rng.sample(data["roles"], rng.randint(2, 4)):
                    respondent_id, _token = insert_respondent(
                        connection, assessment_id, role, rng.choice([None, *data["names"]])
                    )
                    bias = rng.gauss(0, 0.35)
                    for question_id, level in levels.items():
                        question = (question_id, keys[question_id])
                        rows.append(_answer(rng, data, respondent_id, question, level + progress + bias))
                connection.execute(insert(answers), rows)
        organisation_ids.append(organisation_id)
    # The organisation the picker starts on (the first) gets a worked roadmap: owners, horizons, progress.
    _roadmap_edits(engine, user.id, assessment_ids[1], rng, data, today)
    return DemoResult(user.email, password, tuple(organisation_ids), tuple(assessment_ids))


def _roadmap_edits(
    engine: Engine, user_id: int, assessment_id: int, rng: random.Random, data: dict, today: dt.date
) -> None:
    """Edits to the first steps of an assessment's roadmap, as a consultant shaping it with the client would."""
    from scoring.assessment import RoadmapEdit
    from scoring.roadmap import build_roadmap
    from scoring.scores import score_assessment
    from store.assessments import assessment_document
    from store.roadmap import set_roadmap_edit

    document, questionnaire = assessment_document(engine, user_id, assessment_id)
    steps = build_roadmap(score_assessment(document, questionnaire).questions, questionnaire)
    plan = [("done", "now"), ("in_progress", "now"), ("in_progress", "now"), ("open", "next"), ("open", "next"),
            ("open", "later")]
    for step, (status, horizon) in zip(steps, plan, strict=False):
        set_roadmap_edit(engine, user_id, assessment_id, step.key, RoadmapEdit(
            owner=rng.choice(data["roles"]), horizon=horizon, status=status,
            due=today + dt.timedelta(days={"now": 60, "next": 180, "later": 365}[horizon]),
        ))


def _profile(rng: random.Random, questionnaire: Questionnaire) -> dict[str, float]:
    """An organisation's underlying level per question: overall maturity, pillar strength, quirks."""
    overall = rng.uniform(1.2, 3.6)
    levels: dict[str, float] = {}
    for pillar in questionnaire.pillars:
        pillar_level = overall + rng.gauss(0, 0.5)
        for capability in pillar.capabilities:
            capability_level = pillar_level + rng.gauss(0, 0.35)
            for question in capability.questions:
                levels[question.id] = capability_level + rng.gauss(0, 0.5)
    return levels


def _earlier_profile(
    profile: dict[str, float], questionnaire: Questionnaire, baseline: Questionnaire | None
) -> dict[str, float]:
    """The same organisation's levels on an earlier version: shared questions keep their level,
    the others take their capability's (or the organisation's) mean."""
    if baseline is None or baseline.version == questionnaire.version:
        return profile
    comparison = next((c for c in questionnaire.comparable_with if c.version == baseline.version), None)
    same = {old: new for new, old in comparison.questions.items()} if comparison else {}
    by_capability: dict[str, list[float]] = {}
    for question_id, (_, capability, _) in questionnaire.question_index().items():
        by_capability.setdefault(capability.id, []).append(profile[question_id])
    mean = sum(profile.values()) / len(profile)
    levels: dict[str, float] = {}
    for question_id, (_, capability, _) in baseline.question_index().items():
        if question_id in same:
            levels[question_id] = profile[same[question_id]]
        else:
            around = by_capability.get(capability.id)
            levels[question_id] = sum(around) / len(around) if around else mean
    return levels


def _answer(rng: random.Random, data: dict, respondent_id: int, question: tuple[str, int], level: float) -> dict:
    """One answers row; ``question`` is the question's id and its key in this database."""
    question_id, key = question
    draw = rng.random()
    value, reason = str(max(0, min(5, round(level + rng.gauss(0, 0.45))))), None
    if draw < 0.02:
        value, reason = "na", rng.choice(data["na_reasons"])
    elif draw < 0.06:
        value = "dont_know"
    comment = rng.choice(data["comments"]) if rng.random() < 0.07 else None
    evidence = None
    if value in ("3", "4", "5") and rng.random() < 0.05:
        evidence = f"https://intranet.example/documenten/{question_id}"
    return {
        "respondent_id": respondent_id,
        "question_key_id": key,
        "value": value,
        "reason": reason,
        "comment": comment,
        "evidence": evidence,
        "updated_at": utcnow(),
        "version": 1,
    }
