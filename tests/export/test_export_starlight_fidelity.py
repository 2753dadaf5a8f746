"""The export draws what Starlight draws: FileTree's empty folders, right-to-left UI strings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from exporthelpers import export

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


HEBREW_URDU_CONFIG = """\
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
  integrations: [
    starlight({
      title: 'Hub',
      defaultLocale: 'root',
      locales: { root: { label: 'English', lang: 'en' }, he: { lang: 'he' }, ur: { lang: 'ur' } },
    }),
  ],
});
"""


def test_hebrew_and_urdu_pages_are_right_to_left_in_their_own_words(tmp_path: Path) -> None:
    pages = {
        "index.md": "---\ntitle: Home\n---\n\nHello.\n",
        "first.md": "---\ntitle: First\n---\n\nOne.\n",
        "he/index.md": "---\ntitle: בית\n---\n\nשלום.\n\n:::tip\nכדאי.\n:::\n",
        "he/first.md": "---\ntitle: ראשון\n---\n\nאחד.\n",
        "ur/index.md": "---\ntitle: سرورق\n---\n\nسلام۔\n",
    }
    for name, text in {
        "astro.config.mjs": HEBREW_URDU_CONFIG,
        **{f"src/content/docs/{k}": v for k, v in pages.items()},
    }.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    result = export(tmp_path, "--format", "html", "-o", "dist")
    assert result.exit_code == 0, result.output
    hebrew = (tmp_path / "dist/he/first/index.html").read_text(encoding="utf-8")
    assert '<html lang="he" dir="rtl" data-root="../../" data-locale="he">' in hebrew
    assert '<a class="skip" href="#content">מעבר לתוכן</a>' in hebrew
    assert '<span class="label">הקודם</span><span class="title">בית</span>' in hebrew
    assert '<ul class="language-list" aria-label="בחירת שפה">' in hebrew
    assert '<span class="language-current">עברית</span>' in hebrew
    assert 'hreflang="ur" lang="ur" dir="rtl">اردو</a>' in hebrew
    assert '<aside class="aside aside-tip" aria-label="טיפ">' in (tmp_path / "dist/he/index.html").read_text("utf-8")
    urdu = (tmp_path / "dist/ur/first/index.html").read_text(encoding="utf-8")  # served from English
    assert '<html lang="ur" dir="rtl" data-root="../../" data-locale="ur">' in urdu
    assert '<a class="skip" href="#content">مواد پر جائیں</a>' in urdu
    assert "اس صفحے کا ابھی ترجمہ نہیں ہوا؛ یہ طے شدہ زبان میں دکھایا جا رہا ہے۔" in urdu


def test_urdu_strings_use_urdu_letters() -> None:
    # Urdu's yeh, keheh and heh are not Arabic's (U+064A, U+0643, U+0647): searching and shaping differ
    text = "".join(strings_for("ur").values())
    assert not set(text) & {"\u064a", "\u0643", "\u0647"}
    assert {"\u06cc", "\u06a9", "\u06c1"} <= set(text)


# --- a component tag indented past the block it follows ------------------------------------------
# The trees @mdx-js/mdx 3.1 builds (printed by tests/differential/markdown/mdx-tree.mjs): in each case the component is a
# flow element of the list item or of the root, and the list inside it is a list, however deep the indentation.

ASIDE = '<aside class="aside aside-note" aria-label="Note"><p class="aside-title" aria-hidden="true"><svg/>Note</p>'
LIST = '<div class="aside-content">\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n</div></aside>\n'


def test_a_tag_indented_far_past_a_list_item_is_in_the_item(renderer: MarkdownRenderer) -> None:
    body = "- item text\n          <Aside>\n          - a\n          - b\n          </Aside>\n"
    assert without_svg(renderer.render(body, mdx=True).html) == f"<ul>\n<li>item text{ASIDE}{LIST}</li>\n</ul>\n"
    loose = "- item text\n\n          <Aside>\n          - a\n          - b\n          </Aside>\n"
    assert without_svg(renderer.render(loose, mdx=True).html) == (
        f"<ul>\n<li>\n<p>item text</p>\n{ASIDE}{LIST}</li>\n</ul>\n"
    )


def test_a_tag_indented_far_past_a_paragraph_follows_it(renderer: MarkdownRenderer) -> None:
    body = "Some paragraph\n        <Aside>\n        - a\n        - b\n        </Aside>\n"
    assert without_svg(renderer.render(body, mdx=True).html) == f"<p>Some paragraph</p>\n{ASIDE}{LIST}"
    nested = (
        "- item\n  - sub item\n              <Aside>\n              - a\n              - b\n              </Aside>\n"
    )
    assert without_svg(renderer.render(nested, mdx=True).html) == (
        f"<ul>\n<li>item\n<ul>\n<li>sub item{ASIDE}{LIST}</li>\n</ul>\n</li>\n</ul>\n"
    )


# --- a lowercase element indented past the block it follows --------------------------------------
# As for components: @mdx-js/mdx 3.1 makes <details> a flow element of the list item (or of the root) and
# the list inside it a list; CommonMark would read the tag and the lines after it as the paragraph's text.

DETAILS_LIST = "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"


def test_an_element_indented_far_past_a_list_item_is_in_the_item(renderer: MarkdownRenderer) -> None:
    body = "- item text\n          <details>\n          - a\n          - b\n          </details>\n"
    assert renderer.render(body, mdx=True).html == (
        f"<ul>\n<li>item text          <details>\n{DETAILS_LIST}          </details>\n</li>\n</ul>\n"
    )
    nested = "- item\n  - sub item\n              <details>\n              - a\n              - b\n              </details>\n"
    assert renderer.render(nested, mdx=True).html == (
        "<ul>\n<li>item\n<ul>\n<li>sub item              <details>\n"
        f"{DETAILS_LIST}              </details>\n</li>\n</ul>\n</li>\n</ul>\n"
    )


def test_an_element_indented_far_past_a_paragraph_follows_it(renderer: MarkdownRenderer) -> None:
    body = "Some paragraph\n        <details>\n        <summary>More</summary>\n        - a\n        - b\n        </details>\n"
    assert renderer.render(body, mdx=True).html == (
        f"<p>Some paragraph</p>\n        <details>\n<summary>More</summary>{DETAILS_LIST}        </details>\n"
    )
    inline = "- item text\n          <span>x</span>\n"  # an inline element stays in the paragraph, as in MDX
    assert renderer.render(inline, mdx=True).html == "<ul>\n<li>item text\n<span>x</span></li>\n</ul>\n"
