"""Excel and JSON exports, the chart functions, and ``veerkracht report``."""

from __future__ import annotations

import io
import math

import pandas as pd
import pytest
from openpyxl import load_workbook
from report_helpers import pdf_text

import cli
from assessments import parse_assessment
from i18n.format import formatter
from reports import charts, theme
from reports.build import ReportInputs, file_name, report_bytes
from reports.excel import workbook_bytes
from reports.json_export import assessment_json_bytes


def test_workbook_sheets_headers_and_numbers(small_result, small_assessment, small_questionnaire) -> None:
    inputs = ReportInputs(small_assessment, small_questionnaire, result=small_result)
    book = load_workbook(io.BytesIO(workbook_bytes(inputs, formatter("en"))))
    assert book.sheetnames == ["Answers", "Scores", "Roadmap", "Benchmark"]
    answers, scores, roadmap, bench = book.worksheets
    assert [c.value for c in answers[1]] == [
        "id", "Pillar", "Capability", "Question", "Role", "Answer", "Comment", "Evidence", "N/A reason"
    ]
    assert answers[1][0].font.bold is True
    assert answers.freeze_panes == "B2" and scores.freeze_panes == "A2"
    assert answers.max_row == 1 + 3 * 3
    assert [c.value for c in answers[2]][4:7] == ["CISO", 2, "Crisisleider is bekend."]
    assert [c.value for c in scores[2]][:4] == ["Overall", None, "Overall", 2.0]
    assert [c.value for c in scores[3]][:7] == ["Pillar", "people", "People", 2.0, 2, 3.0, 1.0]
    assert [c.value for c in roadmap[2]][:3] == [1, "people.roles.crisis-team@3",
                                                 "Write the roles down and have management sign them off."]
    assert roadmap.max_row == 1 + 4
    assert bench["A2"].value == "No comparison with other organisations was requested for this report."
    assert answers.column_dimensions["D"].width > 20


def test_json_export_is_the_reimportable_assessment_file(small_assessment, small_questionnaire) -> None:
    data = assessment_json_bytes(small_assessment, small_questionnaire)
    assessment, questionnaire = parse_assessment(data, "export.json", installed={})
    assert questionnaire == small_questionnaire
    assert assessment.respondents == small_assessment.respondents
    assert assessment.organisation.name == "Waterschap Voorbeeld"
    assert assessment_json_bytes(assessment, questionnaire) == data


def test_every_chart_has_the_explicit_template_and_its_data() -> None:
    pillars = pd.DataFrame({"name": ["A", "B", "C"], "score": [1.0, 2.0, 3.0], "target": [3.0, 3.0, 4.0],
                            "peer_median": [math.nan] * 3})
    radar = charts.pillar_radar(pillars, formatter("en"))
    assert radar.layout.template == theme.TEMPLATE
    assert [trace.name for trace in radar.data] == ["Target", "Current"]  # no peers: no peer trace
    assert list(radar.data[1].r) == [1.0, 2.0, 3.0, 1.0]  # closed polygon
    frame = pd.DataFrame({"name": ["X"], "score": [2.5], "target": [3.0], "level": [2]})
    bars = charts.capability_bars(frame, formatter("nl"))
    assert list(bars.data[1].text) == ["2,5 · niveau 2"]
    heat = charts.disagreement_heatmap(pd.DataFrame({"q1": [1.0, 4.0]}, index=["<b>CISO</b>", "HR"]), formatter("en"))
    assert heat.data[0].zmin == 0 and heat.data[0].zmax == 5
    # Roles are user text: plotly must not read them as its label markup.
    assert list(heat.data[0].y) == ["&lt;b&gt;CISO&lt;/b&gt;", "HR"]
    timeline = charts.roadmap_timeline(
        pd.DataFrame({"label": ["a", "b"], "horizon": ["now", "later"], "status": ["open", "done"]}), formatter("en")
    )
    assert [(trace.name, list(trace.base), list(trace.x)) for trace in timeline.data] == [
        ("Open", [0], [3]), ("Done", [12], [12])
    ]
    for figure in (bars, heat, timeline):
        assert figure.layout.template == theme.TEMPLATE


