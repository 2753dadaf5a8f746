"""The export never writes outside OUT, never publishes a secret, never emits a URL that runs code,
never deletes someone's folder, and stays linear on hostile MDX."""

from __future__ import annotations

import json
import re
import time

import jsonschema
import pytest
from exporthelpers import SCHEMA, export

from eduforge.report.escape import visible
from eduforge.rules.slugs import slug_problem
from eduforge.urlscheme import unsafe_scheme, url_scheme
from helpers import SiteBuilder, problems, run

# -- the URL scheme, decided as browsers do -------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "\x01javascript:alert(1)",
        " \x00\x1fjavascript:alert(1)",
        "java&#9;script:alert(1)",
        "&#x6A;avascript:alert(1)",
        "javascript&colon;alert(1)",
        "vbscript:msgbox(1)",
    ],
)
def test_urls_that_run_code_are_found_however_they_are_written(raw: str) -> None:
    assert unsafe_scheme(raw) in ("javascript", "vbscript")
    assert unsafe_scheme(raw, image=True) in ("javascript", "vbscript")


def test_data_urls_are_allowed_only_as_images() -> None:
    assert unsafe_scheme("data:text/html,<script>alert(1)</script>") == "data"
    assert unsafe_scheme("data:image/png;base64,AAAA") == "data"
    assert unsafe_scheme("data:image/png;base64,AAAA", image=True) is None
    assert unsafe_scheme("data:text/html,x", image=True) == "data"
    assert url_scheme("https://example.com/") == "https"
    assert url_scheme("java%73cript:x") is None  # browsers never decode %-escapes in a scheme
    assert unsafe_scheme("/pusat-belajar/javascript:x/") is None


# -- slugs --------------------------------------------------------------------------------------

SLUG_CASES = [
    ("../../../outside", 'has a ".." segment, which would leave the page\'s folder; remove the dot segments'),
    ("a/./b", 'has a "." segment, which would leave the page\'s folder; remove the dot segments'),
    ("/../../../../tmp/x", 'starts with "/": a slug is a path below the site base; remove the leading "/"'),
    ("/tmp/x", 'starts with "/": a slug is a path below the site base; remove the leading "/"'),
    ("a\\b", 'contains a backslash; URL paths separate folders with "/"'),
    ("a\x00b", "contains the control character U+0000; remove it"),
    (".eduforge-export", 'uses the name ".eduforge-export", which the HTML export writes itself; choose another slug'),
    ("print.html", 'uses the name "print.html", which the HTML export writes itself; choose another slug'),
    ("index.html", 'uses the name "index.html", which the HTML export writes itself; choose another slug'),
    ("_static/app.js", 'uses the name "_static", which the HTML export writes itself; choose another slug'),
    ("x" * 300, "has a segment of 300 bytes; file systems allow 255, shorten it"),
]


@pytest.mark.parametrize(("slug", "message"), SLUG_CASES)
def test_a_bad_slug_is_a_lint_error_at_its_value(site: SiteBuilder, slug: str, message: str) -> None:
    site.page("bad.md", f"---\ntitle: Bad\nslug: {json.dumps(slug)}\n---\n\nText.\n")
    assert problems(site.root, "lint", "--no-cache") == [
        ("docs/bad.md", 3, 7, "error", "slug", f'slug "{slug}" {message}')
    ]


def test_good_slugs_pass() -> None:
    for slug in ("", "tutorials/git", "über-uns", "a.b/c", "v1.2", "x" * 255):
        assert slug_problem(slug) is None, slug


@pytest.mark.parametrize(("slug", "message"), SLUG_CASES)
def test_the_html_export_leaves_a_bad_slug_out_and_writes_only_inside_out(
    site: SiteBuilder, slug: str, message: str
) -> None:
    site.page("index.md", "---\ntitle: Home\n---\n\nWelcome.\n")
    site.page("bad.md", f"---\ntitle: Bad\nslug: {json.dumps(slug)}\n---\n\nText.\n")
    result = export(site.root, "--format", "html", "-o", "out/site")
    assert result.exit_code == 0, result.stderr
    problem = slug_problem(slug.strip("/"))  # a leading "/" is dropped, as Starlight does: /tmp/x is served at tmp/x
    if problem is not None:
        assert f"docs/bad.md: warning: not exported: its slug {visible(problem)}\n" in result.stderr
    out = site.root / "out/site"
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and "_static" not in p.parts)
    assert written == [
        ".eduforge-export",
        "index.html",
        "print.html",
        *(["tmp/x/index.html"] if problem is None else []),
    ]
    assert sorted(p.name for p in site.root.iterdir()) == ["docs", "eduforge.toml", "out"]
    assert not (site.root.parent / "outside").exists() and not (site.root / "out/outside").exists()
    assert json.loads((out / ".eduforge-export").read_text()) == {
        "generator": "eduforge",
        "format": "html",
        "version": 1,
    }


