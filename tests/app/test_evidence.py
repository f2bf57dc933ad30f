"""The results page's drill-down: every respondent's level, comment, N/A reason and evidence link per question,
labelled by role; only http(s) links are links."""

from __future__ import annotations

from app_pages.evidence import safe_link
from scoring.assessment import Answer
from store import answers, respondents
from tests.app.conftest import BACKUP, EXERCISES, ROLES, World, signed_in


def test_each_question_opens_to_every_answer(world: World) -> None:
    first, second = world.respondent_ids
    answers.save_answer(world.engine, first, ROLES, Answer(value=3, comment="Tested in *March*",
                                                           evidence="https://intranet.example/crisis plan"), 0)
    answers.save_answer(world.engine, second, ROLES, Answer(value="na", reason="Outsourced [fully]"), 0)
    answers.save_answer(world.engine, first, EXERCISES, Answer(value="dont_know"), 0)
    at = signed_in(world, "results.py")
    assert not at.exception
    roles = [e for e in at.expander if e.label.startswith("1. ")]
    assert len(roles) == 1 and "2 notes" in roles[0].label
    shown = [m.value for m in roles[0].markdown]
    role_first = respondents.list_respondents(world.engine, world.user_id, world.assessment_id)[0].role
    assert shown[0].startswith(f"**{role_first}** — level 3")
    assert r"Comment: Tested in \*March\*" in shown[0]  # typed text stays text
    assert "[https://intranet.example/crisis%20plan](https://intranet.example/crisis%20plan)" in shown[0].replace(
        "\\", "")
    assert r"N/A: Outsourced \[fully\]" in shown[1]
    exercises = [e for e in at.expander if e.label.startswith("2. ")][0]
    assert "don't know" in exercises.markdown[0].value
    assert not [e for e in at.expander if e.label.startswith("3. ")]  # nobody answered: no empty drawer
    assert BACKUP


def test_only_http_links_are_links() -> None:
    assert safe_link("https://example.org/a(b)") == "https://example.org/a%28b%29"
    assert safe_link("http://example.org/x y") == "http://example.org/x%20y"
    for bad in ("javascript:alert(1)", "data:text/html,x", "ftp://example.org", "https://", "//example.org", ""):
        assert safe_link(bad) is None
