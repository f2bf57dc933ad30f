"""An uploaded questionnaire's own free text (provider, licence, references) shows literally, never as markdown."""

from __future__ import annotations

from pathlib import Path

import yaml

from app_pages.common import plain
from questionnaires import parse_questionnaire
from store.uploads import save_uploaded_questionnaire
from tests.app.conftest import World, signed_in

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "small-questionnaire.yaml"
LINK = "[Sign in again](https://evil.example/login)"
IMAGE = "![tracker](https://evil.example/pixel.png)"


def test_provider_licence_and_references_are_escaped(world: World) -> None:
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    data["id"] = "hostile-example"
    data["provider"] = f"**Bold** {LINK}"
    data["licence"] = IMAGE
    question = data["pillars"][0]["capabilities"][0]["questions"][0]
    question["references"] = {"my-framework": [IMAGE, "<b>x</b>"]}  # frameworks beyond the four are allowed
    hostile = parse_questionnaire(yaml.safe_dump(data, allow_unicode=True).encode(), "hostile.yaml")
    save_uploaded_questionnaire(world.engine, world.user_id, hostile, "hostile.yaml")
    at = signed_in(world, "questionnaire_browser.py")
    at.selectbox(key="browser_questionnaire").set_value(("hostile-example", 1)).run()
    assert not at.exception
    captions = [caption.value for caption in at.caption]
    summary = next(value for value in captions if "published by" in value)
    assert plain(f"**Bold** {LINK}") in summary and plain(IMAGE) in summary
    assert LINK not in summary and IMAGE not in summary.replace(plain(IMAGE), "")
    references = next(value for value in captions if value.startswith("References: "))
    for framework, refs in hostile.pillars[0].capabilities[0].questions[0].references.items():
        assert plain(framework) in references
        for ref in refs:
            assert plain(ref) in references
    assert IMAGE not in references
