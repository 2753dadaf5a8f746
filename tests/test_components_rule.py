"""Rule component-unknown (info): MDX pages that use a component they never import, or import one
Starlight does not have; the site's own imported components and code never count."""

from __future__ import annotations

import json

from helpers import SiteBuilder, problems, run

IMPORTS = "import { Steps, Card } from '@astrojs/starlight/components';\nimport Quiz from '../components/Quiz.astro';"


def found(site: SiteBuilder, *args: str) -> list[tuple[str, int, int, str, str, str]]:
    return [p for p in problems(site.root, "lint", "--no-cache", *args) if p[4] == "component-unknown"]


def test_a_component_used_without_an_import(site: SiteBuilder) -> None:
    site.page(
        "a.mdx",
        f'---\ntitle: A\n---\n\n{IMPORTS}\n\n<Steps>\n\n1. One\n\n</Steps>\n\n<Quiz />\n\n  <Tabs>\n  <TabItem label="x">y</TabItem>\n  </Tabs>\n',
    )
    assert found(site) == [
        (
            "docs/a.mdx",
            16,
            3,
            "info",
            "component-unknown",
            "<Tabs> is used but never imported: astro build fails on this page (Expected component Tabs to be "
            "defined); add import { Tabs } from '@astrojs/starlight/components'; after the frontmatter",
        ),
        (
            "docs/a.mdx",
            17,
            3,
            "info",
            "component-unknown",
            "<TabItem> is used but never imported: astro build fails on this page (Expected component TabItem to be "
            "defined); add import { TabItem } from '@astrojs/starlight/components'; after the frontmatter",
        ),
    ]


def test_a_sites_own_component_without_import_is_named_as_such(site: SiteBuilder) -> None:
    site.page("a.mdx", '---\ntitle: A\n---\n\nText <YouTube id="x" /> and <Fragment>ok</Fragment>.\n')
    assert [(p[1], p[2], p[5]) for p in found(site)] == [
        (
            5,
            6,
            "<YouTube> is used but never imported: astro build fails on this page (Expected component YouTube to be "
            "defined); import it (import YouTube from '…/YouTube.astro';) or remove the tag",
        )
    ]


def test_an_import_starlight_does_not_have(site: SiteBuilder) -> None:
    site.page(
        "a.mdx",
        "---\ntitle: A\n---\n\nimport {\n  Asides,\n  Card as Box,\n} from '@astrojs/starlight/components';\n\n<Asides>x</Asides> <Box title=\"t\">y</Box>\n",
    )
    assert [(p[1], p[2], p[5]) for p in found(site)] == [
        (
            6,
            3,
            '"Asides" is not a component of @astrojs/starlight/components (it has Aside, Badge, Card, CardGrid, Code, '
            'FileTree, Icon, LinkButton, LinkCard, Steps, TabItem, Tabs): astro build fails on this import; did you mean "Aside"?',
        )
    ]


def test_code_comments_escapes_expressions_and_definitions_are_not_uses(site: SiteBuilder) -> None:
    site.page(
        "a.mdx",
        """\
        ---
        title: A
        ---

        import * as Icons from '../icons.ts';
        import Default, { Named } from '../x.tsx';
        export const Note = (props) => <div>{props.children}</div>;
        export function Tip() { return null }

        ```mdx
        <Steps>in a fence</Steps>
        ```

        Inline `<Card />` code, ``a `<Aside>` b``, an escaped \\<KEY_NAME\\>, and {/* <Badge /> */} a comment.

        <Default code={`<Tabs>`} title="<Card>" /> <Named /> <Note>n</Note> <Tip /> <Icons.Star />

        {cond && <Banner />}
        """,
    )
    assert [(p[1], p[5][:20]) for p in found(site)] == []


