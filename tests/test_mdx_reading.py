"""MDX read as MDX for the link checks: no indented code, fences at any indentation, JSX element lines."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from eduforge.rules.components import bindings
from eduforge.site.markdown import analyze_body, esm_lines, esm_may_start, mdx_dedent
from helpers import SiteBuilder, problems, run


def test_markdown_indented_inside_components_is_markdown_not_code() -> None:
    body = (
        "<Steps>\n"
        "\n"
        "1. Run:\n"
        "\n"
        "    ```sh\n"
        '    <a href="/about/">x</a>\n'
        "    ```\n"
        "\n"
        "    ## Inside a step\n"
        "\n"
        "    See [y](/y/) é [z](/z/)\n"
        "\n"
        "</Steps>\n"
    )
    facts = analyze_body(body, 1, mdx=True)
    assert [(h.id, h.line) for h in facts.headings] == [("inside-a-step", 9)]
    assert [(link.target, link.line, link.column) for link in facts.links] == [("/y/", 11, 13), ("/z/", 11, 24)]


def test_a_fence_opened_deeper_than_it_closes_ends_where_mdx_ends_it() -> None:
    body = "<TabItem>\n  \t```astro\n  code\n    ```\n</TabItem>\n\n### `locals`\n"
    facts = analyze_body(body, 1, mdx=True)
    assert [h.id for h in facts.headings] == ["locals"]


def test_an_element_line_with_text_does_not_swallow_the_fence_after_it() -> None:
    body = '<details>\n<summary>Show me the code</summary>\n```astro\n<a href="/about/">About</a>\n```\n</details>\n'
    facts = analyze_body(body, 1, mdx=True)
    assert facts.links == []


def test_plain_markdown_keeps_indented_code() -> None:
    facts = analyze_body("Text\n\n    [not a link](/x/)\n", 1, mdx=False)
    assert facts.links == []


def test_heading_ids_from_remark_heading_id_only_when_configured(tmp_path: Path) -> None:
    builder = SiteBuilder(tmp_path)
    builder.write("src/content/docs/index.md", "---\ntitle: A\n---\n## Code repositories {#repo}\n\n[r](#repo)\n")
    builder.write("astro.config.mjs", "export default { integrations: [] };\n")
    assert [p[4] for p in problems(tmp_path, "links")] == ["link-anchor"]
    builder.write(
        "astro.config.mjs",
        "import { remarkHeadingId } from 'remark-custom-heading-id';\n"
        "export default { markdown: { remarkPlugins: [remarkHeadingId] } };\n",
    )
    assert problems(tmp_path, "links", "--no-cache") == []


@pytest.mark.parametrize(
    "processor",
    [
        "import { unified } from '@astrojs/markdown-remark';\n"
        "import { remarkHeadingId } from 'remark-custom-heading-id';\n"
        "export default { markdown: { processor: unified({ remarkPlugins: [remarkHeadingId] }) } };\n",
        "import { satteri } from '@astrojs/markdown-satteri';\n"
        "export default { markdown: { processor: satteri({ features: { headingAttributes: true } }) } };\n",
    ],
    ids=["unified", "satteri"],
)
def test_heading_ids_from_astro_7_markdown_processors(tmp_path: Path, processor: str) -> None:
    builder = SiteBuilder(tmp_path)
    builder.write("src/content/docs/index.md", "---\ntitle: A\n---\n## Code repositories {#repo}\n\n[r](#repo)\n")
    builder.write("astro.config.mjs", "export default {};\n")
    assert [p[4] for p in problems(tmp_path, "links")] == ["link-anchor"]
    builder.write("astro.config.mjs", processor)
    assert problems(tmp_path, "links", "--no-cache") == []


def test_a_sites_own_markdown_plugin_is_named_in_the_source_file_message(tmp_path: Path) -> None:
    builder = SiteBuilder(tmp_path)
    builder.write("src/content/docs/index.md", "---\ntitle: A\n---\n[b](./b.md#top)\n")
    builder.write("src/content/docs/b.md", "---\ntitle: B\n---\n## Top\n")
    builder.write(
        "plugins/links.ts",
        "import { defineMdastPlugin } from 'satteri';\nexport const links = defineMdastPlugin({});\n",
    )
    builder.write(
        "astro.config.mjs",
        "import { satteri } from '@astrojs/markdown-satteri';\nimport { links } from './plugins/links.ts';\n"
        "export default { markdown: { processor: satteri({ mdastPlugins: [links] }) } };\n",
    )
    assert [p[5] for p in problems(tmp_path, "links")] == [
        'link "./b.md#top" links to the source file, which is not served (if the site\'s own Markdown plugin'
        ' ./plugins/links.ts rewrites such links, set source_links = true); did you mean "/b/#top"?'
    ]
    builder.write("eduforge.toml", "source_links = true\n")
    assert problems(tmp_path, "links", "--no-cache") == []


BASE_PLUGIN = "export function withBase(base) {\n  return () => (tree) => { tree.base = base; };\n}\n"
"""A Markdown plugin of the site's own, made with an argument (what it does is never run)."""


