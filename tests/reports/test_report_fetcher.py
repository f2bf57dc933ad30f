"""The renderer's fetcher serves report assets and data: URLs, and refuses everything else."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from reports.fetcher import ASSETS_DIR, RefusedURL, SafeFetcher


@pytest.fixture
def assets(tmp_path: Path) -> Path:
    folder = tmp_path / "assets"
    folder.mkdir()
    (folder / "style.css").write_text("p { color: red }", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("root:x:0:0", encoding="utf-8")
    (folder / "link.css").symlink_to(tmp_path / "secret.txt")
    return folder


def test_an_asset_is_served(assets: Path) -> None:
    fetcher = SafeFetcher(assets)
    response = fetcher.fetch((assets / "style.css").as_uri())
    assert response.read() == b"p { color: red }"
    assert response.content_type == "text/css"
    assert fetcher.refused == []


def test_the_report_stylesheet_is_an_asset() -> None:
    response = SafeFetcher().fetch((ASSETS_DIR / "report.css").as_uri())
    assert response.read().startswith(b"/* The print stylesheet")


def test_a_data_url_is_served(assets: Path) -> None:
    url = "data:image/svg+xml;base64," + base64.b64encode(b"<svg/>").decode()
    assert SafeFetcher(assets).fetch(url).read() == b"<svg/>"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "http://127.0.0.1:9/x.css",
        "https://example.org/logo.png",
        "ftp://example.org/x",
        "file://otherhost/etc/passwd",
    ],
)
def test_other_urls_are_refused_and_recorded(assets: Path, url: str) -> None:
    fetcher = SafeFetcher(assets)
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_paths_out_of_the_assets_are_refused(assets: Path) -> None:
    fetcher = SafeFetcher(assets)
    escapes = [
        (assets / ".." / "secret.txt").as_uri(),
        assets.as_uri() + "/%2e%2e/secret.txt",
        (assets / "link.css").as_uri(),  # a symbolic link pointing out
        (assets / "missing.css").as_uri(),
        assets.as_uri(),  # the folder itself
    ]
    for url in escapes:
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    assert fetcher.refused == escapes


def test_redirects_are_off_and_only_file_and_data_are_allowed() -> None:
    fetcher = SafeFetcher()
    assert fetcher._allowed_protocols == ("file", "data")
    assert not any(type(handler).__name__ == "HTTPRedirectHandler" for handler in fetcher.handlers)