def test_a_code_span_closes_only_on_as_many_backticks(site: SiteBuilder) -> None:
    """A run of one backtick is closed by a run of exactly one: in `` `Provider`` `` neither run has a
    closer, both are text, and the code spans after them stay code (a translated page had a stray
    backtick, and every later `` `read<T>()` `` was taken for a tag)."""
    site.page(
        "a.mdx",
        "---\ntitle: A\n---\n\nWrap it in `Provider``, then:\n\nCall `read<T>()` or `of<T>(context)`.\n\n"
        "Then `watch<T>()`.\n",
    )
    assert found(site) == []


def test_a_code_span_ends_with_its_paragraph(site: SiteBuilder) -> None:
    """A backtick with no closer before the blank line is text: the tag in the next paragraph is a use."""
    site.page("a.mdx", "---\ntitle: A\n---\n\nA lone ` backtick.\n\nNext <Tabs>x</Tabs> and `code`.\n")
    assert [(p[1], p[2], p[5]) for p in found(site)] == [
        (
            7,
            6,
            "<Tabs> is used but never imported: astro build fails on this page (Expected component Tabs to be "
            "defined); add import { Tabs } from '@astrojs/starlight/components'; after the frontmatter",
        )
    ]


def test_a_tag_in_a_link_reference_definition_is_a_comment_not_a_use(site: SiteBuilder) -> None:
    """``[//]: # (<Gallery />)`` is the usual Markdown comment: MDX reads a definition's title as a plain
    string. The same line continuing a paragraph is text, and its tag a use."""
    site.page(
        "a.mdx",
        "---\ntitle: A\n---\n\nIntro.\n\n[//]: # (<Gallery items={[one, two]} />)\n"
        "[note]: <https://example.com/> '<Chart />'\n\n[x]: /y \"<Badge />\"\n\n"
        "Some text\n[//]: # (<Banner />)\n",
    )
    assert [(p[1], p[2], p[5][:20]) for p in found(site)] == [(13, 10, "<Banner> is used but")]


def test_plain_markdown_and_auto_import_are_left_alone(site: SiteBuilder) -> None:
    site.page("a.md", "---\ntitle: A\n---\n\n<Steps>\n\n1. x\n\n</Steps>\n")
    assert found(site) == []
    site.page("b.mdx", "---\ntitle: B\n---\n\n<Steps>\n\n1. x\n\n</Steps>\n")
    assert len(found(site)) == 1
    site.write("eduforge.toml", 'content = "docs"\nbase = "/pusat-belajar"\n[rules]\ncomponent-unknown = "error"\n')
    result = run(site.root, "lint", "--no-cache")
    assert result.exit_code == 1 and "docs/b.mdx:5:1: error component-unknown <Steps> is used" in result.output


def test_info_never_fails_a_run_and_reports_as_notice_and_note(site: SiteBuilder) -> None:
    site.page("b.mdx", "---\ntitle: B\n---\n\n<Steps>\n\n1. x\n\n</Steps>\n")
    text = run(site.root, "lint", "--no-cache", "--strict")
    assert text.exit_code == 0
    assert text.output.endswith("0 errors, 0 warnings, 1 info in 1 file\n")
    github = run(site.root, "lint", "--no-cache", "--format", "github")
    assert github.output.startswith("::notice file=docs/b.mdx,line=5,col=1,title=component-unknown::<Steps> is used")
    sarif = json.loads(run(site.root, "lint", "--no-cache", "--format", "sarif").output)
    assert [r["level"] for r in sarif["runs"][0]["results"]] == ["note"]
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert [r["defaultConfiguration"]["level"] for r in rules if r["id"] == "component-unknown"] == ["note"]


def test_unbalanced_mdx_stays_fast(site: SiteBuilder) -> None:
    import time

    site.page("a.mdx", "---\ntitle: A\n---\n\n" + "<Card {\n" * 4000 + "\\<Foo\\>`" * 3000 + "\n")
    started = time.process_time()
    assert [p[5][:6] for p in found(site)] == ["<Card>"]
    assert time.process_time() - started < 5
