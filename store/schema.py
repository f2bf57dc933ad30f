"""The tables, as SQLAlchemy Core ``Table`` objects.

Every child row points at its parent with ``ON DELETE CASCADE``: deleting an
organisation removes its assessments, respondents, answers and roadmap edits in
the database itself, so no code path can leave orphans behind. Timestamps are
UTC. The migrations in ``store/migrations`` create exactly these tables; a test
compares the migrated database with this metadata.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from scoring.results import ASSESSMENT_STATUSES, HORIZONS, STEP_STATUSES

#: Named constraints: Alembic's batch mode for SQLite can only alter named ones.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

ANSWER_VALUES = ("0", "1", "2", "3", "4", "5", "na", "dont_know")
STATUSES = ASSESSMENT_STATUSES
SIGN_IN_OUTCOMES = ("success", "failure", "throttled")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=False),
    Column("demo", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

organisations = Table(
    "organisations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("owner_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("sector", String(200), nullable=False),
    Column("size_class", String(200), nullable=False),
    Column("demo", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

#: Each questionnaire text once, keyed by its id, version and content hash (the SHA-256 of
#: exactly this canonical JSON); assessments point at the one they were answered with, so old
#: assessments keep rendering after the YAML file changes without a copy per assessment.
questionnaire_texts = Table(
    "questionnaire_texts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("questionnaire_id", String(200), nullable=False),
    Column("questionnaire_version", Integer, nullable=False),
    Column("questionnaire_hash", String(64), nullable=False),
    Column("questionnaire_json", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint(
        "questionnaire_id", "questionnaire_version", "questionnaire_hash", name="uq_questionnaire_texts_key"
    ),
)

assessments = Table(
    "assessments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "organisation_id",
        Integer,
        ForeignKey("organisations.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("title", String(200)),
    Column("assessment_date", Date, nullable=False),
    Column("status", String(10), nullable=False, default="draft"),
    Column("questionnaire_id", String(200), nullable=False),
    Column("questionnaire_version", Integer, nullable=False),
    Column("questionnaire_hash", String(64), nullable=False),
    #: The questionnaire as answered (``questionnaire_texts``); id, version and hash above repeat its key.
    Column(
        "questionnaire_text_id",
        Integer,
        ForeignKey("questionnaire_texts.id", ondelete="RESTRICT"),
        nullable=False,
        index=True,
    ),
    #: ``scoring.assessment.Targets`` as JSON.
    Column("targets_json", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("closed_at", DateTime(timezone=True)),
    #: The date respondents are asked to finish by (shown in invitations); none: no deadline.
    Column("deadline", Date),
    CheckConstraint(_in("status", STATUSES), name="status"),
)

respondents = Table(
    "respondents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "assessment_id",
        Integer,
        ForeignKey("assessments.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("name", String(200)),
    Column("role", String(200), nullable=False),
    #: The questionnaire audiences this respondent answers for, as a JSON list; NULL: every question.
    Column("audiences_json", Text),
    #: SHA-256 of the link token, hex. The token itself is never stored.
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("revoked", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    #: Where invitations and reminders go (optional; personal data, docs/privacy.md).
    Column("email", String(254)),
)

#: The questions of each pinned questionnaire text, numbered once in this database, so that an
#: answer names its question by a small number rather than repeating the question's id: with
#: hundreds of thousands of answers the repeated ids (in the row and again in its index) were
#: most of the database. Rows are written with their text and never change.
question_keys = Table(
    "question_keys",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "questionnaire_text_id",
        Integer,
        ForeignKey("questionnaire_texts.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("question_id", String(200), nullable=False),
    UniqueConstraint("questionnaire_text_id", "question_id", name="uq_question_keys_text_question"),
)

#: One row per respondent and question, keyed by both (no row id of its own: autosave finds an
#: answer by that pair, and on SQLite the row is stored in its key's b-tree, once).
answers = Table(
    "answers",
    metadata,
    Column(
        "respondent_id",
        Integer,
        ForeignKey("respondents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "question_key_id",
        Integer,
        ForeignKey("question_keys.id", ondelete="RESTRICT"),
        primary_key=True,
    ),
    #: A level "0".."5", "na" or "dont_know".
    Column("value", String(9), nullable=False),
    Column("reason", Text),
    Column("comment", Text),
    Column("evidence", String(2000)),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    #: Grows by one with every save; an autosave names the version it saw.
    Column("version", Integer, nullable=False),
    CheckConstraint(_in("value", ANSWER_VALUES), name="value"),
    sqlite_with_rowid=False,
)

roadmap_edits = Table(
    "roadmap_edits",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "assessment_id",
        Integer,
        ForeignKey("assessments.id", ondelete="CASCADE"),
        nullable=False,
    ),
    #: ``QUESTION_ID@LEVEL``
    Column("step_key", String(210), nullable=False),
    Column("owner", String(200)),
    Column("horizon", String(10)),
    Column("due", Date),
    Column("status", String(12), nullable=False, default="open"),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("assessment_id", "step_key", name="uq_roadmap_edits_assessment_step"),
    CheckConstraint(f"horizon IS NULL OR {_in('horizon', HORIZONS)}", name="horizon"),
    CheckConstraint(_in("status", STEP_STATUSES), name="status"),
)

#: Answers a workshop agreed on (``scoring.assessment.AgreedAnswer``): one per question of an assessment.
agreed_answers = Table(
    "agreed_answers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "assessment_id",
        Integer,
        ForeignKey("assessments.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("question_id", String(200), nullable=False),
    #: A level "0".."5" or "na".
    Column("value", String(2), nullable=False),
    Column("reason", Text),
    Column("rationale", Text, nullable=False),
    #: Who recorded it (the consultant's e-mail address) and when.
    Column("agreed_by", String(254)),
    Column("agreed_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("assessment_id", "question_id", name="uq_agreed_answers_assessment_question"),
    CheckConstraint(_in("value", ("0", "1", "2", "3", "4", "5", "na")), name="value"),
)

branding = Table(
    "branding",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("logo", LargeBinary),
    Column("logo_mime", String(20)),
    Column("colour", String(7)),
    Column("consultant_name", String(200)),
    Column("confidentiality_label", String(200)),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

#: Questionnaires a consultant uploaded in the browser, kept so they survive a
#: refresh and a restart. The canonical JSON is stored, as with assessments.
uploaded_questionnaires = Table(
    "uploaded_questionnaires",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("owner_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("questionnaire_id", String(200), nullable=False),
    Column("questionnaire_version", Integer, nullable=False),
    Column("questionnaire_hash", String(64), nullable=False),
    Column("questionnaire_json", Text, nullable=False),
    Column("file_name", String(255), nullable=False),
    Column("uploaded_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("owner_id", "questionnaire_id", "questionnaire_version", name="uq_uploaded_questionnaires_key"),
)

#: Every password sign-in attempt: the throttle reads it (so the delay holds
#: across restarts and instances) and the consultant reads their own account's
#: rows as the sign-in log. The typed e-mail address is kept only as a SHA-256
#: (``account_key``), so attempts on addresses without an account store no
#: address; ``user_id`` is set when the address belongs to a consultant.
#: Rows older than ``store.signin.LOG_DAYS`` are deleted.
sign_in_attempts = Table(
    "sign_in_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("account_key", String(64), nullable=False),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), index=True),
    #: The client's IP address as the app saw it, or "unknown".
    Column("address", String(64), nullable=False),
    Column("outcome", String(10), nullable=False),
    CheckConstraint(_in("outcome", SIGN_IN_OUTCOMES), name="outcome"),
    Index("ix_sign_in_attempts_account_key_at", "account_key", "at"),
    Index("ix_sign_in_attempts_address_at", "address", "at"),
)

#: Invitations and reminders sent by e-mail: to whom, what kind and when (never the link itself).
INVITATION_KINDS = ("invitation", "reminder")
invitations = Table(
    "invitations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("respondent_id", Integer, ForeignKey("respondents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(12), nullable=False),
    Column("recipient", String(254), nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=False),
    CheckConstraint(_in("kind", INVITATION_KINDS), name="kind"),
)

#: A consultant's browser session that survives a refresh: the browser keeps a random key in a
#: cookie, the store only its SHA-256. The organisation and assessment in use come back with it.
consultant_sessions = Table(
    "consultant_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("organisation_id", Integer, ForeignKey("organisations.id", ondelete="SET NULL")),
    Column("assessment_id", Integer, ForeignKey("assessments.id", ondelete="SET NULL")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
)
