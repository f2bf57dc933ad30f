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
from store.respondents import insert_respondent
from store.schema import answers, organisations
from store.users import add_user, find_user

DEMO_PREFIX = "Demo — "
DEMO_DATA = Path(__file__).with_name("demo_data.yaml")


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
    engine: Engine, organisation_count: int, questionnaire: Questionnaire, *, seed: int | None = None
) -> DemoResult:
    """A new demo consultant with ``organisation_count`` organisations, each with two closed assessments."""
    if not 1 <= organisation_count <= 500:
        raise ValueError("choose between 1 and 500 demo organisations")
    rng = random.Random(seed)
    data = _data()
    password = secrets.token_urlsafe(12)
    user = add_user(engine, _demo_email(engine), password, demo=True)
    today = dt.date.today()
    organisation_ids: list[int] = []
    assessment_ids: list[int] = []
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
            for year, (date, progress) in enumerate(
                [(latest - dt.timedelta(days=365), 0.0), (latest, rng.uniform(0.3, 0.8))]
            ):
                assessment_id = insert_assessment(
                    connection,
                    organisation_id,
                    questionnaire,
                    title=f"Nulmeting {date.year}" if year == 0 else f"Herhaalmeting {date.year}",
                    date=date,
                    status="closed",
                    targets=Targets(),
                )
                assessment_ids.append(assessment_id)
                rows = []
                for role in rng.sample(data["roles"], rng.randint(2, 4)):
                    respondent_id, _token = insert_respondent(
                        connection, assessment_id, role, rng.choice([None, *data["names"]])
                    )
                    bias = rng.gauss(0, 0.35)
                    for question_id, level in profile.items():
                        rows.append(_answer(rng, data, respondent_id, question_id, level + progress + bias))
                connection.execute(insert(answers), rows)
        organisation_ids.append(organisation_id)
    return DemoResult(user.email, password, tuple(organisation_ids), tuple(assessment_ids))


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


def _answer(rng: random.Random, data: dict, respondent_id: int, question_id: str, level: float) -> dict:
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
        "question_id": question_id,
        "value": value,
        "reason": reason,
        "comment": comment,
        "evidence": evidence,
        "updated_at": utcnow(),
        "version": 1,
    }
