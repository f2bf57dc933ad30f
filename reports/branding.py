"""A consultant's branding for the report, cleaned: only a hex colour and an inline PNG or JPEG logo pass.

The colour goes into CSS (which HTML escaping does not protect) and the logo
into an ``<img src>`` (which the renderer would otherwise fetch), so anything
else falls back to the default here, before a template sees it.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass

#: Default accent colour when a consultant has none (and for invalid ones).
DEFAULT_COLOUR = "#1d6f8a"
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
#: A logo is only ever an inline image: never a path or a URL the renderer would fetch.
#: PNG and JPEG only, like the store: an SVG logo is a document that can link to other resources.
_LOGO = re.compile(r"^data:image/(png|jpeg);base64,[A-Za-z0-9+/]+=*$")
LOGO_TYPES = {"image/png", "image/jpeg"}


@dataclass(frozen=True)
class Branding:
    """A consultant's branding, checked: colour is a hex colour, logo a ``data:`` URL."""

    consultant: str | None = None
    colour: str = DEFAULT_COLOUR
    logo: str | None = None
    confidentiality: str | None = None

    def __post_init__(self) -> None:
        # Colour goes into CSS, which autoescape does not protect: only #rrggbb passes.
        if not _COLOUR.match(self.colour or ""):
            object.__setattr__(self, "colour", DEFAULT_COLOUR)
        if self.logo is not None and not _LOGO.match(self.logo):
            object.__setattr__(self, "logo", None)

    @classmethod
    def from_image(
        cls,
        *,
        logo: bytes | None = None,
        logo_mime: str | None = None,
        colour: str | None = None,
        consultant: str | None = None,
        confidentiality: str | None = None,
    ) -> Branding:
        """From stored parts (``store`` keeps the logo as bytes and a MIME type)."""
        data_url = None
        if logo and logo_mime in LOGO_TYPES:
            data_url = f"data:{logo_mime};base64,{base64.b64encode(logo).decode('ascii')}"
        return cls(
            consultant=consultant or None,
            colour=colour or DEFAULT_COLOUR,
            logo=data_url,
            confidentiality=confidentiality or None,
        )
