"""Pages load what they show (issue 14): a paged organisation picker and list, no report inputs before a report."""

from __future__ import annotations

import pytest

from app_pages.common import PICKER_SIZE
from app_pages.organisations import PAGE_SIZE
from store import organisations
from tests.app.conftest import World, signed_in


def _many(world: World, count: int) -> list[int]:
    return [
        organisations.create_organisation(world.engine, world.user_id, f"Client {n:04d}", "care", "1-49").id
        for n in range(count)
    ]


def _picker(at):
    return next(box for box in at.sidebar.selectbox if box.label == "Organisation")


def test_the_picker_holds_one_page_and_finds_the_rest_by_search(world: World) -> None:
    ids = _many(world, PICKER_SIZE + 30)
    at = signed_in(world)
    assert not at.exception
    picker = _picker(at)
    assert len(picker.options) == PICKER_SIZE + 1  # the first 50 by name, and the chosen one
    assert "Gemeente Testdorp" in picker.options
    assert "Client 0079" not in picker.options
    at.sidebar.text_input(key="organisation_search").input("client 0079").run()
    picker = _picker(at)
    assert "Client 0079" in picker.options and len(picker.options) == 2
    picker.select("Client 0079").run()
    assert at.session_state["organisation_id"] == ids[-1]
    at.sidebar.text_input(key="organisation_search").input("").run()
    assert "Client 0079" in _picker(at).options  # the chosen one stays, whatever page it is on


def test_the_organisations_list_pages(world: World) -> None:
    _many(world, PAGE_SIZE + 10)
    at = signed_in(world, "organisations.py")
    assert not at.exception
    assert len(at.dataframe[0].value) == PAGE_SIZE
    at.number_input(key="org_page").set_value(2).run()
    assert len(at.dataframe[0].value) == 11  # 60 clients and the world's own organisation
    at.text_input(key="org_search").input("client 0003").run()
    assert list(at.dataframe[0].value["Name"]) == ["Client 0003"]


def test_the_reports_page_builds_no_report_inputs_until_a_report_is_asked_for(
    answered: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app_pages.analysis

    def refuse(*args, **kwargs):
        raise AssertionError("report inputs built before a report was asked for")

    monkeypatch.setattr(app_pages.analysis, "inputs_from_store", refuse)
    at = signed_in(answered, "reports.py")
    assert not at.exception
    assert len(at.get("download_button")) >= 3