def _base_links_site(tmp_path: Path, call: str) -> SiteBuilder:
    builder = SiteBuilder(tmp_path)
    builder.write(
        "src/content/docs/index.md", "---\ntitle: A\nnext:\n  link: /b/\n---\n[b](/b/) [x](/x/) ![i](/i.png)\n"
    )
    builder.write("src/content/docs/b.md", "---\ntitle: B\n---\nB\n")
    builder.write("src/plugins/with-base.mjs", BASE_PLUGIN)
    builder.write(
        "astro.config.mjs",
        "import { withBase } from './src/plugins/with-base.mjs';\nconst BASE = '/course';\n"
        f"export default {{ base: BASE, markdown: {{ rehypePlugins: [{call}] }} }};\n",
    )
    return builder


def test_a_sites_own_plugin_made_with_the_base_adds_it_to_body_links(tmp_path: Path) -> None:
    """``rehypePlugins: [withBase(BASE)]``: the plugin puts the base before the body's root-relative
    links, so ``/b/`` is ``/course/b/``; a frontmatter link and an image get no base from it."""
    builder = _base_links_site(tmp_path, "withBase(BASE)")
    assert [(p[1], p[2], p[4], p[5]) for p in problems(tmp_path, "links", "--no-cache")] == [
        (4, 9, "nav-target", 'next.link "/b/" is missing the site base "/course"; did you mean "/course/b/"?'),
        (6, 14, "link-target", 'link "/x/" is not a page of the site'),
        (6, 24, "link-target", 'image "/i.png" is not a page of the site (links must start with the base "/course")'),
    ]
    assert "base_links: true  [astro.config.mjs:3:57]" in run(tmp_path, "config").output
    builder.write("eduforge.toml", "base_links = false\n")
    assert [p[5] for p in problems(tmp_path, "links", "--no-cache") if p[4] == "link-target"] == [
        'link "/b/" is missing the site base "/course" (if the site\'s own Markdown plugin'
        ' ./src/plugins/with-base.mjs adds it, set base_links = true); did you mean "/course/b/"?',
        'link "/x/" is not a page of the site (links must start with the base "/course")',
        'image "/i.png" is not a page of the site (links must start with the base "/course")',
    ]


def test_a_sites_own_plugin_not_given_the_base_is_named_in_the_missing_base_message(tmp_path: Path) -> None:
    builder = _base_links_site(tmp_path, "withBase('/elsewhere')")
    assert [p[5] for p in problems(tmp_path, "links", "--no-cache") if p[4] == "link-target"] == [
        'link "/b/" is missing the site base "/course" (if the site\'s own Markdown plugin'
        ' ./src/plugins/with-base.mjs adds it, set base_links = true); did you mean "/course/b/"?',
        'link "/x/" is not a page of the site (links must start with the base "/course")',
        'image "/i.png" is not a page of the site (links must start with the base "/course")',
    ]
    builder.write("eduforge.toml", "base_links = true\n")
    assert [p[5] for p in problems(tmp_path, "links", "--no-cache") if p[4] == "link-target"] == [
        'link "/x/" is not a page of the site',
        'image "/i.png" is not a page of the site (links must start with the base "/course")',
    ]


def test_links_to_source_files_with_the_relative_links_plugin(tmp_path: Path) -> None:
    builder = SiteBuilder(tmp_path)
    builder.write("src/content/docs/index.md", "---\ntitle: A\n---\n[b](./b.md#top)\n")
    builder.write("src/content/docs/b.md", "---\ntitle: B\n---\n## Top\n")
    builder.write("astro.config.mjs", "export default {};\n")
    assert [p[4] for p in problems(tmp_path, "links")] == ["link-target"]
    builder.write(
        "astro.config.mjs",
        "import relative from 'astro-rehype-relative-markdown-links';\n"
        "export default { markdown: { rehypePlugins: [[relative, { collectionBase: false }]] } };\n",
    )
    assert problems(tmp_path, "links", "--no-cache") == []