# -- assets: only what the site serves ------------------------------------------------------------


def test_secrets_outside_the_served_folders_are_lint_errors_and_never_copied(site: SiteBuilder) -> None:
    site.write(".git/config", "[http] extraheader = AUTHORIZATION: basic c2VjcmV0\n")
    site.write(".env", "TOKEN=secret\n")
    site.write("notes/plan.png", "not served")
    site.write("docs/.hidden/x.png", "hidden")
    site.write("docs/img/ok.png", "ok")
    site.write("public/.well/y.png", "hidden in public")
    site.write("src/assets/logo.png", "logo")
    (site.root / "docs/link.png").symlink_to(site.root / ".env")
    site.page(
        "index.md",
        "---\ntitle: Home\n---\n\n"
        "![x](../.git/config)\n\n"
        '<img src="../.env">\n\n'
        "![p](../notes/plan.png)\n\n"
        "![h](./.hidden/x.png)\n\n"
        "![l](./link.png)\n\n"
        "![pub](/pusat-belajar/.well/y.png)\n\n"
        "![ok](./img/ok.png)\n\n"
        "![logo](../src/assets/logo.png)\n",
    )
    site.write("eduforge.toml", 'content = "docs"\nbase = "/pusat-belajar"\npublic = "public"\n')
    assert problems(site.root, "lint", "--no-cache") == [
        (
            "docs/index.md",
            5,
            6,
            "error",
            "link-asset",
            'image "../.git/config": .git/config is outside the content folder, src/assets and public/, '
            "so the site does not serve it; move the file into one of them",
        ),
        (
            "docs/index.md",
            7,
            11,
            "error",
            "link-asset",
            'image "../.env": .env is outside the content folder, src/assets and public/, '
            "so the site does not serve it; move the file into one of them",
        ),
        (
            "docs/index.md",
            9,
            6,
            "error",
            "link-asset",
            'image "../notes/plan.png": notes/plan.png is outside the content folder, src/assets and public/, '
            "so the site does not serve it; move the file into one of them",
        ),
        (
            "docs/index.md",
            11,
            6,
            "error",
            "link-asset",
            'image "./.hidden/x.png": docs/.hidden/x.png is a hidden file (a dot-file or inside a dot-folder); '
            "the site never publishes it",
        ),
        (
            "docs/index.md",
            13,
            6,
            "error",
            "link-asset",
            'image "./link.png": is a link to a file the site does not serve: .env is outside the content folder, '
            "src/assets and public/, so the site does not serve it; move the file into one of them",
        ),
        (
            "docs/index.md",
            15,
            8,
            "error",
            "link-asset",
            'image "/pusat-belajar/.well/y.png": public/.well/y.png is a hidden file (a dot-file or inside a '
            "dot-folder); the site never publishes it",
        ),
    ]
    assert export(site.root, "--format", "html", "-o", "out").exit_code == 0
    copied = sorted(p.relative_to(site.root / "out").as_posix() for p in (site.root / "out/assets").rglob("*"))
    assert [name for name in copied if (site.root / "out" / name).is_file()] == [
        "assets/docs/img/ok.png",
        "assets/src/assets/logo.png",
    ]
    published = b"".join(p.read_bytes() for p in (site.root / "out").rglob("*") if p.is_file())
    assert b"TOKEN=secret" not in published and b"c2VjcmV0" not in published and b"hidden in public" not in published


# -- no URL that runs code reaches an href or src -----------------------------------------------