def test_report_bytes_and_file_name(small_assessment, small_questionnaire) -> None:
    inputs = ReportInputs(assessment=small_assessment, questionnaire=small_questionnaire)
    assert file_name(inputs, "pdf") == "veerkracht-Waterschap-Voorbeeld-2026-03-02.pdf"
    assert report_bytes(inputs, "json", "en") == assessment_json_bytes(small_assessment, small_questionnaire)
    with pytest.raises(ValueError, match="unknown report format"):
        report_bytes(inputs, "docx", "en")


def test_cli_report_from_json_in_three_formats(tmp_path, small_assessment, small_questionnaire, capsys) -> None:
    source = tmp_path / "assessment.json"
    source.write_bytes(assessment_json_bytes(small_assessment, small_questionnaire))
    pdf, xlsx, again = tmp_path / "r.pdf", tmp_path / "r.xlsx", tmp_path / "r.json"
    assert cli.main(["report", "--from-json", str(source), "--lang", "en", "-o", str(pdf)]) == 0
    assert cli.main(["report", "--from-json", str(source), "--format", "xlsx", "-o", str(xlsx)]) == 0
    assert cli.main(["report", "--from-json", str(source), "--format", "json", "-o", str(again)]) == 0
    pages, text = pdf_text(pdf.read_bytes())
    # The board edition by default; no earlier assessment: no trend page.
    assert pages <= 8 and "WaterschapVoorbeeld" in text and "Executivesummary" in text and "BOARDEDITION" in text
    full = tmp_path / "full.pdf"
    assert cli.main(["report", "--from-json", str(source), "--lang", "en", "--edition", "full", "-o", str(full)]) == 0
    full_pages, full_text = pdf_text(full.read_bytes())
    assert full_pages > pages and "FULLREPORT" in full_text and "Appendix" in full_text
    assert load_workbook(xlsx).sheetnames == ["Antwoorden", "Scores", "Routekaart", "Vergelijking met anderen"]
    assert again.read_bytes() == source.read_bytes()
    assert f"pdf report written to {pdf}" in capsys.readouterr().out


def test_cli_report_needs_exactly_one_source(tmp_path, capsys) -> None:
    assert cli.main(["report", "-o", str(tmp_path / "x.pdf")]) == 2
    assert "give either ASSESSMENT_ID or --from-json" in capsys.readouterr().err
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert cli.main(["report", "--from-json", str(broken), "-o", str(tmp_path / "x.pdf")]) == 1
    assert not (tmp_path / "x.pdf").exists()


def test_cli_report_from_the_database(tmp_path, monkeypatch, small_assessment, small_questionnaire) -> None:
    from store.engine import make_engine
    from store.migrate import upgrade
    from store.transfer import import_assessment
    from store.users import add_user

    url = f"sqlite:///{tmp_path / 'veerkracht.db'}"
    monkeypatch.setenv("VEERKRACHT_DATABASE_URL", url)
    engine = make_engine(url)
    upgrade(engine)
    user = add_user(engine, "consultant@example.org", "a long enough password 1")
    data = assessment_json_bytes(small_assessment, small_questionnaire)
    info = import_assessment(engine, user.id, data, "a.json")
    engine.dispose()
    out = tmp_path / "db.pdf"
    assert cli.main(["report", str(info.id), "--user", "consultant@example.org", "--lang", "nl", "-o", str(out)]) == 0
    pages, text = pdf_text(out.read_bytes())
    assert pages <= 8
    assert "WaterschapVoorbeeld" in text and "Samenvattingvoorhetbestuur" in text
    # One organisation and no peers: the benchmark is withheld with the k rule.
    assert "Nietgetoond:devergelijkingsgroeptelt0organisaties,minderdandevereiste5." in text
    assert cli.main(["report", "999", "--user", "consultant@example.org", "-o", str(out)]) == 1


