"""The report context: what the report says, checked without rendering it."""

from __future__ import annotations

import pandas as pd

from i18n.format import formatter
from reports.build import ReportInputs
from reports.context import Branding, build_context
from scoring.benchmark import benchmark
from scoring.trend import ComparableHistory


def _context(assessment, questionnaire, lang, result=None, **extra):
    return build_context(ReportInputs(assessment, questionnaire, result=result, **extra), lang)


def test_numbers_are_formatted_per_language_in_the_house_style() -> None:
    nl, en = formatter("nl"), formatter("en")
    assert nl.number(2.26) == "2,3"
    assert en.number(3.0) == "3.0"
    assert en.number(None) == "–"
    # No space before % in either language (CLDR); one formatter, so screen and PDF agree.
    assert nl.percent(0.875) == "88%"
    assert en.percent(0.875) == "88%"
    assert en.signed(1.0) == "+1.0"
    assert nl.signed(-0.5) == "−0,5"  # the minus sign U+2212
    assert en.signed(0.0) == "±0"
    assert nl.signed(-0.04) == "±0"  # rounds to nothing: never "-0,0"
    assert en.whole(66.7) == "67"
    assert nl.plural(1) == "one" and nl.plural(2) == "other" and en.plural(0) == "other"


def test_summary_of_the_small_assessment(small_result, small_assessment, small_questionnaire) -> None:
    context = _context(small_assessment, small_questionnaire, "en", small_result)
    summary = context.summary
    assert context.cover.organisation == "Waterschap Voorbeeld"
    assert summary.overall == "2.0"
    assert summary.overall_level == "1"
    assert summary.balance == "2.0"
    assert summary.confidence == "88%"
    assert [(p.name, p.score, p.level, p.target) for p in summary.pillars] == [
        ("People", "2.0", "2", "3.0"),
        ("Process", "1.0", "1", "3.0"),
        ("Technology", "3.0", "3", "4.0"),
    ]
    assert summary.headline == "2.0 out of 5: below the target of 3.3."
    # Gaps: the largest first; strengths only at or above target: every capability is below, so none.
    assert [g.title for g in summary.gaps] == ["Exercises", "Roles", "Back-up"]
    assert summary.strengths == ()
    assert [a.title for a in summary.actions] == [
        "Write the roles down and have management sign them off.",
        "Repeat the tabletop with a new scenario.",
        "Test a restore every quarter.",
        "Put a yearly tabletop on management's calendar.",
    ]
    assert summary.actions[0].note == "Directeur bedrijfsvoering"
    assert summary.change == "This is the first assessment; there is no earlier one to compare with."
    assert context.benchmark.shown is False
    assert context.benchmark.text == "No comparison with other organisations was requested for this report."
    # Process has one respondent with a level: one row shows no disagreement, so no heatmap.
    assert set(context.figures) == {
        "radar", "pillar:people", "pillar:process", "pillar:technology",
        "heatmap:people", "heatmap:technology", "roadmap",
    }


def test_pillar_statuses_say_target_in_words(small_assessment, small_questionnaire) -> None:
    targets = {"pillars": {"people": 2.0, "process": 1.0}}
    assessment = small_assessment.model_copy(update={"targets": small_assessment.targets.model_validate(targets)})
    rows = _context(assessment, small_questionnaire, "en").summary.pillars
    assert [(p.state, p.status) for p in rows] == [
        ("met", "on target"), ("met", "on target"), ("below", "1.0 below target"),
    ]
    rows = _context(assessment, small_questionnaire, "nl").summary.pillars
    assert [p.status for p in rows] == ["op doel", "op doel", "1,0 onder doel"]


def test_pillar_sections_show_findings_disagreement_and_dont_know(
    small_result, small_assessment, small_questionnaire
) -> None:
    context = _context(small_assessment, small_questionnaire, "nl", small_result)
    people, process, technology = context.pillars
    assert people.score == "2,0" and people.level == "2"
    assert [(d.number, d.spread, d.levels) for d in people.disagreements] == [
        (1, "3", "CISO: 2; IT manager: 4; HR adviseur: 1")
    ]
    assert people.findings[0].observed == "Er is een bekende crisisleider, zonder vervanger."
    assert people.findings[0].next_step == "Leg de rollen vast en laat het management ze vaststellen."
    assert [(d.title, d.value, d.detail) for d in process.dont_know] == [
        ("Hoe vaak neemt het management deel aan een tabletopoefening?", "1", "IT manager")
    ]
    assert technology.disagreements == ()
    assert [s.owner for s in context.roadmap.steps] == ["Directeur bedrijfsvoering", "–", "–", "–"]
    assert [s.status for s in context.roadmap.steps] == ["Bezig", "Open", "Open", "Open"]


