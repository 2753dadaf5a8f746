"""Every reporter makes content harmless for terminals and CI logs, and SARIF is valid SARIF 2.1.0."""

from __future__ import annotations

import json
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest

from eduforge.report.escape import visible
from eduforge.report.sarif import path_uri
from helpers import TESTS, SiteBuilder, run

SARIF_SCHEMA = json.loads((TESTS / "data/sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
HOSTILE_KEY = '"\\e[2K\\rok\\n::error file=x::forged\\a": 1'
"""A YAML key with ESC, CR, newline, a forged workflow command and BEL (YAML escapes)."""
NAME = "100% a#b?c ü.md"


@pytest.fixture
def hostile(site: SiteBuilder) -> SiteBuilder:
    site.page(NAME, f"---\ntitle: A\n{HOSTILE_KEY}\n---\n")
    site.page("b.md", "---\ntitle: B\n---\n")
    return site


def lint(site: SiteBuilder, fmt: str) -> str:
    return run(site.root, "lint", "--no-cache", "--format", fmt).output


def test_visible_escapes_every_control_character() -> None:
    assert visible("a\x1b[31mb\r\n\tc\x07\x7f\x85\u202e\u2028\udcff") == (
        "a\\x1b[31mb\\r\\n\\tc\\x07\\x7f\\x85\\u202e\\u2028\\udcff"
    )
    assert visible("Pengenalan — ü, 日本") == "Pengenalan — ü, 日本"


def test_text_shows_control_characters_as_visible_escapes(hostile: SiteBuilder) -> None:
    assert lint(hostile, "text").splitlines() == [
        f'docs/{NAME}:3:1: warning unknown-key unknown key "\\x1b[2K\\rok\\n::error file=x::forged\\x07": '
        "Starlight ignores it; remove it or check its spelling",
        "0 errors, 1 warning in 2 files",
    ]


def test_github_escapes_as_the_runner_unescapes_and_shows_esc(hostile: SiteBuilder) -> None:
    assert lint(hostile, "github").splitlines() == [
        "::warning file=docs/100%25 a#b?c ü.md,line=3,col=1,title=unknown-key::"
        'unknown key "\\x1b[2K%0Dok%0A::error file=x::forged\\x07": Starlight ignores it; remove it or check its spelling',
        "eduforge: 0 errors, 1 warning in 2 files",
    ]


def test_github_properties_escape_colons_and_commas(site: SiteBuilder) -> None:
    site.page("a,b:c.md", "---\ntitle: A\ndraf: true\n---\n")
    first = lint(site, "github").splitlines()[0]
    assert first.startswith("::warning file=docs/a%2Cb%3Ac.md,line=3,col=1,title=unknown-key::unknown key")


def test_json_escapes_as_json_does(hostile: SiteBuilder) -> None:
    output = lint(hostile, "json")
    assert "\x1b" not in output and "\r" not in output and "\x07" not in output
    assert '"message": "unknown key \\"\\u001b[2K\\rok\\n::error file=x::forged\\u0007\\"' in output
    document = json.loads(output)
    assert document["problems"][0]["path"] == f"docs/{NAME}"
    assert document["summary"] == {"files": 2, "errors": 0, "warnings": 1}


def _sarif_errors(document: object) -> list[str]:
    validator = jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=jsonschema.FormatChecker())
    return [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(document)]


def test_sarif_validates_against_the_sarif_2_1_0_schema_and_its_uris_name_the_file(hostile: SiteBuilder) -> None:
    hostile.page("c.md", "---\ntitle: C\ndraft: yes\n---\n\n[x](/nowhere/)\n")
    document = json.loads(lint(hostile, "sarif"))
    assert _sarif_errors(document) == []
    results = document["runs"][0]["results"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    assert uris == ["docs/100%25%20a%23b%3Fc%20%C3%BC.md", "docs/c.md", "docs/c.md"]
    for uri in uris:
        parts = urlsplit(uri)
        assert not parts.scheme and not parts.query and not parts.fragment
        assert (hostile.root / unquote(parts.path)).is_file()
    assert results[0]["message"]["text"] == (
        'unknown key "\\x1b[2K\\rok\\n::error file=x::forged\\x07": Starlight ignores it; remove it or check its spelling'
    )
    base = document["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base == hostile.root.resolve().as_uri() + "/"


def test_sarif_of_a_clean_run_validates(site: SiteBuilder) -> None:
    site.page("a.md", "---\ntitle: A\n---\n")
    assert _sarif_errors(json.loads(lint(site, "sarif"))) == []


def test_sarif_uris_percent_encode_every_reserved_byte() -> None:
    assert path_uri("docs/a b.md") == "docs/a%20b.md"
    assert path_uri("docs/50%.md") == "docs/50%25.md"
    assert path_uri("a:b/c.md") == "a%3Ab/c.md"  # never read as a scheme
    assert path_uri("docs/\udcff.md") == "docs/%FF.md"  # a file name that is not UTF-8: its own byte


@pytest.mark.parametrize(
    ("files", "summary"), [(1, "1 file checked, no problems"), (2, "2 files checked, no problems")]
)
def test_summaries_count_in_the_singular_and_plural(site: SiteBuilder, files: int, summary: str) -> None:
    for number in range(files):
        site.page(f"p{number}.md", f"---\ntitle: P{number}\n---\n")
    assert lint(site, "text").splitlines() == [summary]


def test_github_summary_says_1_error_and_1_file(site: SiteBuilder) -> None:
    site.page("a.md", "---\ntitle: A\ndraft: yes\n---\n")
    assert lint(site, "github").splitlines()[-1] == "eduforge: 1 error, 0 warnings in 1 file"


def test_export_warnings_show_control_characters_as_escapes(site: SiteBuilder) -> None:
    site.page("a.md", '---\ntitle: A\nslug: "x\\e[2K/y"\n---\n')
    result = run(site.root, "export", "--format", "html", "-o", "out")
    assert "\x1b" not in result.stderr
    assert (
        'docs/a.md:3:7: error slug slug "x\\x1b[2K/y" contains the control character U+001B; remove it\n'
        in result.stderr
    )
