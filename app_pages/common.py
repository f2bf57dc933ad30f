"""What every page shares: session-state keys, the language, the cached engine and questionnaires.

Session-state keys are named here and nowhere else, so a reader finds every
piece of per-user state in one place. There is no module-level mutable state:
everything per user lives in ``st.session_state``, everything shared is an
immutable cached resource (the engine, the installed questionnaires).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import streamlit as st

from i18n import DEFAULT_LANGUAGE, LANGUAGES
from i18n.format import MINUS, NO_VALUE, Formatter, Message
from i18n.format import formatter as i18n_formatter
from questionnaires import Questionnaire, installed_questionnaires
from scoring.assessment import without_bidi_controls

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from store.records import AssessmentInfo, Organisation

# Session-state keys (one place).
#: The sidebar's organisation search, shown when the consultant has more than ``PICKER_SIZE``.
ORGANISATION_SEARCH_KEY = "organisation_search"
#: The most organisations the sidebar picker holds at once; more are found by searching.
PICKER_SIZE = 50
LANGUAGE_KEY = "language"
USER_KEY = "user_id"
USER_EMAIL_KEY = "user_email"
ORGANISATION_KEY = "organisation_id"
ASSESSMENT_KEY = "assessment_id"
#: Respondent id → link token, only right after creation or re-issue (shown once).
NEW_LINKS_KEY = "setup_new_links"
#: Organisation id waiting for the delete confirmation.
CONFIRM_DELETE_KEY = "organisations_confirm_delete"
#: ("respondent" or "assessment", id) waiting for the erase confirmation on the set-up page.
CONFIRM_ERASE_KEY = "setup_confirm_erase"
# Respond page.
RESPOND_VERSIONS_KEY = "respond_versions"
RESPOND_STATUS_KEY = "respond_status"
RESPOND_CONFLICTS_KEY = "respond_conflicts"
RESPOND_CAPABILITY_KEY = "respond_capability"
RESPOND_REVIEW_KEY = "respond_review"
RESPOND_TOKEN_KEY = "respond_token"
#: The stored answers of the last run, and "show the saved toast" after a save.
RESPOND_STORED_KEY = "respond_stored"
RESPOND_TOAST_KEY = "respond_toast"
#: How many times the respondent moved to another section; a run after a move opens the section at its top.
RESPOND_MOVES_KEY = "respond_moves"
RESPOND_SCROLLED_KEY = "respond_scrolled"
#: Finish was pressed with questions open: the page lists them and asks first.
RESPOND_CONFIRM_FINISH_KEY = "respond_confirm_finish"
#: One message (kind, text) a callback leaves for the next run of the page to show.
FLASH_KEY = "flash_message"
#: Questionnaire upload: (file name, problems) of a refused file; the name of an accepted one.
UPLOAD_PROBLEMS_KEY = "upload_problems"
UPLOADED_NAME_KEY = "uploaded_name"
#: Which record a page's form fields were last filled from (so a change of choice refills them).
ORGANISATION_FORM_FOR_KEY = "organisation_form_for"
SETUP_STATUS_FOR_KEY = "setup_status_for"
SETUP_TARGETS_FOR_KEY = "setup_targets_for"
SETTINGS_FORM_FOR_KEY = "settings_form_for"
SETUP_MANAGE_FOR_KEY = "setup_manage_for"
SETUP_EDIT_FOR_KEY = "setup_edit_for"
#: Grows after every roadmap save, so the table editor starts afresh from the stored roadmap.
ROADMAP_EDITOR_VERSION_KEY = "roadmap_editor_version"
#: The consultant pages' addresses (``url_path`` in app.py).
CONSULTANT_PATHS = (
    "organisations", "setup", "results", "roadmap", "workshop", "benchmark", "reports", "questionnaires", "settings",
)
#: Query parameter that keeps the respondent's place across a refresh.
POSITION_PARAM = "at"
TOKEN_PARAM = "token"

#: Charts on screen without plotly's toolbar: its buttons carry English tooltips of their own ("Download plot
#: as a png", "Zoom in"), and a figure without it draws faster; the reports page has the downloads.
CHART_CONFIG = {"displayModeBar": False, "displaylogo": False}

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$])")


def plain(text: str | None) -> str:
    """``text`` escaped for Streamlit markdown, so typed text shows literally and never as markup.

    Bidirectional overrides and isolates are removed too (text stored before the
    text rule may hold them): "Org\u202eevil" must not show as "Orglive".
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", without_bidi_controls(text or ""))


