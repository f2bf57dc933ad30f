"""The only way the PDF renderer may read anything: report assets and ``data:`` URLs.

WeasyPrint's default fetcher follows ``http``, ``https``, ``ftp``, ``file``
and ``data`` URLs, so a user-typed ``<link rel="attachment"
href="file:///etc/passwd">`` that reached the HTML would embed that file in
the PDF, and any URL would be called. Templates escape user text, so this is
the second wall: even markup that slipped through can reach nothing but the
files in ``reports/assets`` and inline ``data:`` URLs. Everything else raises
(WeasyPrint logs the failure and renders on without the resource) and is
recorded in ``refused`` so the caller can report it.
"""

from __future__ import annotations

import mimetypes
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

ASSETS_DIR = Path(__file__).parent / "assets"

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


class RefusedURL(ValueError):
    """A URL the report renderer may not fetch."""


class SafeFetcher(URLFetcher):
    """Serves files inside ``assets_dir`` and ``data:`` URLs; refuses the rest.

    No network handler is ever used (``allowed_protocols`` is ``file`` and
    ``data``, redirects are off) and ``file:`` URLs are answered here, not by
    urllib: the path is resolved (``..`` and symbolic links included) and must
    lie inside the assets folder.
    """

    def __init__(self, assets_dir: Path = ASSETS_DIR) -> None:
        super().__init__(
            timeout=5,
            allowed_protocols=("file", "data"),
            allow_redirects=False,
            fail_on_errors=False,
        )
        self.assets_dir = assets_dir.resolve()
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        match = _SCHEME.match(url)
        scheme = match[1].lower() if match else ""
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = self._asset_path(url)
            if path is not None:
                content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})
        self.refused.append(url)
        raise RefusedURL(f"refused by the report renderer: {url[:200]}")

    def _asset_path(self, url: str) -> Path | None:
        """The file a ``file:`` URL names when it is an existing file inside the assets."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        path = Path(unquote(parts.path)).resolve()
        if path.is_relative_to(self.assets_dir) and path.is_file():
            return path
        return None
