"""`make run` listens on this machine only unless one documented setting opens it up."""

from __future__ import annotations

import os
import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run_command(**environment: str) -> str:
    """The streamlit line `make run` would execute (``make -n`` prints it and runs nothing)."""
    env = {key: value for key, value in os.environ.items() if key != "VEERKRACHT_ADDRESS"} | environment
    printed = subprocess.run(
        ["make", "-n", "run"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    return " ".join(printed.replace("\\\n", " ").split("streamlit run", 1)[1].split())


def test_make_run_listens_on_loopback_by_default() -> None:
    assert "--server.address 127.0.0.1 " in _run_command()


def test_one_setting_opens_it_up() -> None:
    assert "--server.address 0.0.0.0 " in _run_command(VEERKRACHT_ADDRESS="0.0.0.0")


def test_streamlit_run_without_make_also_listens_on_loopback() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    assert config["server"]["enableXsrfProtection"] is True


def test_the_deployment_guide_shows_a_tls_proxy_with_the_security_headers() -> None:
    guide = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    for needed in ("Strict-Transport-Security", "frame-ancestors 'none'", "nosniff", "VEERKRACHT_ADDRESS", "OIDC"):
        assert needed in guide, needed
