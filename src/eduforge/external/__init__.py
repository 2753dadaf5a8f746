"""Checking external (http/https) URLs: fast, polite, cached and safe.

The pipeline, one module per stage::

    collect (UrlUse) ─► urls.normalize (dedupe key) ─► settings.exclude ─► cache
        ─► guard (resolve, refuse private addresses) ─► scheduler (global + per-host caps)
        ─► fetch (HEAD/GET, redirects, retries) over transport (pinned addresses)
        ─► Outcome per URL ─► one Problem per use

``check_urls`` is the entry point; ``settings_from_table`` reads the
``[external]`` table of ``eduforge.toml``.
"""

from __future__ import annotations

from typing import Any

from eduforge.external.model import BROKEN_RULE, UNVERIFIED_RULE, ExternalReport, UrlUse
from eduforge.external.settings import ExternalSettings, settings_from_table


def __getattr__(name: str) -> Any:
    """``check_urls`` (and with it requests) is imported on first use: offline runs never pay for it."""
    if name == "check_urls":
        from eduforge.external.check import check_urls

        return check_urls
    raise AttributeError(name)


__all__ = [
    "BROKEN_RULE",
    "UNVERIFIED_RULE",
    "ExternalReport",
    "ExternalSettings",
    "UrlUse",
    "check_urls",
    "settings_from_table",
]
