"""Trend: what changed between two results of one organisation and questionnaire.

Change = current − previous score, per pillar and capability and overall;
``None`` where either side is not scored or the id exists on one side only
(a newer questionnaire version may add or drop capabilities).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from scoring.results import Result


class Trend(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    previous_date: str
    current_date: str
    overall: float | None
    pillars: dict[str, float | None]
    capabilities: dict[str, float | None]


def _change(previous: float | None, current: float | None) -> float | None:
    return None if previous is None or current is None else current - previous


def trend(previous: Result, current: Result) -> Trend:
    """Changes from ``previous`` to ``current``; ``ValueError`` if they are not comparable."""
    if previous.organisation != current.organisation:
        raise ValueError(
            f"a trend compares one organisation; got {previous.organisation!r} and {current.organisation!r}"
        )
    if previous.questionnaire_id != current.questionnaire_id:
        raise ValueError(
            "a trend compares one questionnaire; got "
            f"{previous.questionnaire_id!r} and {current.questionnaire_id!r}"
        )
    return Trend(
        previous_date=previous.date.isoformat(),
        current_date=current.date.isoformat(),
        overall=_change(previous.overall, current.overall),
        pillars={
            pid: _change(previous.pillars[pid].score if pid in previous.pillars else None, p.score)
            for pid, p in current.pillars.items()
        },
        capabilities={
            cid: _change(
                previous.capabilities[cid].score if cid in previous.capabilities else None, c.score
            )
            for cid, c in current.capabilities.items()
        },
    )
