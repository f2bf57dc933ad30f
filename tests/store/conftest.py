"""Store fixtures: every store test runs on SQLite and on PostgreSQL.

SQLite: a migrated template file is made once per session and copied for each
test. PostgreSQL (127.0.0.1:5432, database ``test``, or
``VEERKRACHT_TEST_POSTGRES_URL``): one fresh schema per test session
(``vk_test_<random>``, dropped at the end) so parallel runs do not collide;
tables are emptied between tests. Without PostgreSQL the PostgreSQL half is
skipped with the reason shown, except on CI (``CI=true``), where it fails.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from questionnaires import Questionnaire, load_questionnaire
from store.engine import make_engine
from store.migrate import upgrade
from store.schema import metadata

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
POSTGRES_CANDIDATES = (
    "postgresql+psycopg://postgres@127.0.0.1:5432/test",
    "postgresql+psycopg://root@127.0.0.1:5432/test",
)


def _postgres_server_url() -> str:
    """A URL that connects, or the reason none does."""
    configured = os.environ.get("VEERKRACHT_TEST_POSTGRES_URL")
    candidates = (configured,) if configured else POSTGRES_CANDIDATES
    problems = []
    for url in candidates:
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            return url
        except Exception as error:
            problems.append(f"{make_url(url).render_as_string(hide_password=True)}: {error}".splitlines()[0])
        finally:
            engine.dispose()
    raise ConnectionError("; ".join(problems))


@dataclass
class PostgresSchema:
    url: str | None
    reason: str | None


@pytest.fixture(scope="session")
def postgres_server() -> PostgresSchema:
    """The PostgreSQL server URL, or why there is none (a failure on CI)."""
    try:
        return PostgresSchema(_postgres_server_url(), None)
    except ConnectionError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required on CI and unreachable: {error}", pytrace=False)
        return PostgresSchema(None, f"PostgreSQL not reachable, PostgreSQL store tests skipped: {error}")


@contextmanager
def _new_schema(server: str) -> Iterator[str]:
    """A URL whose connections use a new, empty schema; the schema is dropped afterwards."""
    schema = f"vk_test_{secrets.token_hex(6)}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        url = make_url(server).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_schema(postgres_server: PostgresSchema) -> Iterator[PostgresSchema]:
    """One migrated schema for the whole session (tables are emptied between tests)."""
    if postgres_server.url is None:
        yield postgres_server
        return
    with _new_schema(postgres_server.url) as url:
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        yield PostgresSchema(url, None)


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(
    request: pytest.FixtureRequest, tmp_path: Path, postgres_server: PostgresSchema
) -> Iterator[str]:
    """A database of each backend with no tables at all (not migrated)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    if postgres_server.url is None:
        pytest.skip(postgres_server.reason)
    with _new_schema(postgres_server.url) as url:
        yield url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()  # the last connection to close checkpoints the WAL into the file
    assert not path.with_name("template.db-wal").exists()
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path, postgres_schema: PostgresSchema
) -> str:
    """A migrated, empty database of each backend, as a URL (for subprocesses too)."""
    if request.param == "sqlite":
        path = tmp_path / "veerkracht.db"
        shutil.copyfile(sqlite_template, path)
        return f"sqlite:///{path}"
    if postgres_schema.url is None:
        pytest.skip(postgres_schema.reason)
    engine = make_engine(postgres_schema.url)
    with engine.begin() as connection:
        names = ", ".join(f'"{table.name}"' for table in metadata.sorted_tables)
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return postgres_schema.url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def questionnaire() -> Questionnaire:
    return load_questionnaire(FIXTURES / "small-questionnaire.yaml")


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real argon2id, at test-sized cost: the default spends 150 ms a hash on purpose."""
    from argon2 import PasswordHasher

    import store.users

    monkeypatch.setattr(store.users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@dataclass
class Consultant:
    user_id: int
    organisation_id: int
    assessment_id: int
    respondent_id: int
    token: str


def make_consultant(engine: Engine, questionnaire: Questionnaire, email: str) -> Consultant:
    """A consultant with one organisation, one open assessment and one respondent."""
    from store import assessments, organisations, respondents, users

    user = users.add_user(engine, email, "correct horse battery")
    organisation = organisations.create_organisation(engine, user.id, f"Client of {email}", "care", "50-249")
    assessment = assessments.create_assessment(
        engine, user.id, organisation.id, questionnaire, title="Baseline", status="open"
    )
    new = respondents.add_respondent(engine, user.id, assessment.id, "IT manager", "Ann")
    return Consultant(user.id, organisation.id, assessment.id, new.respondent.id, new.token)


@pytest.fixture
def alice(engine: Engine, questionnaire: Questionnaire) -> Consultant:
    return make_consultant(engine, questionnaire, "alice@example.org")


@pytest.fixture
def bob(engine: Engine, questionnaire: Questionnaire) -> Consultant:
    return make_consultant(engine, questionnaire, "bob@example.org")
