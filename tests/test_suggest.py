"""Did-you-mean for broken links: as good as comparing with every page, at a bounded cost per link."""

from __future__ import annotations

import os
import random
import subprocess
import sys

import pytest

from eduforge.site.suggest import MAX_CANDIDATES, MAX_POSTING, SuggestionIndex
from helpers import SiteBuilder, problems


@pytest.fixture
def lessons(site: SiteBuilder) -> SiteBuilder:
    site.page("tutorials/git/instalasi-git.md", "---\ntitle: Instalasi Git\n---\n")
    site.page("tutorials/git/perintah-dasar.md", "---\ntitle: Perintah Dasar\n---\n")
    site.page("references/http.md", "---\ntitle: HTTP\n---\n## Status\n")
    return site


@pytest.mark.parametrize(
    ("link", "meant"),
    [
        ("/pusat-belajar/how-to/instalasi-git/", "/pusat-belajar/tutorials/git/instalasi-git/"),  # moved
        ("/pusat-belajar/tutorials/instalasi-git/", "/pusat-belajar/tutorials/git/instalasi-git/"),  # folder left out
        (
            "/pusat-belajar/tutorials/git/instalsi-git/",
            "/pusat-belajar/tutorials/git/instalasi-git/",
        ),  # letter left out
        ("/pusat-belajar/tutorials/git/instalasii-git/", "/pusat-belajar/tutorials/git/instalasi-git/"),  # one too many
        ("/pusat-belajar/tutorials/git/perintah-dasra/", "/pusat-belajar/tutorials/git/perintah-dasar/"),  # swapped
        ("/pusat-belajar/tutorials/git/perintah-besar/", "/pusat-belajar/tutorials/git/perintah-dasar/"),  # two letters
        ("/pusat-belajar/Tutorials/Git/Instalasi-Git/", "/pusat-belajar/tutorials/git/instalasi-git/"),  # case
        ("/pusat-belajar/tutorials/Git/instalsi-Git/", "/pusat-belajar/tutorials/git/instalasi-git/"),  # case and typo
        ("/pusat-belajar/references/http/#status", "/pusat-belajar/references/http/#status"),  # kept fragment
    ],
)
def test_the_page_meant_is_suggested(lessons: SiteBuilder, link: str, meant: str) -> None:
    lessons.page("index.md", f"---\ntitle: Home\n---\n\n[x]({link.replace('/http/', '/htp/')})\n")
    written = link.replace("/http/", "/htp/")
    assert problems(lessons.root, "lint", "--no-cache") == [
        (
            "docs/index.md",
            5,
            5,
            "error",
            "link-target",
            f'link "{written}" is not a page of the site; did you mean "{meant}"?',
        )
    ]


@pytest.mark.parametrize("link", ["/pusat-belajar/cuaca/", "/pusat-belajar/tutorials/git/zzz/", "/pusat-belajar/de/"])
def test_nothing_alike_gets_no_suggestion(lessons: SiteBuilder, link: str) -> None:
    lessons.page("index.md", f"---\ntitle: Home\n---\n\n[x]({link})\n")
    assert problems(lessons.root, "lint", "--no-cache") == [
        ("docs/index.md", 5, 5, "error", "link-target", f'link "{link}" is not a page of the site')
    ]


def _site_urls(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    words = ["membuat", "memahami", "server", "kode", "data", "jaringan", "paket", "modul", "tabel", "indeks"]
    urls: set[str] = set()
    while len(urls) < count:
        folder = f"{rng.choice(['tutorials', 'how-to', 'references'])}/{rng.choice(words)}"
        urls.add(f"/b/{folder}/{rng.choice(words)}-{rng.choice(words)}-{rng.randrange(1000)}")
    return sorted(urls)


class CountingIndex(SuggestionIndex):
    """Counts the candidates scored: the work a query does."""

    scored = 0

    def _ratio(self, wanted: str, number: int, cutoff: float = 0.0) -> float:
        CountingIndex.scored += 1
        return super()._ratio(wanted, number, cutoff)


def test_every_suggestion_is_a_real_page_and_typos_find_their_page() -> None:
    urls = _site_urls(3000, seed=5)
    index = SuggestionIndex(urls, "/b")
    rng = random.Random(9)
    right = 0
    for _ in range(500):
        url = rng.choice(urls)
        folder, last = url.rsplit("/", 1)
        spot = rng.randrange(len(last))
        typo = f"{folder}/{last[:spot]}{last[spot + 1 :]}"
        found = index.best(typo)
        assert found is None or found in urls
        right += found == url
        assert index.best(f"/b/elsewhere/{last}") == url or last in {u.rsplit("/", 1)[1] for u in urls if u != url}
    assert right >= 490


def test_the_work_per_link_does_not_grow_with_the_site() -> None:
    per_query = []
    for count in (1_000, 10_000):
        urls = _site_urls(count, seed=1)
        index = CountingIndex(urls, "/b")
        rng = random.Random(2)
        queries = [rng.choice(urls)[:-1] + "q" for _ in range(200)] + [f"/b/x/{rng.random()}" for _ in range(100)]
        CountingIndex.scored = 0
        for query in queries:
            index.best(query)
        per_query.append(CountingIndex.scored / len(queries))
    bound = MAX_POSTING + 2 * MAX_CANDIDATES
    assert max(per_query) <= bound


_SUGGESTIONS = """
import random, sys
from eduforge.site.suggest import SuggestionIndex
rng = random.Random(3)
words = ["kode", "kodi", "kade", "koda", "kide", "kote", "node", "mode", "code", "lode", "rode", "kods", "kodx"]
urls = sorted({f"/b/{rng.choice(words)}/{rng.choice(words)}{rng.randrange(40)}" for _ in range(4000)})
index = SuggestionIndex(urls, "/b")
for _ in range(300):
    print(index.best(f"/b/{rng.choice(words)}/{rng.choice(words)}{rng.randrange(40, 60)}"))
"""


def test_a_suggestion_does_not_depend_on_the_hash_seed() -> None:
    """Set order changes with PYTHONHASHSEED: the candidates, cut at MAX_CANDIDATES, must not."""
    runs = {
        subprocess.run(
            [sys.executable, "-c", _SUGGESTIONS],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(6)
    }
    assert len(runs) == 1


def test_a_link_with_an_anchor_is_pointed_at_the_page_alike_that_has_that_anchor(site: SiteBuilder) -> None:
    """Of the pages alike, the one with the link's anchor (or one close to it) wins: a did-you-mean whose
    anchor is missing on its page would be one more broken link.  No page has it: the page alone."""
    site.page("agents/overview.md", "---\ntitle: Agents\n---\n## Run: the_method\n")
    site.page("guides/overview.md", "---\ntitle: Guides\n---\n## Other\n")
    site.page(
        "guides/x/page.md",
        "---\ntitle: Page\n---\n[m](../overview#run-themethod) [n](../overview#nothing-like-it)\n",
    )
    assert [row[5] for row in problems(site.root, "links", "--no-cache")] == [
        'link "../overview#run-themethod" is not a page of the site;'
        ' did you mean "/pusat-belajar/agents/overview/#run-the_method"?',
        'link "../overview#nothing-like-it" is not a page of the site; did you mean "/pusat-belajar/guides/overview/"?',
    ]
