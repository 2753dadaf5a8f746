"""eduforge reads every page of ``tests/data/markdown_cases/`` as Astro does.

The verdicts (heading ids with their lines, explicit ids, link and image destinations at
the line and column where they are written, the ids remark-rehype gives footnotes, the lines of
code blocks) were computed once by
Astro's own pipeline: ``@astrojs/markdown-remark`` 7.3 for Markdown (remark-parse, remark-gfm,
remark-smartypants, github-slugger) and ``@mdx-js/mdx`` 3.1 with the same plugins for MDX
(``tests/differential/markdown/verdicts.mjs``).  No node is needed to run this test.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import pytest

from eduforge.site.markdown import analyze_body, code_lines

DATA = Path(__file__).parent / "data"
CASES = DATA / "markdown_cases"
VERDICTS = json.loads((DATA / "markdown_verdicts.json").read_text(encoding="utf-8"))["cases"]
_KINDS = {"link": "link", "bare": "link", "image": "image", "html": "html", "component": "html"}


def _read(name: str) -> str:
    return (CASES / name).read_bytes().decode("utf-8")


def test_every_case_has_a_verdict() -> None:
    assert sorted(VERDICTS) == sorted(path.name for path in CASES.iterdir())


@pytest.mark.parametrize("name", sorted(VERDICTS))
def test_headings_ids_links_and_code_agree_with_astro(name: str) -> None:
    text, verdict = _read(name), VERDICTS[name]
    mdx = name.endswith(".mdx")
    facts = analyze_body(text, 1, mdx=mdx)
    assert [[h.level, h.id, h.line] for h in facts.headings] == verdict["headings"]
    links = sorted([_KINDS[link.kind], link.target, link.line, link.column] for link in facts.links)
    assert links == sorted(verdict["links"])
    footnotes = [unquote(found) for found in verdict["footnotes"]]  # fragments are looked up decoded
    assert sorted(facts.ids - {h.id for h in facts.headings}) == sorted(verdict["ids"] + footnotes)
    assert code_lines(text, 1, mdx=mdx) == verdict["code"]