def store_problem(error: Exception, fallback: str) -> str:
    """What did not happen (the page's ``fallback`` key) and why the store refused, in the user's language.

    A store error carries its reason as a message (``store.errors``), written here by
    the page's formatter: "Niet opgeslagen: … Reden: naam is leeg."
    """
    fmt = formatter()
    message = getattr(error, "message", None)
    if not isinstance(message, Message):
        return fmt.text(fallback)
    return fmt.text("store.reason", text=fmt.text(fallback), reason=fmt.message(message))


def flash(kind: str, text: str) -> None:
    """Leave a message ("success", "error", "warning" or "info") for the next run to show."""
    st.session_state[FLASH_KEY] = (kind, text)


def show_flash() -> None:
    kind, text = st.session_state.pop(FLASH_KEY, ("", ""))
    if kind in ("success", "error", "warning", "info"):
        getattr(st, kind)(text)


def fill_form(for_key: str, record: object, values: dict[str, object]) -> None:
    """Fill a page's form fields from a stored record when the record changes or the fields were dropped.

    Streamlit forgets a widget's value once a run does not draw it (the consultant visited another
    page), so "filled for this record" alone would leave the fields empty on return, and a save
    would then store the widgets' defaults over the record.
    """
    state = st.session_state
    if state.get(for_key) != record or any(key not in state for key in values):
        state[for_key] = record
        for key, value in values.items():
            state[key] = value


def current_language() -> str:
    """The chosen language: session state, else the ``lang`` query parameter, else Dutch."""
    if LANGUAGE_KEY not in st.session_state:
        requested = st.query_params.get("lang", DEFAULT_LANGUAGE)
        st.session_state[LANGUAGE_KEY] = requested if requested in LANGUAGES else DEFAULT_LANGUAGE
    return st.session_state[LANGUAGE_KEY]


def _language_changed() -> None:
    choice = st.session_state.get("language_choice")
    if choice in LANGUAGES:
        st.session_state[LANGUAGE_KEY] = choice
        st.query_params["lang"] = choice


def language_switch() -> None:
    """A language selector in the sidebar; the choice is kept in the URL so a refresh keeps it."""
    lang = current_language()
    if st.query_params.get("lang") != lang:  # moving to another page drops the address's parameters
        st.query_params["lang"] = lang
    fmt = formatter()
    st.session_state.setdefault("language_choice", lang)
    if st.session_state["language_choice"] is None:
        st.session_state["language_choice"] = lang
    st.sidebar.segmented_control(
        fmt.text("language.label"),
        LANGUAGES,
        format_func=lambda code: code.upper(),
        key="language_choice",
        on_change=_language_changed,
    )


@st.cache_resource(max_entries=4)
def _engine_for(url: str) -> Engine:
    from store.engine import make_engine
    from store.migrate import current_revision, head_revision, upgrade

    engine = make_engine(url)
    if current_revision(engine) != head_revision():
        upgrade(engine)
    return engine


def engine() -> Engine:
    """The engine for the configured database, migrated, shared by every session."""
    from store.engine import database_url

    return _engine_for(database_url())


@st.cache_resource(max_entries=1)
def installed() -> dict[tuple[str, int], Questionnaire]:
    """The installed questionnaires, loaded once per process and shared (they are immutable)."""
    return installed_questionnaires()


def signed_in_user() -> int | None:
    return st.session_state.get(USER_KEY)


def require_user() -> int:
    """The signed-in consultant's id; a page reached without one stops with a message."""
    user = signed_in_user()
    if user is None:
        st.info(formatter().text("auth.required"))
        st.stop()
    return user


def formatter() -> Formatter:
    """The formatter of the chosen language: every number, change and text a page shows goes through it."""
    return i18n_formatter(current_language())


def metric_delta(text: str) -> dict[str, object]:
    """``st.metric`` arguments showing a formatted change ("+0,5", "−0,5", "±0"; "" for none).

    Streamlit reads a delta as negative only when it starts with a hyphen, and
    the house style writes the minus sign U+2212, so colour and arrow are set here.
    """
    if not text or text == NO_VALUE:
        return {"delta": None}
    if text == "±0":
        return {"delta": text, "delta_color": "off", "delta_arrow": "off"}
    negative = text.startswith(MINUS)
    return {
        "delta": text,
        "delta_color": "inverse" if negative else "normal",
        "delta_arrow": "down" if negative else "up",
    }


def _organisation_changed() -> None:
    st.session_state.pop(ASSESSMENT_KEY, None)


def owned_organisation(user: int, organisation_id: object) -> Organisation | None:
    """The consultant's organisation with this id, or ``None`` (none chosen, deleted, or someone else's)."""
    from store import organisations
    from store.errors import NotFound

    if not isinstance(organisation_id, int):
        return None
    try:
        return organisations.get_organisation(engine(), user, organisation_id)
    except NotFound:
        return None