def test_lines_that_start_like_text_are_read_as_lines_that_may_be_mdx_are() -> None:
    # each line starts with what the fast path of the MDX reading must not skip: a list marker before
    # a fence or an element, a wide space before a comment, an ESM statement; and with what it may
    body = (
        "Intro [a](/a/)\n"
        "\n"
        "1. ```sh\n"
        "   [not](/code/)\n"
        "   ```\n"
        "\n"
        '- <Icon name="x" /> [x](/x/)\n'
        "\n"
        "\u3000{/* c */} [y](/y/)\n"
        "\n"
        "export const q = 1\n"
        "\n"
        "imported [w](/w/)\n"
    )
    facts = analyze_body(body, 1, mdx=True)
    assert [(link.target, link.line, link.column) for link in facts.links] == [
        ("/a/", 1, 11),
        ("/x/", 7, 25),
        ("/y/", 9, 16),
        ("/w/", 13, 14),
    ]


def test_reading_a_body_leaves_the_cyclic_collector_as_it_found_it() -> None:
    body = "# Title\n\n[a](/a/)\n"
    assert gc.isenabled()
    assert [link.target for link in analyze_body(body, 1).links] == ["/a/"]
    assert gc.isenabled()
    gc.disable()
    try:
        assert [link.target for link in analyze_body(body, 1).links] == ["/a/"]
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_import_or_export_line_inside_a_paragraph_is_text_as_mdx_reads_it() -> None:
    # @mdx-js/mdx: "text\nimport …" and "> quote\nimport …" are one paragraph; after a heading, a
    # fence or a blank line the same line starts an ESM statement.
    body = (
        "You can\n"
        "import the [module](/module/) and\n"
        "export [data](/data/).\n"
        "\n"
        "> A quote\n"
        "import [q](/q/)\n"
        "\n"
        "## Heading\n"
        "import { A } from 'a';\n"
        "\n"
        "After.\n"
    )
    facts = analyze_body(body, 1, mdx=True)
    assert [(link.target, link.line, link.column) for link in facts.links] == [
        ("/module/", 2, 21),
        ("/data/", 3, 15),
        ("/q/", 6, 12),
    ]
    assert [h.id for h in facts.headings] == ["heading"]


def test_esm_may_start_only_where_no_paragraph_goes_on() -> None:
    assert esm_may_start(None)
    assert esm_may_start("")
    assert esm_may_start("   ")
    assert esm_may_start("## Title")
    assert esm_may_start("---")
    assert esm_may_start("</Steps>")
    assert esm_may_start("```", previous_fenced=True)
    assert not esm_may_start("Some text")
    assert not esm_may_start("> quote")
    assert not esm_may_start("- item")
    assert not esm_may_start("#hashtag")


def test_an_esm_statement_reads_on_past_a_blank_line_while_a_template_is_open() -> None:
    # @mdx-js/mdx: the export runs to the blank line after `;`, so its lines are no Markdown
    body = (
        "import {\n  Card,\n} from '@astrojs/starlight/components';\n"
        "export const sample = `\n# Not a heading\n\nsee https://example.com/x [a](/nope/)\n`;\n\n"
        "## Real\n\n[x](/y/)\n"
    )
    facts = analyze_body(body, 5, mdx=True)
    assert [heading.id for heading in facts.headings] == ["real"]
    assert [(link.target, link.line, link.column) for link in facts.links] == [("/y/", 16, 5)]
    assert esm_lines(body.split("\n"), mdx_dedent(body)[2]) == set(range(8))


def test_an_import_line_inside_a_tags_expression_is_no_esm() -> None:
    body = (
        "import { Code } from '@astrojs/starlight/components';\n\n"
        "<Example code={`\nimport { Code } from 'elsewhere';\nexport const shown = 'x';\n`} />\n\n"
        "export const real = 'y';\n"
    )
    _, _, fenced, constructs = mdx_dedent(body)
    assert esm_lines(body.split("\n"), fenced, constructs) == {0, 7}
    found, _ = bindings(body.split("\n"), fenced, 1, constructs)
    assert {name: binding.line for name, binding in found.items()} == {"Code": 1, "real": 8}
