from eduforge.site.frontmatter import LoadIssue, split_and_parse
from eduforge.site.markdown import analyze_body
from eduforge.suppress import Suppressions, find_suppressions
from helpers import SiteBuilder, problems


def _directives(text: str, mdx: bool = False) -> tuple[Suppressions, list[LoadIssue]]:
    frontmatter = split_and_parse(text)
    facts = analyze_body(frontmatter.body, frontmatter.body_line, mdx=mdx)
    return find_suppressions(text, frontmatter, facts.comments)


def test_directives_are_parsed_from_real_comments() -> None:
    text = (
        "---\ntitle: A # eduforge-disable-file nav-chain\n---\n"
        "a\n<!-- eduforge-disable-next-line link-target, link-anchor -->\nb\nc <!-- eduforge-disable-line -->\n"
    )
    assert _directives(text) == (
        {0: frozenset({"nav-chain"}), 6: frozenset({"link-target", "link-anchor"}), 7: None},
        [],
    )


def test_mdx_comments_count_one_line_multi_line_and_inline() -> None:
    text = (
        "---\ntitle: A\n---\n"
        "{/* eduforge-disable-next-line link-target */}\n[a](/a/)\n"
        "{/*\n  eduforge-disable-next-line link-anchor\n*/}\n[b](/b/)\n"
        "x {/* eduforge-disable-line */} [c](/c/)\n"
    )
    assert _directives(text, mdx=True) == ({5: frozenset({"link-target"}), 8: frozenset({"link-anchor"}), 10: None}, [])


def test_directives_in_code_silence_nothing() -> None:
    text = (
        "---\ntitle: A\ndescription: |\n  # eduforge-disable-file\nnote: 'a # eduforge-disable-file'\n---\n"
        "```md\n<!-- eduforge-disable-file -->\n```\n\n"
        "Show `<!-- eduforge-disable-file -->` in text.\n\n"
        "    <!-- eduforge-disable-file -->\n"
    )
    assert _directives(text) == ({}, [])
    mdx = "---\ntitle: A\n---\n<Steps>\n    ```mdx\n    {/* eduforge-disable-file */}\n    ```\n</Steps>\n"
    assert _directives(mdx, mdx=True) == ({}, [])


def test_an_unknown_rule_id_is_a_warning_at_the_id_and_silences_nothing() -> None:
    text = "---\ntitle: A\n---\n<!-- eduforge-disable-next-line link-targte, link-anchor -->\n\r\n"
    assert _directives(text) == (
        {5: frozenset({"link-anchor"})},
        [
            LoadIssue(
                4,
                33,
                "suppression",
                'eduforge-disable-next-line names the rule "link-targte", which eduforge does not have, '
                'so it silences nothing; did you mean "link-target"?',
            )
        ],
    )
    only_unknown = "---\ntitle: A\n---\n{/* eduforge-disable-file nav-chian */}\n"
    suppressions, issues = _directives(only_unknown, mdx=True)
    assert suppressions == {}
    assert [(issue.line, issue.column, issue.rule) for issue in issues] == [(4, 27, "suppression")]


def test_suppressed_problems_are_not_reported(site: SiteBuilder) -> None:
    site.page(
        "a.md",
        """
        ---
        title: A
        # eduforge-disable-next-line unknown-key
        draf: true
        colour: red
        ---
        <!-- eduforge-disable-next-line link-target -->
        [x](/pusat-belajar/nope/) [y](/pusat-belajar/a/#nope)
        [z](/pusat-belajar/gone/) <!-- eduforge-disable-line -->
        [w](/pusat-belajar/still-reported/)
        """,
    )
    assert [(p[1], p[4]) for p in problems(site.root, "lint")] == [
        (5, "unknown-key"),
        (8, "link-anchor"),
        (10, "link-target"),
    ]


def test_an_unknown_rule_id_is_reported_by_lint(site: SiteBuilder) -> None:
    site.page(
        "a.md", "---\ntitle: A\n---\n<!-- eduforge-disable-next-line link-tagret -->\n[x](/pusat-belajar/nope/)\n"
    )
    found = [(p[1], p[2], p[3], p[4]) for p in problems(site.root, "lint")]
    assert found == [(4, 33, "warning", "suppression"), (5, 5, "error", "link-target")]
