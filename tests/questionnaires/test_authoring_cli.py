"""``veerkracht questionnaire ladder | to-xlsx | from-xlsx``: the command line wires the core, problems exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli import main
from questionnaires import load_questionnaire
from questionnaires.schema import MODELINE


def test_ladder_prints_every_question_as_a_ladder(
    capsys: pytest.CaptureFixture[str], small_questionnaire_path: Path
) -> None:
    assert main(["questionnaire", "ladder", str(small_questionnaire_path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "people.roles.crisis-team: How are roles in a major disruption assigned?\n"
        "  L1 from: No roles are named for disruptions.\n"
        "       do: Name who leads in a disruption.\n"
        "       to: People step in when a disruption happens.\n"
    )
    assert out.count(" from: ") == 15


def test_ladder_speaks_dutch_by_default(capsys: pytest.CaptureFixture[str], small_questionnaire_path: Path) -> None:
    assert main(["questionnaire", "ladder", str(small_questionnaire_path)]) == 0
    assert "  L1  van: Er zijn geen rollen voor verstoringen benoemd.\n" in capsys.readouterr().out


def test_ladder_of_an_invalid_file_prints_its_problems(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: Not An Id\n", encoding="utf-8")
    assert main(["questionnaire", "ladder", str(broken)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"{broken}:1: id: does not have the required form")


def test_to_xlsx_and_back_gives_the_same_questionnaire(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, small_questionnaire_path: Path
) -> None:
    workbook, written = tmp_path / "small.xlsx", tmp_path / "small.yaml"
    assert main(["questionnaire", "to-xlsx", str(small_questionnaire_path), "-o", str(workbook)]) == 0
    assert main(["questionnaire", "from-xlsx", str(workbook), "-o", str(written)]) == 0
    assert capsys.readouterr().out == (
        f"{workbook}: written (small-example v1, 3 questions)\n{written}: written (small-example v1, 3 questions)\n"
    )
    assert written.read_text(encoding="utf-8").splitlines()[0] == MODELINE
    assert load_questionnaire(written) == load_questionnaire(small_questionnaire_path)
    assert main(["questionnaire", "ladder", str(workbook), "--lang", "en"]) == 0  # the ladder reads workbooks too
    assert capsys.readouterr().out.startswith("people.roles.crisis-team: How are roles")


def test_to_xlsx_of_an_invalid_file_writes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken, workbook = tmp_path / "broken.yaml", tmp_path / "broken.xlsx"
    broken.write_text("id: x\nid: y\n", encoding="utf-8")
    assert main(["questionnaire", "to-xlsx", str(broken), "-o", str(workbook)]) == 1
    assert "duplicate key 'id'" in capsys.readouterr().err
    assert not workbook.exists()


def test_from_xlsx_of_a_file_that_is_not_a_workbook(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    fake, written = tmp_path / "fake.xlsx", tmp_path / "fake.yaml"
    fake.write_text("id: small-example\n", encoding="utf-8")
    assert main(["questionnaire", "from-xlsx", str(fake), "-o", str(written)]) == 1
    assert capsys.readouterr().err == (
        f"{fake}:0: (document): this is not an Excel workbook (.xlsx); "
        "save the file as .xlsx from Excel or LibreOffice\n"
    )
    assert not written.exists()


def test_from_xlsx_reports_cells_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, small_questionnaire_path: Path
) -> None:
    import openpyxl

    workbook, written = tmp_path / "q.xlsx", tmp_path / "q.yaml"
    assert main(["questionnaire", "to-xlsx", str(small_questionnaire_path), "-o", str(workbook)]) == 0
    book = openpyxl.load_workbook(workbook)
    book["Questions"]["I2"] = "huge"
    book.save(workbook)
    capsys.readouterr()
    assert main(["questionnaire", "from-xlsx", str(workbook), "-o", str(written)]) == 1
    assert capsys.readouterr().err == f"{workbook}:Questions!I2: effort: must be one of: 'low', 'medium' or 'high'\n"
    assert not written.exists()


def test_a_missing_file_is_a_problem_not_a_traceback(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "missing.xlsx"
    assert main(["questionnaire", "from-xlsx", str(missing), "-o", str(tmp_path / "q.yaml")]) == 1
    assert capsys.readouterr().err == f"{missing}:0: (document): cannot read file: No such file or directory\n"
