"""Shared fixtures: paths every test area uses."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def small_questionnaire_path() -> Path:
    return FIXTURES / "small-questionnaire.yaml"
