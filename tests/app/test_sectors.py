"""Sectors from the fixed SBI / NACE list on the pages (issue 11 item 5): the peer group named in the reader's
language, and an *other* sector left out of peer groups with a note on the benchmark page and in the report."""

from __future__ import annotations

from i18n.format import Formatter
from reports.sections import benchmark as benchmark_section
from reports.sources import inputs_from_store
from store import organisations
from tests.app.conftest import World, add_peers, signed_in


def test_the_peer_group_is_named_by_its_section_in_each_language(answered: World) -> None:
    add_peers(answered)  # five clients typed "government": section O, like the world's own organisation
    at = signed_in(answered, "benchmark.py")
    caption = at.caption[0].value.replace("\\", "")  # typed text is shown escaped
    assert caption.startswith("Peer group (Public administration and defence; compulsory social security, 50-249)")
    assert len(at.get("plotly_chart")) == 1
    dutch = signed_in(answered, "benchmark.py", lang="nl")
    assert dutch.caption[0].value.replace("\\", "").startswith(
        "Vergelijkingsgroep (Openbaar bestuur, overheidsdiensten en verplichte sociale verzekeringen, 50-249)"
    )


def test_an_other_sector_is_left_out_of_peer_groups_with_a_note(answered: World) -> None:
    add_peers(answered)
    organisations.update_organisation(answered.engine, answered.user_id, answered.organisation_id, sector="Bakkerij")
    at = signed_in(answered, "benchmark.py")
    assert not at.exception
    assert len(at.get("plotly_chart")) == 0
    note = at.info[0].value.replace("\\", "")  # typed text is shown escaped
    assert note.startswith("Not shown: this organisation's sector (Other: Bakkerij) is not on the fixed list")
    assert "left out of peer groups" in note
    # The report's benchmark text says the same, in Dutch too.
    inputs = inputs_from_store(answered.engine, answered.user_id, answered.assessment_id)
    assert inputs.benchmark is not None and all(f.peers == 0 for f in inputs.benchmark.figures.values())
    section = benchmark_section.build(inputs, Formatter("nl"))
    assert not section.shown
    assert section.text.startswith("Niet getoond: de sector van deze organisatie (Anders: Bakkerij)")
    assert "buiten vergelijkingsgroepen" in section.text
    # And it is nobody's peer: a section-O client with five section-O peers still has five, not six.
    organisations.update_organisation(answered.engine, answered.user_id, answered.organisation_id, sector="O")
    peer = next(o for o in organisations.list_organisations(answered.engine, answered.user_id) if o.name == "Peer 0")
    organisations.update_organisation(answered.engine, answered.user_id, peer.id, sector="Bakkerij")
    inputs = inputs_from_store(answered.engine, answered.user_id, answered.assessment_id)
    assert max(f.peers for f in inputs.benchmark.figures.values()) == 4


def test_a_typed_sector_is_shown_literally_in_the_note(answered: World) -> None:
    add_peers(answered)
    organisations.update_organisation(
        answered.engine, answered.user_id, answered.organisation_id, sector="**Bak** [x](https://evil.example)"
    )
    note = signed_in(answered, "benchmark.py").info[0].value
    assert "\\*\\*Bak\\*\\*" in note and "\\[x\\]" in note