def test_inputs_from_store_take_history_and_same_sector_peers(tmp_path, small_questionnaire) -> None:
    from report_helpers import make_assessment

    from reports.sources import inputs_from_store
    from store.engine import make_engine
    from store.migrate import upgrade
    from store.transfer import import_assessment
    from store.users import add_user

    engine = make_engine(f"sqlite:///{tmp_path / 'v.db'}")
    upgrade(engine)
    user = add_user(engine, "c@example.org", "a long enough password 1")

    def add(name: str, sector: str, date: str, size_class: str = "250-999") -> int:
        document = make_assessment(
            small_questionnaire,
            organisation={"name": name, "sector": sector, "size_class": size_class},
            date=date,
        )
        return import_assessment(engine, user.id, assessment_json_bytes(document, small_questionnaire), "a.json").id

    add("Waterschap Voorbeeld", "overheid", "2025-03-01")
    own = add("Waterschap Voorbeeld", "overheid", "2026-03-02")
    for number in range(5):
        # Fewer than k share the size class, so the peer group is the whole sector.
        add(f"Gemeente {number}", "overheid", "2026-01-15", "250-999" if number < 3 else "50-249")
    add("Gemeente 0", "overheid", "2025-01-15")  # an older assessment of a peer: only the latest counts
    add("Ziekenhuis", "zorg", "2026-01-15")  # another sector: never a peer

    inputs = inputs_from_store(engine, user.id, own)
    engine.dispose()
    assert inputs.assessment.organisation.name == "Waterschap Voorbeeld"
    assert [r.date.isoformat() for r in inputs.history.results] == ["2025-03-01", inputs.result.date.isoformat()]
    assert inputs.peer_group == "O"  # "overheid" was stored as its SBI / NACE section
    people = inputs.benchmark.figures["people"]
    assert (people.peers, people.withheld, people.median) == (5, None, 2.0)


def test_inputs_from_store_narrow_peers_to_the_size_class_when_k_share_it(tmp_path, small_questionnaire) -> None:
    from report_helpers import make_assessment

    from reports.sources import inputs_from_store
    from store.engine import make_engine
    from store.migrate import upgrade
    from store.transfer import import_assessment
    from store.users import add_user

    engine = make_engine(f"sqlite:///{tmp_path / 'v.db'}")
    upgrade(engine)
    user = add_user(engine, "c@example.org", "a long enough password 1")
    other = add_user(engine, "other@example.org", "a long enough password 2")

    def add(owner: int, name: str, size_class: str) -> int:
        document = make_assessment(
            small_questionnaire,
            organisation={"name": name, "sector": "overheid", "size_class": size_class},
            date="2026-01-15",
        )
        return import_assessment(engine, owner, assessment_json_bytes(document, small_questionnaire), "a.json").id

    own = add(user.id, "Waterschap Voorbeeld", "250-999")
    for number in range(5):
        add(user.id, f"Gemeente {number}", "250-999")
    add(user.id, "Provincie", "1000+")  # same sector, other size class: left out once 5 share ours
    for number in range(5):
        add(other.id, f"Klant van een ander {number}", "250-999")  # another consultant's clients: never peers

    inputs = inputs_from_store(engine, user.id, own)
    engine.dispose()
    assert inputs.peer_group == "O, 250-999"
    assert inputs.benchmark.figures["people"].peers == 5


def test_the_peer_group_size_k_is_a_setting_never_below_three(monkeypatch) -> None:
    import pytest

    from reports.sources import configured_k

    monkeypatch.delenv("VEERKRACHT_BENCHMARK_K", raising=False)
    assert configured_k() == 5
    monkeypatch.setenv("VEERKRACHT_BENCHMARK_K", "8")
    assert configured_k() == 8
    for wrong, message in (("2", "k must be at least 3; got 2"), ("five", "must be a whole number")):
        monkeypatch.setenv("VEERKRACHT_BENCHMARK_K", wrong)
        with pytest.raises(ValueError, match=message):
            configured_k()
