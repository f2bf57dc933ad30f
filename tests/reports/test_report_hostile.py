"""Hostile text in every user-typed field: printed as text, nothing fetched, nothing embedded.

A local HTTP server records every request; the payload points a stylesheet
link at it. Organisation name, respondent role, comment and evidence link
all carry every payload.
"""

from __future__ import annotations

import io
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from report_helpers import make_assessment, pdf_text, squeeze

from i18n.format import formatter
from reports.build import ReportInputs
from reports.context import build_context
from reports.excel import workbook_bytes
from reports.pdf import render_pdf_checked
from scoring import score_assessment

PASSWD = Path("/etc/passwd").read_text(encoding="utf-8")


class Recorder(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:
        Recorder.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { background: red }")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def payloads(port: int) -> list[str]:
    return [
        '<img src="file:///etc/passwd">',
        '<link rel="attachment" href="file:///etc/passwd">',
        f'<link rel="stylesheet" href="http://127.0.0.1:{port}/x.css">',
        "{{ 7*7 }}",
        "<script>alert(1)</script>",
    ]


@pytest.fixture(scope="module")
def hostile(server, small_questionnaire):
    port = server.server_address[1]
    text = " ".join(payloads(port))
    base = make_assessment(small_questionnaire)
    first = base.respondents[0]
    answers = dict(first.answers)
    answers["people.roles.crisis-team"] = answers["people.roles.crisis-team"].model_copy(
        update={"comment": "C " + text}
    )
    answers["technology.backup.offline"] = type(answers["technology.backup.offline"]).model_validate(
        {"value": 3, "evidence": "https://evidence.example.org/?q=" + text}
    )
    respondent = first.model_copy(update={"role": "R " + text, "answers": answers})
    assessment = base.model_copy(
        update={
            "organisation": base.organisation.model_copy(update={"name": "O " + text}),
            "respondents": (respondent, *base.respondents[1:]),
        }
    )
    return assessment, score_assessment(assessment, small_questionnaire), port


@pytest.fixture(scope="module")
def rendered(hostile, small_questionnaire):
    assessment, result, _ = hostile
    Recorder.requests.clear()
    context = build_context(ReportInputs(assessment, small_questionnaire, result=result), "en")
    return render_pdf_checked(context)


def test_every_payload_is_printed_literally_in_every_field(rendered, hostile) -> None:
    _, text = pdf_text(rendered.pdf)
    typed = " ".join(payloads(hostile[2]))
    for field in ("O ", "R ", "C ", "https://evidence.example.org/?q="):
        assert squeeze(field + typed) in text


def test_no_template_expression_was_evaluated(rendered) -> None:
    _, text = pdf_text(rendered.pdf)
    # {{ 7*7 }} stays as typed in all four fields plus the running header of every page.
    assert text.count("{{7*7}}") >= 4


def test_nothing_is_embedded_and_no_file_content_leaks(rendered) -> None:
    reader = PdfReader(io.BytesIO(rendered.pdf))
    assert reader.attachments == {}
    assert "/EmbeddedFile" not in rendered.pdf.decode("latin-1")
    first_line = PASSWD.splitlines()[0]
    assert first_line.startswith("root:")
    _, text = pdf_text(rendered.pdf)
    assert "root:x:0:0" not in text
    # Look inside every compressed stream too, not only at the extracted text.
    raw = rendered.pdf
    streams = []
    for chunk in raw.split(b"stream")[1:]:
        body = chunk.split(b"endstream")[0].strip(b"\r\n")
        try:
            streams.append(zlib.decompress(body))
        except zlib.error:
            streams.append(body)
    assert not any(first_line.encode() in s for s in [raw, *streams])


def test_no_request_reached_the_server(rendered) -> None:
    assert rendered.pdf.startswith(b"%PDF-")
    assert Recorder.requests == []


def test_the_renderer_fetched_nothing_from_the_payloads(rendered) -> None:
    # Escaped markup makes no request at all: the fetcher was never even asked.
    assert rendered.refused == ()


def test_the_workbook_keeps_hostile_text_as_text(hostile, small_questionnaire) -> None:
    assessment, result, port = hostile
    formula = assessment.model_copy(
        update={"organisation": assessment.organisation.model_copy(update={"name": "=HYPERLINK(\"http://x\")"})}
    )
    first = formula.respondents[0]
    answers = dict(first.answers)
    answers["people.roles.crisis-team"] = answers["people.roles.crisis-team"].model_copy(
        update={"comment": '=cmd|"/c calc"!A1'}
    )
    formula = formula.model_copy(update={"respondents": (first.model_copy(update={"answers": answers}),
                                                         *formula.respondents[1:])})
    inputs = ReportInputs(formula, small_questionnaire, result=result)
    book = load_workbook(io.BytesIO(workbook_bytes(inputs, formatter("en"))))
    cells = [cell for row in book.worksheets[0].iter_rows() for cell in row]
    comment = next(cell for cell in cells if cell.value == '=cmd|"/c calc"!A1')
    assert comment.data_type == "s"
    roles = {cell.value for cell in cells if isinstance(cell.value, str) and cell.value.startswith("R <img")}
    assert roles == {"R " + " ".join(payloads(port))}


def test_even_unescaped_markup_reaches_nothing(server) -> None:
    """The second wall: markup that got past the templates still fetches nothing."""
    from reports.worker import default_worker

    port = server.server_address[1]
    Recorder.requests.clear()
    html = "<p>raw</p>" + "".join(payloads(port)) + f'<style>@import "http://127.0.0.1:{port}/i.css";</style>'
    rendered = default_worker().render(html)
    assert Recorder.requests == []
    assert PdfReader(io.BytesIO(rendered.pdf)).attachments == {}
    assert set(rendered.refused) == {
        "file:///etc/passwd",
        f"http://127.0.0.1:{port}/x.css",
        f"http://127.0.0.1:{port}/i.css",
    }
    assert "root:x:0:0" not in pdf_text(rendered.pdf)[1]


def test_bidi_overrides_never_reach_the_pdf_html(small_assessment, small_questionnaire) -> None:
    """'Org\u202eevil' reads 'Orglive': the HTML the PDF is made from has no override, whatever got in."""
    from reports.build import ReportInputs
    from reports.context import build_context
    from reports.pdf import render_html
    from scoring.assessment import Organisation

    organisation = Organisation.model_construct(name="Org\u202eevil\u2066", sector="Zorg", size_class="50-249")
    assessment = small_assessment.model_copy(update={"organisation": organisation})
    context = build_context(ReportInputs(assessment, small_questionnaire), "en")
    blank = "data:image/svg+xml;base64,"  # the charts are not the point here: no browser needed
    html = render_html(context, charts={name: blank for name in context.figures})
    assert not {"\u202e", "\u2066"} & set(html)
    assert "Orgevil" in html