def context_picker() -> None:
    """The organisation and assessment the consultant works on, chosen once in the sidebar for every page."""
    from store import assessments, organisations

    fmt = formatter()
    user = signed_in_user()
    if user is None:
        return
    # A portfolio of thousands is searched, not listed: the picker holds at most PICKER_SIZE
    # organisations (and always the chosen one), read a page at a time.
    total = organisations.count_organisations(engine(), user)
    if not total:
        st.session_state.pop(ORGANISATION_KEY, None)
        st.session_state.pop(ASSESSMENT_KEY, None)
        return
    search = ""
    if total > PICKER_SIZE:
        search = st.sidebar.text_input(
            fmt.text("context.search"), key=ORGANISATION_SEARCH_KEY, max_chars=200,
            help=fmt.text("context.search_help", shown=PICKER_SIZE),
        )
    owned = {o.id: o for o in organisations.list_organisations(engine(), user, search=search, limit=PICKER_SIZE)}
    chosen = st.session_state.get(ORGANISATION_KEY)
    if chosen is None:  # a new session without a remembered place: start where the roadmap was last worked on
        from store.sessions import starting_organisation

        chosen = starting_organisation(engine(), user)
        if chosen is not None:
            st.session_state[ORGANISATION_KEY] = chosen
    if chosen not in owned:
        kept = owned_organisation(user, chosen)
        if kept is not None:
            owned = {kept.id: kept, **owned}
        else:
            owned = owned or {o.id: o for o in organisations.list_organisations(engine(), user, limit=1)}
            st.session_state[ORGANISATION_KEY] = next(iter(owned))
    st.sidebar.selectbox(
        fmt.text("context.organisation"),
        list(owned),
        format_func=lambda oid: owned[oid].name,
        key=ORGANISATION_KEY,
        on_change=_organisation_changed,
    )
    if total > PICKER_SIZE and not search:
        st.sidebar.caption(fmt.text("context.showing", shown=min(PICKER_SIZE, total), total=fmt.whole(total)))
    found = {a.id: a for a in assessments.list_assessments(engine(), user, st.session_state[ORGANISATION_KEY])}
    if not found:
        st.session_state.pop(ASSESSMENT_KEY, None)
        return
    if st.session_state.get(ASSESSMENT_KEY) not in found:
        st.session_state[ASSESSMENT_KEY] = list(found)[-1]
    st.sidebar.selectbox(
        fmt.text("context.assessment"),
        list(found),
        format_func=lambda aid: assessment_label(found[aid], fmt, status=False),
        key=ASSESSMENT_KEY,
    )


def assessment_label(info: AssessmentInfo, fmt: Formatter, *, status: bool = True) -> str:
    """Title and date (and status) of an assessment, as the consultant recognises it."""
    title = info.title or fmt.text("context.untitled")
    label = f"{title} · {fmt.date(info.date, 'medium')}"
    return f"{label} · {fmt.text(f'status.{info.status}')}" if status else label


def require_organisation() -> int:
    if st.session_state.get(ORGANISATION_KEY) is None:
        st.info(formatter().text("context.need_organisation"))
        st.stop()
    return st.session_state[ORGANISATION_KEY]


def require_assessment() -> int:
    if st.session_state.get(ASSESSMENT_KEY) is None:
        st.info(formatter().text("context.need_assessment"))
        st.stop()
    return st.session_state[ASSESSMENT_KEY]


def uploaded_questionnaires() -> dict[tuple[str, int], Questionnaire]:
    """The signed-in consultant's uploaded questionnaires, read from the store."""
    from store.uploads import list_uploaded_questionnaires

    user = signed_in_user()
    return {} if user is None else list_uploaded_questionnaires(engine(), user)


def available_questionnaires() -> dict[tuple[str, int], Questionnaire]:
    """Installed questionnaires, then the consultant's uploads (an upload never reuses an installed id+version)."""
    return {**installed(), **uploaded_questionnaires()}


def app_link(token: str) -> str:
    """The respondent's personal link: this app's address with the token."""
    base = ""
    try:
        url = st.context.url or ""
        base = url.split("?", 1)[0]
        for suffix in ("setup", "organisations"):
            if base.endswith("/" + suffix):
                base = base[: -len(suffix)]
    except AttributeError:  # an older Streamlit, or AppTest without a URL
        base = ""
    if base and not base.endswith("/"):
        base += "/"
    return f"{base}?token={token}"