def test_appendix_lists_every_answer_with_comment_evidence_and_reason(
    small_result, small_assessment, small_questionnaire
) -> None:
    context = _context(small_assessment, small_questionnaire, "en", small_result)
    crisis, tabletop, backup = context.appendix.answers
    assert [(row.role, row.answer, row.comment) for row in crisis.rows] == [
        ("CISO", "2 · Repeatable", "Crisisleider is bekend."),
        ("IT manager", "4 · Managed", ""),
        ("HR adviseur", "1 · Initial", ""),
    ]
    assert [row.answer for row in tabletop.rows] == ["1 · Initial", "don't know", "n/a"]
    assert tabletop.rows[2].reason == "Belegd bij de veiligheidsregio."
    assert backup.rows[0].evidence == "https://intranet.example.org/backup"
    assert backup.rows[0].evidence_url == "https://intranet.example.org/backup"
    # Paragraphs by name, not by position.
    assert context.method["answers"] == (
        "3 respondents answered the 3 questions: 9 answers, of which 7 gave a level, "
        "1 ‘not applicable’ and 1 ‘don't know’."
    )
    assert context.method["confidence"].endswith(
        "1 question shows two or more levels of difference between respondents; "
        "1 question got ‘don't know’ at least once."
    )
    assert [p.name for p in context.method.paragraphs][0] == "answers"
    assert [r.title for r in context.appendix.roles] == ["CISO", "IT manager", "HR adviseur"]
    assert context.appendix.roles[0].value == "answered 3 of 3 questions"


def test_change_since_previous_and_trend(small_result, previous_result, small_assessment, small_questionnaire) -> None:
    history = ComparableHistory.of([previous_result], small_result, small_questionnaire.question_count)
    context = _context(small_assessment, small_questionnaire, "en", small_result, history=history)
    assert context.summary.change == "Previous assessment (March 3, 2025): 1.0; change +1.0."
    assert context.summary.basis == (
        "Questionnaire version used by each assessment: Mar 3, 2025: version 1, Mar 2, 2026: version 1."
    )
    assert [p.change for p in context.summary.pillars] == ["+1.0", "±0", "+2.0"]
    assert context.summary.has_trend is True
    assert "trend" in context.figures


def test_benchmark_withheld_below_k_and_shown_at_k(small_result, small_assessment, small_questionnaire) -> None:
    def peers(count: int) -> pd.DataFrame:
        rows = [
            {"organisation": f"Peer {i}", "people": 1.0 + i * 0.5, "process": 2.0, "technology": 3.0,
             "people.roles": 1.0 + i * 0.5, "process.exercises": 2.0, "technology.backup": 3.0}
            for i in range(count)
        ]
        return pd.DataFrame(rows)

    few = _context(small_assessment, small_questionnaire, "en", small_result,
                   benchmark=benchmark(small_result, peers(4)))
    assert few.benchmark.shown is False
    assert few.benchmark.text == "Withheld: the peer group has 4 organisations, fewer than the required 5."
    assert "benchmark" not in few.figures
    assert [p.peer_median for p in few.summary.pillars] == ["–", "–", "–"]

    enough = _context(small_assessment, small_questionnaire, "en", small_result,
                      benchmark=benchmark(small_result, peers(5)), peer_group="overheid")
    assert enough.benchmark.shown is True
    people = enough.benchmark.rows[0]
    assert people.name == "People" and people.is_pillar
    assert (people.q1, people.median, people.q3) == ("1.5", "2.0", "2.5")
    assert [p.peer_median for p in enough.summary.pillars] == ["2.0", "2.0", "3.0"]
    # The peer group named by its SBI / NACE section ("overheid" is section O).
    assert enough.benchmark.text.startswith(
        "Compared with 5 organisations (Public administration and defence; compulsory social security)"
    )
    assert "benchmark" in enough.figures


