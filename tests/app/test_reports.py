"""Reports page: the PDF in two editions built with progress (test_report_honest), the other files on demand."""

from __future__ import annotations

import json

from app_pages import analysis
from reports.build import report_bytes
from tests.app.conftest import World, signed_in


def test_reports_page_offers_three_downloads_and_the_json_is_the_assessment(answered: World) -> None:
    at = signed_in(answered, "reports.py")
    assert not at.exception
    # The PDF is built with a button first (its download appears when built); the others download on demand.
    assert [b.proto.label for b in at.button][:2] == ["Build PDF", "Build PDF"]
    assert {"Download Excel", "Download JSON"} <= {b.proto.label for b in at.get("download_button")}
    inputs = analysis.load(answered.user_id, answered.assessment_id).inputs
    document = json.loads(report_bytes(inputs, "json", "en"))
    assert document["organisation"]["name"] == "Gemeente Testdorp"
    assert [r["role"] for r in document["respondents"]] == ["IT manager", "Director"]
    workbook = report_bytes(inputs, "xlsx", "en")
    assert workbook[:2] == b"PK"