HOSTILE_HOME = """---
title: Home
hero:
  actions:
    - text: Tab
      link: "java\\tscript:alert(1)"
    - text: Control
      link: "\\x01javascript:alert(2)"
    - text: Newline
      link: "java\\nscript:alert(3)"
next:
  link: "javascript:alert(4)"
  label: Next
---

Text.
"""

HOSTILE_MDX = """---
title: Cards
prev:
  link: " vbscript:msgbox(5)"
  label: Back
---

<LinkCard title="t" href="java&#9;script:alert(6)" />

<LinkButton href="&#x01;javascript:alert(7)">Go</LinkButton>

<a href=javascript:alert(8)>unquoted</a>

<a href="jav&#x09;ascript:alert(9)">quoted</a>

<img src="data:text/html,<b>10</b>">

[angle](<java\tscript:alert(11)>)
"""


def test_lint_flags_every_url_that_runs_code_as_unsafe(site: SiteBuilder) -> None:
    site.page("index.md", HOSTILE_HOME)
    site.page("cards.mdx", HOSTILE_MDX)
    found = [(p[0], p[1], p[4]) for p in problems(site.root, "lint", "--no-cache")]
    assert found == [
        ("docs/cards.mdx", 4, "link-unsafe"),
        ("docs/cards.mdx", 8, "component-unknown"),  # used without an import: astro build would fail too
        ("docs/cards.mdx", 8, "link-unsafe"),
        ("docs/cards.mdx", 10, "component-unknown"),
        ("docs/cards.mdx", 10, "link-unsafe"),
        ("docs/cards.mdx", 12, "link-unsafe"),
        ("docs/cards.mdx", 14, "link-unsafe"),
        ("docs/cards.mdx", 16, "link-unsafe"),
        ("docs/cards.mdx", 18, "link-unsafe"),
        ("docs/index.md", 6, "link-unsafe"),
        ("docs/index.md", 8, "link-unsafe"),
        ("docs/index.md", 10, "link-unsafe"),
        ("docs/index.md", 12, "link-unsafe"),
    ]


