"""`eduforge validate`: the schema of each page, and messages at the offending node."""

from __future__ import annotations

import json

import pytest

from eduforge.api import schema_problems
from helpers import SiteBuilder, problems, run


def _messages(frontmatter: str) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.message) for p in schema_problems(frontmatter)]


@pytest.mark.parametrize(
    ("frontmatter", "expected"),
    [
        (
            "description: x",
            [(1, 1, 'the frontmatter is missing the required key "title"; every Starlight page needs a title')],
        ),
        (
            "title: A\ntemplate: docs",
            [(3, 11, 'template must be one of "doc", "splash"; got the text "docs"; did you mean "doc"?')],
        ),
        (
            "title: A\nprev: 3",
            [(3, 7, "prev must be one of: true or false; a label string; an object {link, label}; got the number 3")],
        ),
        ("title: A\nprev:\n  link: /x\n  lable: X", [(5, 3, 'unknown key "lable" in prev; did you mean "label"?')]),
        (
            "title: A\nlastUpdated: '2024-09-30'",
            [
                (
                    3,
                    14,
                    'lastUpdated must be one of: an unquoted YAML date such as 2024-09-30; true or false; got the text "2024-09-30"; remove the quotes so YAML reads it as a date',
                )
            ],
        ),
        (
            "title: A\nsidebar:\n  order: '2'",
            [
                (
                    4,
                    10,
                    'sidebar.order must be a number, not the text "2"; remove the quotes so YAML reads it as a number',
                )
            ],
        ),
        (
            "title: A\ntableOfContents:\n  minHeadingLevel: 4\n  maxHeadingLevel: 3",
            [(5, 20, "tableOfContents.minHeadingLevel must not be greater than maxHeadingLevel")],
        ),
        (
            "title: A\nhero:\n  actions:\n    - text: Go\n      link: /x\n      variant: loud",
            [(7, 16, 'hero.actions[0].variant must be one of "primary", "secondary", "minimal"; got the text "loud"')],
        ),
    ],
    ids=[
        "missing-title",
        "enum",
        "union",
        "strict-object",
        "quoted-date",
        "quoted-number",
        "toc-min-max",
        "hero-variant",
    ],
)
def test_schema_messages_at_the_node(frontmatter: str, expected: list[tuple[int, int, str]]) -> None:
    assert _messages(frontmatter) == expected


def test_every_error_is_reported_not_only_the_first() -> None:
    assert [line for line, _, _ in _messages("title: 3\ndraft: yes\ntemplate: x\npagefind: 1")] == [2, 3, 4, 5]


def test_custom_schema_with_refs_globs_and_page_schema(site: SiteBuilder) -> None:
    site.write(
        "schemas/lesson.json",
        json.dumps(
            {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "type": "object",
                "required": ["title", "level"],
                "properties": {
                    "title": {"type": "string"},
                    "level": {"$ref": "defs.json#/$defs/level"},
                    "draft": {"type": "boolean"},
                },
            }
        ),
    )
    site.write(
        "schemas/defs.json",
        json.dumps(
            {"$defs": {"level": {"enum": ["pemula", "menengah"], "x-message": "level must be pemula or menengah"}}}
        ),
    )
    site.write(
        "schemas/strict.json",
        json.dumps({"type": "object", "properties": {"title": {"type": "string", "minLength": 5}}}),
    )
    site.write(
        "eduforge.toml",
        'content = "docs"\nbase = "/pusat-belajar"\n[[schemas]]\nglob = "tutorials/**"\nschema = "schemas/lesson.json"\n',
    )
    site.page("tutorials/git/a.md", "---\ntitle: A\nlevel: mahir\n---\n")
    site.page("tutorials/b.md", "---\ntitle: B\n---\n")
    site.page("other.md", "---\ntitle: Other\ndraft: yes\n---\n")
    site.page("own.md", "---\n$schema: ../schemas/strict.json\ntitle: Abc\n---\n")
    assert problems(site.root, "validate") == [
        (
            "docs/other.md",
            3,
            8,
            "error",
            "schema",
            'draft must be true or false, not the text "yes"; write true (unquoted: YAML 1.2 reads yes as text)',
        ),
        ("docs/own.md", 3, 8, "error", "schema", "title: 'Abc' is too short"),
        ("docs/tutorials/b.md", 1, 1, "error", "schema", 'the frontmatter is missing the required key "level"'),
        ("docs/tutorials/git/a.md", 3, 8, "error", "schema", "level must be pemula or menengah"),
    ]


def test_unknown_keys_warn_with_did_you_mean(site: SiteBuilder) -> None:
    site.page("a.md", "---\ntitle: A\ndraf: true\nsidbar:\n  order: 1\n---\n")
    assert problems(site.root, "validate") == [
        (
            "docs/a.md",
            3,
            1,
            "warning",
            "unknown-key",
            'unknown key "draf": Starlight ignores it; did you mean "draft"?',
        ),
        (
            "docs/a.md",
            4,
            1,
            "warning",
            "unknown-key",
            'unknown key "sidbar": Starlight ignores it; did you mean "sidebar"?',
        ),
    ]


def test_no_did_you_mean_that_would_break_the_page(site: SiteBuilder) -> None:
    """``date: 2024-01-15`` renamed to ``draft`` fails the schema (a boolean) and ``subtitle`` renamed to
    ``title`` duplicates a key: no hint for either, and no fix; a rename the schema takes keeps its hint."""
    site.page("a.md", "---\ntitle: A\nsubtitle: B\ndate: 2024-01-15\ndescripton: C\n---\n")
    assert [(p[1], p[5]) for p in problems(site.root, "validate")] == [
        (3, 'unknown key "subtitle": Starlight ignores it; remove it or check its spelling'),
        (4, 'unknown key "date": Starlight ignores it; remove it or check its spelling'),
        (5, 'unknown key "descripton": Starlight ignores it; did you mean "description"?'),
    ]
    result = run(site.root, "lint", "--fix", "--unsafe-fixes", "--no-cache")
    assert result.exit_code in (0, 1), result.output
    assert (
        site.root / "docs/a.md"
    ).read_text() == "---\ntitle: A\nsubtitle: B\ndate: 2024-01-15\ndescription: C\n---\n"


def test_a_missing_page_schema_is_a_problem_and_a_missing_configured_schema_is_exit_2(site: SiteBuilder) -> None:
    site.page("a.md", "---\n$schema: ./nope.json\ntitle: A\n---\n")
    found = problems(site.root, "validate")
    assert [(p[1], p[2], p[4]) for p in found] == [(2, 1, "schema")]
    assert "cannot read schema" in found[0][5]
    site.write("eduforge.toml", 'content = "docs"\nschema = "missing.json"\n')
    from helpers import run

    result = run(site.root, "validate")
    assert result.exit_code == 2
    assert result.output.startswith("eduforge: schema: no such file ")