def test_lens_references_carry_their_official_title(small_result, small_assessment, small_questionnaire) -> None:
    context = _context(small_assessment, small_questionnaire, "en", small_result)
    rows = [row for lens in context.lens.lenses for row in lens.rows]
    assert rows, "the small questionnaire cites frameworks"
    from questionnaires.references import reference_title

    for lens in context.lens.lenses:
        for row in lens.rows:
            assert row.title == (reference_title(lens.framework, row.reference, "en") or "")


def test_branding_accepts_only_a_hex_colour_and_an_inline_png_or_jpeg() -> None:
    assert Branding(colour="red; background: url(file:///etc/passwd)").colour == "#1d6f8a"
    assert Branding(colour="#AbC123").colour == "#AbC123"
    assert Branding(logo="file:///etc/passwd").logo is None
    assert Branding(logo="data:image/svg+xml;base64,PHN2Zz4=").logo is None
    assert Branding(logo="data:image/png;base64,iVBORw0KGgo=").logo == "data:image/png;base64,iVBORw0KGgo="
    stored = Branding.from_image(logo=b"\x89PNG\r\n\x1a\n", logo_mime="image/png", consultant="Bureau")
    assert stored.logo == "data:image/png;base64,iVBORw0KGgo=" and stored.consultant == "Bureau"


def test_trend_ticks_are_the_assessment_dates_in_the_reports_language() -> None:
    import datetime as dt

    from reports.charts import trend_chart

    history = pd.DataFrame(
        {
            "date": [dt.date(2025, 3, 3), dt.date(2026, 3, 2)] * 2,
            "series": ["Mens", "Mens", "Totaal", "Totaal"],
            "score": [1.7, 1.6, 1.9, 2.3],
            "overall": [False, False, True, True],
        }
    )
    assert trend_chart(history, formatter("nl")).layout.xaxis.ticktext == ("mrt 2025", "mrt 2026")
    assert trend_chart(history, formatter("en")).layout.xaxis.ticktext == ("Mar 2025", "Mar 2026")


def test_an_empty_roadmap_says_why_and_never_claims_targets_met_for_unanswered_questions(
    small_assessment, small_questionnaire
) -> None:
    """No steps because nothing is answered, because only some questions have a score, or because
    every question meets its target: three different sentences, in the summary and the roadmap."""
    from scoring.assessment import Answer

    def roadmap_of(answers: dict, lang: str):
        person = small_assessment.respondents[0].model_copy(update={"answers": answers})
        assessment = small_assessment.model_copy(update={"respondents": (person,), "status": "open"})
        return _context(assessment, small_questionnaire, lang).roadmap

    questions = [q.id for q in small_questionnaire.questions()]
    top = {qid: Answer(value=5) for qid in questions}
    nothing, one, every = roadmap_of({}, "en"), roadmap_of({questions[0]: Answer(value=5)}, "en"), roadmap_of(top, "en")
    assert nothing.steps == one.steps == every.steps == ()
    assert nothing.empty == "No steps yet: no question has been answered with a level."
    assert one.empty == "No steps: every question with a score meets its target; 2 questions have no score yet."
    assert every.empty == "No steps: every question meets its target."
    assert roadmap_of({questions[0]: Answer(value=5), questions[1]: Answer(value=5)}, "nl").empty == (
        "Geen stappen: elke vraag met een score haalt haar doel; 1 vraag heeft nog geen score."
    )
    # A step to take: no sentence for an empty roadmap.
    assert roadmap_of({questions[0]: Answer(value=1)}, "en").empty == ""


def test_the_summary_says_why_it_has_no_actions_strengths_or_gaps(small_assessment, small_questionnaire) -> None:
    from scoring import score_assessment
    from scoring.assessment import RoadmapEdit

    empty = small_assessment.model_copy(
        update={"respondents": tuple(r.model_copy(update={"answers": {}}) for r in small_assessment.respondents)}
    )
    summary = _context(empty, small_questionnaire, "en").summary
    assert summary.actions == () and summary.no_actions == "No steps yet: no question has been answered with a level."
    assert summary.none == "None yet: no capability has a score."
    # Every step marked done: the board is told so, not that every question meets its target.
    steps = score_assessment(small_assessment, small_questionnaire).roadmap
    done = small_assessment.model_copy(update={"roadmap": {s.key: RoadmapEdit(status="done") for s in steps}})
    summary = _context(done, small_questionnaire, "nl").summary
    assert summary.actions == () and summary.no_actions == "Elke stap van de routekaart is afgerond."
    assert summary.none == "Geen."