URL_ATTRIBUTE = re.compile(r"""\s(?:href|src|action|formaction|poster)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def test_the_html_export_emits_no_url_that_runs_code(site: SiteBuilder) -> None:
    site.page("index.md", HOSTILE_HOME)
    site.page("cards.mdx", HOSTILE_MDX)
    result = export(site.root, "--format", "html", "-o", "out")
    assert result.exit_code == 0
    assert (
        'docs/index.md: warning: the hero action link "java\\tscript:alert(1)" would run code; it is replaced by "#"\n'
        in result.stderr
    )
    assert (
        'docs/index.md: warning: the next link "javascript:alert(4)" would run code; it is replaced by "#"\n'
        in result.stderr
    )
    urls = [
        next(group for group in match.groups() if group is not None)
        for page in (site.root / "out").rglob("*.html")
        for match in URL_ATTRIBUTE.finditer(page.read_text())
    ]
    assert urls and not [url for url in urls if unsafe_scheme(url, image=True)]
    home = (site.root / "out/index.html").read_text()
    assert home.count('class="link-button primary" href="#"') == 3


# -- --force never deletes someone's folder -------------------------------------------------------


@pytest.mark.parametrize("out", [".git", "public", "src", "docs", ".", "eduforge.toml"])
def test_force_never_replaces_the_projects_folders(site: SiteBuilder, out: str) -> None:
    site.page("index.md", "---\ntitle: Home\n---\n\nText.\n")
    site.write(".git/HEAD", "ref: refs/heads/main\n")
    site.write("public/favicon.svg", "<svg/>")
    site.write("src/content.config.ts", "export const collections = {};\n")
    (site.root / ".git/.eduforge-export").write_text("{}")  # a forged marker changes nothing
    for fmt in ("html", "json"):
        result = export(site.root, "--format", fmt, "-o", out, "--force")
        assert result.exit_code == 2, (fmt, result.stderr)
        assert "choose a new folder" in result.stderr or "inside the content folder" in result.stderr
    assert (site.root / ".git/HEAD").read_text() == "ref: refs/heads/main\n"
    assert (site.root / "public/favicon.svg").is_file() and (site.root / "src/content.config.ts").is_file()
    assert (site.root / "eduforge.toml").read_text().startswith('content = "docs"')


def test_force_never_replaces_another_repository(site: SiteBuilder) -> None:
    site.page("index.md", "---\ntitle: Home\n---\n\nText.\n")
    site.write("gh-pages/.git/HEAD", "ref: refs/heads/gh-pages\n")
    site.write("gh-pages/.eduforge-export", "{}")
    result = export(site.root, "--format", "html", "-o", "gh-pages", "--force")
    assert result.exit_code == 2
    assert result.stderr == (
        "eduforge: -o gh-pages: the output would be written into a git repository's .git folder; choose a new folder\n"
    )
    assert (site.root / "gh-pages/.git/HEAD").is_file()


def test_help_says_what_force_never_does(site: SiteBuilder) -> None:
    text = " ".join(run(site.root, "export", "--help").output.split())
    assert (
        "Let the JSON export replace a file that is not an earlier export. A folder is only ever replaced when it is "
        "empty or an earlier eduforge export; a folder that holds .git, the project's config, content, public/ or "
        "src/ is never replaced, whatever the flags."
    ) in text


# -- the JSON export: untrusted HTML marked, a sanitized form offered; aliases bounded --------------------


def test_the_json_export_offers_sanitized_html(site: SiteBuilder) -> None:
    site.page(
        "index.md",
        "---\ntitle: Home\nhero:\n  tagline: '<b>Hi</b><img src=x onerror=alert(1)>'\n---\n\n"
        '<a href="javascript:alert(1)" class="c">x</a><script>alert(2)</script>\n',
    )
    result = export(site.root, "--format", "json", "-o", "-")
    document = json.loads(result.stdout)
    jsonschema.validate(document, json.loads(SCHEMA.read_text()))
    lesson = document["lessons"][0]
    assert "<script>" in lesson["html"]  # as authored: the schema marks it untrusted
    assert lesson["safe"] == {
        "html": '<p><a href="#" class="c" rel="noopener noreferrer">x</a></p>\n',
        "fields": {"hero.tagline": '<b>Hi</b><img src="x">'},
    }
    schema = json.loads(SCHEMA.read_text())["$defs"]["lesson"]["properties"]
    assert schema["html"]["x-eduforge-untrusted-html"] is True
    assert schema["frontmatter"]["x-eduforge-untrusted-html"] == [
        "hero.title",
        "hero.tagline",
        "hero.image.html",
        "banner.content",
    ]


def test_an_alias_repeated_90000_times_does_not_exhaust_memory(site: SiteBuilder) -> None:
    long = "x" * 200_000
    site.page("bomb.md", f'---\ntitle: Bomb\nlong: &x "{long}"\nmany: [{", ".join(["*x"] * 90_000)}]\n---\n\nHi.\n')
    started = time.process_time()  # CPU: what the machine is doing besides does not count
    result = export(site.root, "--format", "json", "-o", "c.json")
    assert result.exit_code == 0
    assert time.process_time() - started < 5
    assert (
        "docs/bomb.md: warning: the frontmatter is left out of the JSON export: its YAML aliases repeat values "
        "to more than 16 MB; write the values out once\n"
    ) in result.stderr
    document = json.loads((site.root / "c.json").read_text())
    assert document["lessons"][0]["frontmatter"] is None and document["lessons"][0]["title"] == "Bomb"


# -- unbalanced MDX stays linear ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "warning"),
    [
        ("<Card {\n" * 4000, None),
        ("<Foo>\n" * 5000, "<Foo> is never closed; the tag is left out and what follows is shown without it"),
        ("<Card>\n" * 5000, "<Card> is never closed; the tag is left out and what follows is shown without it"),
        ('<Card title="\n' * 5000, None),
        ("{/* x\n" * 20000, None),
        ("<Card title={`\n" * 5000, None),
    ],
)
def test_unbalanced_mdx_exports_quickly(site: SiteBuilder, body: str, warning: str | None) -> None:
    site.page("x.mdx", "---\ntitle: X\n---\n\n" + body)
    started = time.process_time()  # CPU: what the machine is doing besides does not count
    result = export(site.root, "--format", "html", "-o", "out")
    assert time.process_time() - started < 5
    assert result.exit_code == 0
    if warning:
        assert f"docs/x.mdx: warning: {warning}\n" in result.stderr
