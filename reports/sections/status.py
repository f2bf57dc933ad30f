"""How far the assessment is, in words: the draft mark and what an unscored pillar or capability says.

The numbers come from ``scoring.progress`` (pure); this section formats them
once for every output: the PDF (page one and every page's margin), the
workbook's header, the results page and the slide deck. A pillar or
capability without a score never gets a verdict ("meets its target"); it says
"not yet answered" with its share answered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from i18n.format import Formatter
from reports.build import ReportInputs
from scoring.progress import progress


@dataclass(frozen=True)
class Status:
    #: The assessment is not closed: every output marks itself as a draft.
    draft: bool
    #: Share of all possible answers given, 0–1.
    share: float
    #: That share as text, "12%".
    answered: str
    #: "Draft — 12% answered" for a draft, "" for a closed assessment.
    mark: str
    #: One sentence on what a draft means, "" for a closed assessment.
    note: str
    #: Pillar or capability id → "Not yet answered (0% answered)", only for the measures without a score.
    unscored: Mapping[str, str] = field(default_factory=dict)
    #: Pillar or capability id → its share answered as text ("40%"), for every measure.
    shares: Mapping[str, str] = field(default_factory=dict)


def unscored_text(share: float, fmt: Formatter) -> str:
    """What a measure without a score says: nothing answered yet, or answered without a level."""
    key = "report.unscored.none" if share == 0 else "report.unscored.partial"
    return fmt.text(key, share=fmt.percent(share))


def build(inputs: ReportInputs, fmt: Formatter) -> Status:
    done = progress(inputs.assessment, inputs.questionnaire)
    result = inputs.result
    scores = {pid: p.score for pid, p in result.pillars.items()} | {
        cid: c.score for cid, c in result.capabilities.items()
    }
    answered = fmt.percent(done.share)
    return Status(
        draft=done.draft,
        share=done.share,
        answered=answered,
        mark=fmt.text("report.draft.mark", share=answered) if done.draft else "",
        note=fmt.text("report.draft.note") if done.draft else "",
        unscored={m: unscored_text(done.share_of(m), fmt) for m, score in scores.items() if score is None},
        shares={m: fmt.percent(done.share_of(m)) for m in scores},
    )
