"""The results page's drill-down: each question opens to every respondent's answer, labelled by role.

Level (or N/A with its reason, or don't know), comment and evidence link, as
the respondents gave them. Typed text shows literally (``common.plain``); an
evidence link is a link only when it is ``http`` or ``https`` with a host, and
otherwise shows as text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

import streamlit as st

from app_pages import common

if TYPE_CHECKING:
    from i18n.format import Formatter
    from questionnaires import Questionnaire
    from reports.labels import Labels
    from scoring.assessment import Answer, Assessment


def safe_link(url: object) -> str | None:
    """The URL as a markdown link target when it is http(s) with a host; ``None`` otherwise."""
    text = str(url or "").strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    # Brackets, spaces and angle brackets would end the markdown target: percent-encode them.
    return quote(text, safe=":/?#@!$&'*+,;=%-._~")


def _answer_lines(answer: Answer, fmt: Formatter) -> list[str]:
    if answer.value == "na":
        lines = [fmt.text("evidence.na", reason=common.plain(answer.reason))]
    elif answer.value == "dont_know":
        lines = [fmt.text("evidence.dont_know")]
    else:
        lines = [fmt.text("evidence.level", level=answer.value)]
    if answer.comment:
        lines.append(fmt.text("evidence.comment", comment=common.plain(answer.comment)))
    if answer.evidence is not None:
        target = safe_link(answer.evidence)
        shown = common.plain(str(answer.evidence))
        lines.append(fmt.text("evidence.link", link=f"[{shown}]({target})" if target else shown))
    return lines


def drilldown(document: Assessment, questionnaire: Questionnaire, names: Labels, fmt: Formatter) -> None:
    """One expander per answered question, with every respondent's answer."""
    st.subheader(fmt.text("evidence.title"))
    st.caption(fmt.text("evidence.caption"))
    for question in questionnaire.questions():
        given = [(person, person.answers[question.id]) for person in document.respondents
                 if question.id in person.answers]
        if not given:
            continue
        notes = sum(1 for _, answer in given if answer.comment or answer.evidence or answer.value == "na")
        label = f"{names.numbers[question.id]}. {common.plain(names[question.id])}"
        with st.expander(label + (f" · {fmt.text('evidence.notes', count=notes)}" if notes else "")):
            for person, answer in given:
                lines = _answer_lines(answer, fmt)
                st.markdown(f"**{common.plain(person.role)}** — " + "  \n".join(lines))
