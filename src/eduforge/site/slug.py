"""Slugs as Astro and Starlight make them (github-slugger)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_KEPT_PUNCTUATION = frozenset("-_ ")


@lru_cache(maxsize=65536)
def github_slug(text: str) -> str:
    """github-slugger's ``slug()``: lowercase, drop punctuation and symbols, spaces to ``-``.

    Letters, marks and numbers of any script survive (``Pengenalan Git`` →
    ``pengenalan-git``, ``Über uns`` → ``über-uns``); other characters,
    including control characters and non-breaking spaces, are removed.
    """
    kept = [char for char in text.lower() if char in _KEPT_PUNCTUATION or unicodedata.category(char)[0] in "LNM"]
    return "".join(kept).replace(" ", "-")


class Slugger:
    """github-slugger's ``Slugger``: repeated slugs get ``-1``, ``-2``… as heading ids do."""

    def __init__(self) -> None:
        self._occurrences: dict[str, int] = {}

    def slug(self, text: str) -> str:
        original = github_slug(text)
        result = original
        while result in self._occurrences:
            self._occurrences[original] += 1
            result = f"{original}-{self._occurrences[original]}"
        self._occurrences[result] = 0
        return result


def content_slug(source_id: str) -> str:
    """The slug Astro's glob loader gives a file id (path without extension).

    Each segment is slugged; a trailing ``/index`` is dropped; the root
    ``index`` becomes the empty slug (Starlight serves it at the base).
    """
    slug = "/".join(github_slug(segment) for segment in source_id.split("/"))
    if slug.endswith("/index"):
        slug = slug[: -len("/index")]
    return "" if slug == "index" else slug
