"""Did-you-mean for links to pages that do not exist, at a cost independent of the site's size.

Comparing a broken link with every URL of the site (``difflib`` over all of them)
costs O(pages) per link: on 2,000 pages with one broken link each, that was most
of the run.  The index finds a few candidates by what authors get wrong, then
scores only those:

* a page **moved** to another folder keeps its last segment: pages by last segment;
* a **typo** in the page's name (a letter left out, added, changed or two swapped)
  is within one deletion of the real name on each side: names by every one-letter
  deletion (symmetric-delete, as spell checkers do), in length buckets built on
  first use (a typo of an n-letter name only needs the n and n+1 buckets);
* anything else that looks alike shares **trigrams** of the last segment: pages by
  trigram, skipping trigrams so common that they tell nothing (and would cost
  O(pages) to walk).

Everything is compared in lowercase, so case differences cost nothing.  The
candidates are scored as before (``difflib`` ratio of the path after the base at
least 0.7, and of the last segments at least 0.6), except that a page with the
very same last segment is found wherever it moved.  Each query touches at most
a bounded number of postings, so its cost does not grow with the site.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

MAX_POSTING = 64
"""A trigram or name shared by more pages than this is too common to point anywhere."""
MAX_CANDIDATES = 12
"""Candidates scored with difflib per query and tier."""
MAX_TYPO_NAME = 255
"""Longest name looked up by one-letter deletions (a file name's limit): an n-letter name has n
deletions of n - 1 letters, so a 100,000-letter link cost 10^10 letters; longer names are left to
the moved and trigram tiers."""
CUTOFF = 0.7
LAST_CUTOFF = 0.6


def _append(index: dict[Any, list[int]], key: Any, value: int) -> None:
    found = index.get(key)
    if found is None:
        index[key] = [value]
    else:
        found.append(value)


def _last(rest: str) -> str:
    return rest.rstrip("/").rsplit("/", 1)[-1]


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))} if len(word) > 1 else set()


def _trigrams(word: str) -> set[str]:
    padded = f"^{word}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class SuggestionIndex:
    """The pages' URLs (``url_key`` form, with the base), indexed for :meth:`best`.

    Names (last segments) are indexed once each, however many folders hold them;
    the trigram index is built only when a link is no one-letter typo.
    """

    def __init__(self, urls: Iterable[str], base: str) -> None:
        self.size = len(base)
        self.urls = sorted(urls)
        self.rests = [url[self.size :].lower() for url in self.urls]
        self.by_last: dict[str, list[int]] = {}
        for number, rest in enumerate(self.rests):
            _append(self.by_last, _last(rest), number)
        self.names = list(self.by_last)
        self.name_ids = {name: name_id for name_id, name in enumerate(self.names)}
        self.by_length: dict[int, list[int]] = {}
        for name_id, name in enumerate(self.names):
            _append(self.by_length, len(name), name_id)
        self._deletions: dict[int, dict[str, list[int]]] = {}
        self._by_trigram: dict[str, list[int]] | None = None

    def deletions_of_length(self, length: int) -> dict[str, list[int]]:
        """Names of ``length`` letters by each of their one-letter deletions (a length bucket, built on first use)."""
        bucket = self._deletions.get(length)
        if bucket is None:
            bucket = self._deletions[length] = {}
            for name_id in self.by_length.get(length, []) if length <= MAX_TYPO_NAME + 1 else []:
                for variant in _deletions(self.names[name_id]):
                    _append(bucket, variant, name_id)
        return bucket

    @property
    def by_trigram(self) -> dict[str, list[int]]:
        if self._by_trigram is None:
            self._by_trigram = {}
            for name_id, name in enumerate(self.names):
                for trigram in _trigrams(name):
                    _append(self._by_trigram, trigram, name_id)
        return self._by_trigram

    def _pages(self, name_ids: Iterable[int]) -> list[int]:
        """The pages (URL numbers) of some names, at most :data:`MAX_CANDIDATES`."""
        found: list[int] = []
        for name_id in name_ids:
            found.extend(self.by_last[self.names[name_id]][:MAX_CANDIDATES])
            if len(found) >= MAX_CANDIDATES:
                break
        return found[:MAX_CANDIDATES]

    def best(self, key: str, accept: Callable[[str], bool] | None = None) -> str | None:
        """The URL (as indexed) a link to ``key`` most likely meant, or None when nothing is close; with
        ``accept``, only among the URLs it accepts (a page with the link's anchor)."""
        wanted = key[self.size :].lower()
        last = _last(wanted)
        moved = [n for n in self.by_last.get(last, [])[:MAX_POSTING] if accept is None or accept(self.urls[n])]
        if moved and len(last) >= 3:
            return self.urls[max(moved, key=lambda n: (self._ratio(wanted, n), -n))]
        for tier in (self._one_edit(last), self._alike(last)):
            scored = [
                (ratio, -number)
                for number in tier
                if (accept is None or accept(self.urls[number]))
                and (ratio := self._ratio(wanted, number, CUTOFF)) >= CUTOFF
                and difflib.SequenceMatcher(None, last, _last(self.rests[number])).ratio() >= LAST_CUTOFF
            ]
            if scored:
                return self.urls[-max(scored)[1]]
        return None

    def _ratio(self, wanted: str, number: int, cutoff: float = 0.0) -> float:
        matcher = difflib.SequenceMatcher(None, wanted, self.rests[number])
        if cutoff and (matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff):
            return 0.0  # upper bounds: the exact ratio cannot reach the cutoff
        return matcher.ratio()

    def _one_edit(self, last: str) -> list[int]:
        """Pages whose name is one letter away (left out, added, changed, or two swapped)."""
        if len(last) > MAX_TYPO_NAME:
            return []
        names: dict[int, None] = dict.fromkeys(self.deletions_of_length(len(last) + 1).get(last, [])[:MAX_POSTING])
        same_length = self.deletions_of_length(len(last))  # a letter changed, or two swapped
        for variant in sorted(_deletions(last)):  # in a fixed order: the candidates are cut at MAX_CANDIDATES
            names.update(dict.fromkeys(same_length.get(variant, [])[:MAX_POSTING]))
            if variant in self.name_ids:  # the link has a letter too many
                names[self.name_ids[variant]] = None
        return self._pages(names)

    def _alike(self, last: str) -> list[int]:
        """Pages whose name shares the most uncommon trigrams with ``last``."""
        found: Counter[int] = Counter()
        for trigram in sorted(_trigrams(last)):  # in a fixed order: most_common breaks ties by it
            posting = self.by_trigram.get(trigram, [])
            if len(posting) <= MAX_POSTING:
                found.update(posting)
        return self._pages(name_id for name_id, _ in found.most_common(MAX_CANDIDATES))
