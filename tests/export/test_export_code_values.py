"""``<Code code={…}>`` shows its code when the value is known without running anything: a template literal
without ``${…}`` (cooked as JavaScript cooks it) or a name bound by Vite's ``?raw`` import (the file's text,
read only inside the project); everything else stays a placeholder with a notice."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest
from exporthelpers import export

from eduforge.export.data import strings_for
from eduforge.export.markdown import MarkdownRenderer, Rendered
from eduforge.export.rawcode import MAX_RAW_BYTES, PageFile, ec_code
from helpers import SiteBuilder

IMPORT = "import { Code } from '@astrojs/starlight/components';\n"


@pytest.fixture(scope="module")
def renderer() -> MarkdownRenderer:
    return MarkdownRenderer(strings_for("en"))


def code_bodies(html: str) -> list[str]:
    return [part.split("</code>", 1)[0] for part in html.split("<code>")[1:]]


def placeholder(source: str) -> str:
    shown = source.replace('"', "&quot;")
    return f'<figure class="code code-missing"><pre class="highlight"><code>{{{shown}}}</code></pre></figure>\n'


def render_page(renderer: MarkdownRenderer, root: Path, body: str) -> Rendered:
    page = root / "src/content/docs/guide/page.mdx"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(body, encoding="utf-8")
    return renderer.render(body, mdx=True, file=PageFile(page, root))


# --- template literals -------------------------------------------------------------------------


def test_a_template_literal_is_cooked_as_javascript_cooks_it(renderer: MarkdownRenderer) -> None:
    body = '<Code lang="txt" code={`\nprice: \\${cost} \\`quoted\\` \\\\ tab\\there\\u0021\\x41   \r\nlast\\\nline\n`} />\n'
    rendered = renderer.render(body, mdx=True)
    # the blank first and last lines and the spaces ending a line go, as Expressive Code drops them
    assert code_bodies(rendered.html) == ["price: ${cost} `quoted` \\ tab\there!A\nlastline"]
    assert rendered.warnings == []


def test_an_expression_that_only_looks_like_a_string_is_a_placeholder(renderer: MarkdownRenderer) -> None:
    body = (
        '<Code code={"a" + "b"} />\n\n<Code code={`a` + `b`} />\n\n<Code code={`${name}`} />\n\n<Code code={`\\1`} />\n'
    )
    rendered = renderer.render(body, mdx=True)
    assert rendered.html == (
        placeholder('"a" + "b"') + placeholder("`a` + `b`") + placeholder("`${name}`") + placeholder("`\\1`")
    )
    assert rendered.warnings == [
        f"<Code code={{{source}}}>: the code comes from an expression; it is shown as a placeholder"
        for source in ('"a" + "b"', "`a` + `b`", "`${name}`", "`\\1`")
    ]


def test_expressive_code_trims_what_it_is_given() -> None:
    assert ec_code("\n \n  a  \r\n\tb\u00a0\ufeff\n\n") == "  a\n\tb"
    assert ec_code("   \n\n") == ""


# --- export const ------------------------------------------------------------------------------


def test_an_exported_constant_shows_its_value(renderer: MarkdownRenderer) -> None:
    body = (
        IMPORT + "export const single = 'tab\\there \\u0041';\n"
        'export const first = "one", second = `two \\`quoted\\` \\${not}`;\n'
        "export const typed: string = 'typed';\n\n"
        "<Code code={single} />\n\n<Code code={first} />\n\n<Code code={second} />\n\n"
        '<Code code={typed} lang="txt" title="typed.txt" />\n'
    )
    rendered = renderer.render(body, mdx=True)
    assert code_bodies(rendered.html) == ["tab\there A", "one", "two `quoted` ${not}", "typed"]
    assert '<figcaption class="code-title"><span>typed.txt</span></figcaption>' in rendered.html
    assert rendered.warnings == []


def test_an_exported_constant_shows_on_a_page_without_imports(renderer: MarkdownRenderer) -> None:
    # astro-auto-import gives pages <Code> with no import line: the constant is still the page's own
    body = "export const sample = 'auto';\n\n<Code code={sample} />\n"
    rendered = renderer.render(body, mdx=True)
    assert code_bodies(rendered.html) == ["auto"]
    assert rendered.warnings == []


def test_the_other_props_may_name_an_exported_string(renderer: MarkdownRenderer) -> None:
    body = (
        IMPORT + "export const sample = `let a = 1;\nlet b = 2;`;\n"
        "export const fileName = 'example.js';\nexport const language = 'js';\nexport const second = '2';\n\n"
        "<Code code={sample} lang={language} title={fileName} mark={second} />\n"
    )
    written = IMPORT + '\n<Code code={`let a = 1;\nlet b = 2;`} lang="js" title="example.js" mark="2" />\n'
    rendered = renderer.render(body, mdx=True)
    assert '<figcaption class="code-title"><span>example.js</span></figcaption>' in rendered.html
    assert 'data-lang="js"' in rendered.html
    assert rendered.html == renderer.render(written, mdx=True).html
    assert rendered.warnings == []


def test_a_marker_prop_may_name_an_exported_array_of_strings(renderer: MarkdownRenderer) -> None:
    esm = "export const sample = `open the file from the CMS`;\nexport const highlights = ['file', `CMS`];\n"
    body = IMPORT + esm + "\n<Code code={sample} mark={highlights} />\n"
    written = IMPORT + "\n<Code code={`open the file from the CMS`} mark={['file', `CMS`]} />\n"
    rendered = renderer.render(body, mdx=True)
    assert code_bodies(rendered.html) == ["open the <mark>file</mark> from the <mark>CMS</mark>"]
    assert rendered.html == renderer.render(written, mdx=True).html
    assert rendered.warnings == []


def test_an_exported_template_over_several_lines_is_code_not_text(renderer: MarkdownRenderer) -> None:
    # @mdx-js/mdx reads the ESM to the next blank line: the template's lines are no paragraph
    body = IMPORT + "export const sample = `\nfirst\n  second\n`;\nexport const other = 'x';\n\n"
    rendered = renderer.render(body + "<Code code={sample} />\n\nAfter.\n", mdx=True)
    written = renderer.render(IMPORT + "\n<Code code={`\nfirst\n  second\n`} />\n\nAfter.\n", mdx=True)
    assert code_bodies(rendered.html) == ["first\n  second"]
    assert rendered.html == written.html
    assert rendered.html.endswith("</figure>\n<p>After.</p>\n")
    assert rendered.warnings == []


def test_an_exported_template_with_a_blank_line_is_one_statement(renderer: MarkdownRenderer) -> None:
    # MDX reads on past the blank line while the template is open, and so does eduforge
    body = IMPORT + "export const sample = `\nfirst\n\n# second\n`;\n\n<Code code={sample} />\n\nAfter.\n"
    rendered = renderer.render(body, mdx=True)
    assert code_bodies(rendered.html) == ["first\n\n# second"]
    assert rendered.html.endswith("</figure>\n<p>After.</p>\n")
    assert rendered.warnings == []


def test_an_exported_name_without_one_known_value_stays_a_placeholder(renderer: MarkdownRenderer) -> None:
    exports = (
        "export let mutable = 'a';\n"
        "export var old = 'b';\n"
        "export const made = `${old}`;\n"
        "export const sum = 'a' + 'b';\n"
        "export const octal = '\\1';\n"
        "export const later = 'first';\n"
        "export const counted = 'c';\n"
        "export function change() { later = 'second'; counted++; const inner = 'd'; }\n"
        "export const props = 'hidden by the props MDX passes';\n"
    )
    names = ("mutable", "old", "made", "sum", "octal", "later", "counted", "inner", "props")
    body = IMPORT + exports + "\n" + "".join(f"<Code code={{{name}}} />\n\n" for name in names)
    rendered = renderer.render(body, mdx=True)
    assert rendered.html == "".join(placeholder(name) for name in names)
    assert rendered.warnings == [
        f"<Code code={{{name}}}>: the code comes from an expression; it is shown as a placeholder" for name in names
    ]


@pytest.mark.parametrize(
    "esm",
    ["export const answer = `const answer = 42;`;\n", "import answer from '../snippets/answer.js?raw';\n"],
    ids=["exported-constant", "raw-import"],
)
def test_the_exports_show_a_known_code_value(site: SiteBuilder, esm: str) -> None:
    site.write("snippets/answer.js", "const answer = 42;\n")
    site.page("a.mdx", "---\ntitle: A\n---\n\n" + IMPORT + esm + '\n<Code code={answer} lang="txt" />\n')
    html_export = export(site.root, "--format", "html", "-o", "out")
    assert html_export.exit_code == 0, html_export.output
    assert "placeholder" not in html_export.stderr
    page = (site.root / "out/a/index.html").read_text(encoding="utf-8")
    assert code_bodies(page.split("<main", 1)[1]) == ["const answer = 42;"]
    json_export = export(site.root, "--format", "json", "-o", "-")
    assert json_export.exit_code == 0, json_export.output
    html = json.loads(json_export.stdout)["lessons"][0]["html"]
    assert html == '<pre><code class="language-txt">const answer = 42;</code></pre>\n'


def test_the_json_export_reads_exported_strings_in_code_props(site: SiteBuilder) -> None:
    esm = "export const answer = 'x = 42';\nexport const language = 'py';\n"
    site.page("a.mdx", "---\ntitle: A\n---\n\n" + IMPORT + esm + "\n<Code code={answer} lang={language} />\n")
    json_export = export(site.root, "--format", "json", "-o", "-")
    assert json_export.exit_code == 0, json_export.output
    html = json.loads(json_export.stdout)["lessons"][0]["html"]
    assert html == '<pre><code class="language-py">x = 42</code></pre>\n'


# --- ?raw imports ------------------------------------------------------------------------------


def test_a_raw_import_shows_the_file(renderer: MarkdownRenderer, tmp_path: Path) -> None:
    (tmp_path / "src/snippets").mkdir(parents=True)
    (tmp_path / "src/snippets/hello.txt").write_bytes(b"\nhello \xff world  \r\nbye\n")
    (tmp_path / "config.txt").write_text("from the root\n", encoding="utf-8")
    rendered = render_page(
        renderer,
        tmp_path,
        IMPORT + "import hello from '../../../snippets/hello.txt?raw';\n"
        "import config from '/config.txt?raw';\n"
        "import { default as again } from './../../../snippets/hello.txt?import&raw';\n\n"
        '<Code code={hello} lang="txt" title="hello.txt" />\n\n<Code code={config} />\n\n<Code code={again} />\n',
    )
    assert code_bodies(rendered.html) == ["hello \ufffd world\nbye", "from the root", "hello \ufffd world\nbye"]
    assert '<figcaption class="code-title"><span>hello.txt</span></figcaption>' in rendered.html
    assert rendered.warnings == []


def test_a_raw_import_through_a_tsconfig_alias_shows_the_file(renderer: MarkdownRenderer, tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "src/snippets").mkdir(parents=True)
    (root / "src/snippets/a.js").write_text("let a = 1;\n", encoding="utf-8")
    (tmp_path / "b.js").write_text("secret\n", encoding="utf-8")
    (root / "tsconfig.json").write_text(
        '{"compilerOptions": {"paths": {"~/*": ["./src/*"], "@up/*": ["../*"]}}}', encoding="utf-8"
    )
    body = IMPORT + "import a from '~/snippets/a.js?raw';\nimport b from '@up/b.js?raw';\n\n"
    rendered = render_page(renderer, root, body + "<Code code={a} />\n\n<Code code={b} />\n")
    assert code_bodies(rendered.html) == ["let a = 1;", "{b}"]
    assert rendered.warnings == [
        f"<Code code={{b}}>: the file ..{os.sep}b.js (imported with ?raw) is outside the project "
        "(eduforge reads no file there); it is shown as a placeholder"
    ]


def test_a_raw_import_that_cannot_be_read_stays_a_placeholder(renderer: MarkdownRenderer, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("secret\n", encoding="utf-8")
    root = tmp_path / "site"
    (root / "src/snippets/folder.txt").mkdir(parents=True)
    os.symlink(outside, root / "src/snippets/link.txt")
    (root / "src/snippets/big.txt").write_bytes(b"x" * (MAX_RAW_BYTES + 1))
    os.mkfifo(root / "src/snippets/pipe.txt")  # opening it would wait for a writer forever
    names = {
        "gone": "../../../snippets/gone.txt?raw",
        "link": "../../../snippets/link.txt?raw",
        "above": "../../../../../outside.txt?raw",
        "folder": "../../../snippets/folder.txt?raw",
        "big": "../../../snippets/big.txt?raw",
        "pipe": "../../../snippets/pipe.txt?raw",
        "aliased": "~/snippets/a.txt?raw",
        "plain": "../../../snippets/link.txt",
    }
    imports = "".join(f"import {name} from '{module}';\n" for name, module in names.items())
    uses = "".join(f"<Code code={{{name}}} />\n\n" for name in names)
    rendered = render_page(renderer, root, IMPORT + imports + "\n" + uses)
    assert rendered.html == "".join(placeholder(name) for name in names)
    assert "secret" not in rendered.html
    shown = f"src{os.sep}snippets{os.sep}"
    assert rendered.warnings == [
        f"<Code code={{gone}}>: the file {shown}gone.txt (imported with ?raw) does not exist; "
        "it is shown as a placeholder",
        f"<Code code={{link}}>: the file {shown}link.txt (imported with ?raw) links to a file outside the project "
        "(eduforge reads no file there); it is shown as a placeholder",
        f"<Code code={{above}}>: the file ..{os.sep}outside.txt (imported with ?raw) is outside the project "
        "(eduforge reads no file there); it is shown as a placeholder",
        f"<Code code={{folder}}>: the file {shown}folder.txt (imported with ?raw) is not a regular file; "
        "it is shown as a placeholder",
        f"<Code code={{big}}>: the file {shown}big.txt (imported with ?raw) is larger than 1,000,000 bytes; "
        "it is shown as a placeholder",
        f"<Code code={{pipe}}>: the file {shown}pipe.txt (imported with ?raw) is not a regular file; "
        "it is shown as a placeholder",
        "<Code code={aliased}>: '~/snippets/a.txt?raw' is neither a relative path ('./', '../'), a path from "
        "the project root ('/') nor a tsconfig paths alias, what eduforge reads (import the file by one of them to "
        "show it); "
        "it is shown as a placeholder",
        "<Code code={plain}>: the code comes from an expression; it is shown as a placeholder",
    ]


def test_a_page_without_raw_imports_reads_no_import(renderer: MarkdownRenderer, tmp_path: Path) -> None:
    body = textwrap.dedent(
        """\
        import data from './data.json';

        <Code code={data} />
        """
    )
    rendered = render_page(renderer, tmp_path, body)
    assert rendered.html == placeholder("data")
