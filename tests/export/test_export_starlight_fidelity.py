"""The export draws what Starlight draws: FileTree's empty folders, right-to-left UI strings."""

from __future__ import annotations

import re

import pytest

from eduforge.export.data import strings_for
from eduforge.export.markdown import MarkdownRenderer


@pytest.fixture(scope="module")
def renderer() -> MarkdownRenderer:
    return MarkdownRenderer(strings_for("en"))


def without_svg(html: str) -> str:
    return re.sub(r"<svg[^>]*>.*?</svg>", "<svg/>", html)


def test_a_folder_written_with_a_slash_is_an_empty_folder_as_starlight_draws_it(renderer: MarkdownRenderer) -> None:
    body = "<FileTree>\n- src/\n  - pages/ the routes\n- `public/`\n</FileTree>\n"
    folder = '<span><span class="sr-only">Directory</span><svg/></span>'
    empty = '<ul><li class="file empty"><span class="tree-entry"><span>…</span></span></li></ul>'
    assert without_svg(renderer.render(body, mdx=True).html) == (
        '<div class="file-tree">\n<ul>\n'
        f'<li class="directory">\n<details open><summary><span class="tree-entry"><span>{folder}src/</span></span>'
        "</summary><ul>\n"
        f'<li class="directory">\n<details><summary><span class="tree-entry"><span>{folder}pages/</span>'
        f' <span class="comment">the routes</span></span></summary>{empty}</details></li>\n'
        "</ul>\n</details></li>\n"
        f'<li class="directory">\n<details><summary><span class="tree-entry"><span>{folder}<code>public/</code></span>'
        f"</span></summary>{empty}</details></li>\n"
        "</ul>\n</div>\n"
    )
