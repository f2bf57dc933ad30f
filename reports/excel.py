"""The Excel workbook: the numbers behind the report, for consultants who work on in a sheet.

Sheets: answers (one row per respondent and question, every comment whole:
the PDF cuts them at 500 characters), scores (pillars, capabilities,
questions, each pillar and capability with its share answered and, without a
score, "not yet answered"), roadmap, benchmark. A draft (an assessment not
closed) carries "Draft — N% answered" in every sheet's header. Headers are bold on a tinted
fill, the header row (and the first column where it names the row) is frozen,
columns have widths that fit their content. Scores are numbers, not text, so
a consultant can sort and chart them; labels are in the report's language.

User text goes into cells as values. openpyxl stores a string starting with
``=`` as a formula, which a spreadsheet program would evaluate; such cells are
set back to the string type, so a typed ``=HYPERLINK(...)`` stays text. Cells
starting with ``= + - @`` also get Excel's quote prefix (``quotePrefix``), so
they stay text when someone edits them; the text itself is unchanged.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from i18n.format import Formatter
from questionnaires.models import localized
from reports.build import ReportInputs
from reports.sections import audiences, status
from scoring.assessment import without_bidi_controls
from scoring.progress import progress

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1D6F8A")
MAX_WIDTH = 60
#: Text starting with one of these is a formula to a spreadsheet program once the cell is edited.
FORMULA_STARTS = ("=", "+", "-", "@")


def _sheet(
    book: Workbook,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    freeze_first_column: bool = False,
) -> Worksheet:
    """One sheet, written in openpyxl's write-only mode: each row goes straight to the file.

    A kept sheet holds a cell object per value and rereading it was quadratic
    (``max_row`` per row: 1,000 respondents took over 10 minutes); streaming is
    linear and about twice as fast as a kept sheet. Column widths and the
    frozen header must be known before the first row, so the rows are read first.
    """
    sheet = book.create_sheet(title[:31])
    table = [[_cell_text(value) if isinstance(value, str) else value for value in row] for row in rows]
    widths = [len(str(h)) for h in headers]
    for values in table:
        for i, value in enumerate(values):
            if value is not None:
                widths[i] = max(widths[i], min(len(str(value)), MAX_WIDTH))
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width + 2
    sheet.freeze_panes = "B2" if freeze_first_column else "A2"
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for values in table:
        sheet.append([_text_cell(sheet, value) if _formula_like(value) else value for value in values])
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(headers), 1))}{len(table) + 1}"
    return sheet


def _formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def _text_cell(sheet: Worksheet, value: str) -> WriteOnlyCell:
    """A cell that stays text: openpyxl makes "=..." a formula, and Excel does the same
    with "= + - @" once the cell is edited, unless the cell has the quote prefix."""
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def _cell_text(value: str) -> str:
    """User text as a cell can hold it and a reader sees it.

    Characters XML 1.0 cannot hold are dropped (the text rule refuses them on the
    way in; this covers older data) and so are bidirectional overrides and
    isolates, which would show "Org\u202eevil" as "Orglive".
    """
    return without_bidi_controls(ILLEGAL_CHARACTERS_RE.sub("", value))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def workbook_bytes(inputs: ReportInputs, fmt: Formatter) -> bytes:
    """The workbook as ``.xlsx`` bytes, labels in the formatter's language (numbers stay numbers)."""
    result, assessment, questionnaire = inputs.result, inputs.assessment, inputs.questionnaire
    benchmark = inputs.benchmark
    lang, tr = fmt.lang, fmt.text
    index = questionnaire.question_index()
    pillar_names = {p.id: localized(p.name, lang) for p in questionnaire.pillars}
    capability_names = {
        c.id: localized(c.name, lang) for p in questionnaire.pillars for c in p.capabilities
    }
    book = Workbook(write_only=True)  # rows stream to the file: linear in the size (see _sheet)

    def answer_rows() -> Iterable[list[object]]:
        for question in questionnaire.questions():
            pillar, capability, _ = index[question.id]
            for respondent in assessment.respondents:
                answer = respondent.answers.get(question.id)
                value: object = None
                if answer is not None:
                    value = (
                        answer.value
                        if isinstance(answer.value, int)
                        else tr(f"report.answer.{answer.value}")
                    )
                yield [
                    question.id,
                    pillar_names[pillar.id],
                    capability_names[capability.id],
                    localized(question.text, lang),
                    respondent.role,
                    value,
                    answer.comment if answer else None,
                    str(answer.evidence) if answer and answer.evidence else None,
                    answer.reason if answer else None,
                ]

    _sheet(
        book,
        tr("report.xlsx.answers"),
        [
            "id",
            tr("report.col.pillar"),
            tr("report.col.capability"),
            tr("report.col.question"),
            tr("report.col.role"),
            tr("report.col.answer"),
            tr("report.col.comment"),
            tr("report.col.evidence"),
            tr("report.col.reason"),
        ],
        answer_rows(),
        freeze_first_column=True,
    )

    # Share answered and draft, as the PDF and the results page say them (reports.sections.status).
    done = progress(assessment, questionnaire)
    state = status.build(inputs, fmt)

    def score_rows() -> Iterable[list[object]]:
        yield [
            tr("report.overall"),
            "",
            tr("report.overall"),
            _round(result.overall),
            None,
            None,
            None,
            _round(result.confidence),
            None,
            _round(done.share),
            state.mark or None,
        ]
        for p in result.pillars.values():
            yield [
                tr("report.col.pillar"),
                p.id,
                pillar_names[p.id],
                _round(p.score),
                p.level,
                _round(p.target),
                _round(p.gap),
                _round(p.confidence),
                None,
                _round(done.share_of(p.id)),
                state.unscored.get(p.id),
            ]
        for c in result.capabilities.values():
            yield [
                tr("report.col.capability"),
                c.id,
                capability_names[c.id],
                _round(c.score),
                c.level,
                _round(c.target),
                _round(c.gap),
                _round(c.confidence),
                None,
                _round(done.share_of(c.id)),
                state.unscored.get(c.id),
            ]
        for q in result.questions.values():
            yield [
                tr("report.col.question"),
                q.id,
                localized(index[q.id][2].text, lang),
                _round(q.score),
                None,
                _round(q.target),
                _round(q.gap),
                None,
                q.disagreement,
                None,
                None,
            ]

    _sheet(
        book,
        tr("report.xlsx.scores"),
        [
            tr("report.xlsx.kind"),
            "id",
            tr("report.xlsx.name"),
            tr("report.col.score"),
            tr("report.col.level"),
            tr("report.col.target"),
            tr("report.col.gap"),
            tr("report.col.confidence"),
            tr("report.col.spread"),
            tr("report.col.answered"),
            tr("report.col.status_words"),
        ],
        score_rows(),
    )

    _sheet(
        book,
        tr("report.roadmap.title"),
        [
            "#",
            "key",
            tr("report.col.action"),
            tr("report.col.question"),
            tr("report.col.pillar"),
            tr("report.col.level"),
            tr("report.col.horizon"),
            tr("report.col.priority"),
            tr("report.col.owner"),
            tr("report.col.due"),
            tr("report.col.status"),
            tr("report.xlsx.requires"),
        ],
        (
            [
                n,
                s.key,
                s.guidance(questionnaire, lang),
                localized(index[s.question][2].text, lang),
                pillar_names[s.pillar],
                s.level,
                tr(f"report.horizon.{s.horizon}"),
                _round(s.priority),
                s.owner,
                s.due,
                tr(f"report.status.{s.status}"),
                ", ".join(s.requires),
            ]
            for n, s in enumerate(result.roadmap, 1)
        ),
    )

    names = pillar_names | capability_names
    bench_rows: list[list[object]] = []
    if benchmark is not None:
        for f in benchmark.figures.values():
            shown = f.withheld is None
            bench_rows.append(
                [
                    f.measure,
                    names.get(f.measure, f.measure),
                    _round(f.own),
                    f.peers,
                    _round(f.p25) if shown else None,
                    _round(f.median) if shown else None,
                    _round(f.p75) if shown else None,
                    _round(f.percentile) if shown else None,
                    None
                    if shown
                    else tr("report.benchmark.reason.too_few", count=f.peers, k=benchmark.k),
                ]
            )
    sheet = _sheet(
        book,
        tr("report.benchmark.title"),
        [
            "id",
            tr("report.xlsx.name"),
            tr("report.col.score"),
            tr("report.xlsx.peers"),
            tr("report.col.q1"),
            tr("report.col.median"),
            tr("report.col.q3"),
            tr("report.col.percentile"),
            tr("report.xlsx.withheld"),
        ],
        bench_rows,
    )
    if benchmark is None:
        sheet.append([tr("report.benchmark.reason.not_requested")])
    # Settled questions, scores per audience, questions asked of nobody (reports.sections.audiences), when any.
    for title, headers, rows in audiences.sheets(inputs, fmt):
        _sheet(book, title, headers, rows, freeze_first_column=True)
    # Printed on every sheet, as the PDF marks every page: the draft mark and the demo label.
    demo = tr("report.demo") if assessment.demo or result.demo else ""
    marks = " · ".join(mark for mark in (state.mark, demo) if mark)
    if marks:
        for ws in book.worksheets:
            ws.oddHeader.center.text = marks
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
