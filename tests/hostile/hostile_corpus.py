"""A seeded, deterministic generator of hostile Starlight sites.

Each hostile page belongs to a class of bad input (broken YAML of every kind, invisible
characters, odd scalars, deep nesting, alias bombs, huge link counts, regex bombs, special
files, symlink loops, names that are not UTF-8, binary and oversized files, hostile MDX…).
Light pages are batched several to a site (they cannot interfere: each has its own URL and
links nowhere else); heavy ones get a site of their own. Every site also holds a clean page
and a sentinel page whose problems are known exactly.

Every site also holds secrets the site never serves (``SECRETS``: ``.env``, ``.git/config``),
which no export may publish.

``sites(seed)`` returns plain data (``Site`` specs); ``write(spec, root)`` makes the files.
"""

from __future__ import annotations

import os
import random
import socket
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

CONFIG = 'content = "docs"\nbase = "/pusat-belajar"\n'
CLEAN = (
    "---\ntitle: Bersih\ndescription: Halaman tanpa masalah\n---\n\n## Bagian\n\n[sentinel](/pusat-belajar/sentinel/)\n"
)
SENTINEL = textwrap.dedent(
    """\
    ---
    title: Sentinel
    draft: yes
    draf: true
    ---
    [hilang](/pusat-belajar/tidak-ada/) and [bersih](/pusat-belajar/bersih/#tidak-ada)
    """
)
SENTINEL_PROBLEMS = {
    ("docs/sentinel.md", 3, 8, "error", "schema"),
    ("docs/sentinel.md", 4, 1, "warning", "unknown-key"),
    ("docs/sentinel.md", 6, 10, "error", "link-target"),
    ("docs/sentinel.md", 6, 50, "error", "link-anchor"),
}
"""(path, line, column, severity, rule) of every problem the sentinel page must get."""

CONTROLS = [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0x85), *range(0x86, 0xA0)]
CONTROLS += [0xFFFE, 0xFFFF]


@dataclass
class Page:
    name: str
    """File name under docs/; for ``raw-name`` pages, surrogate escapes stand for bytes that are not UTF-8."""
    content: bytes = b""
    kind: str = "file"
    """``file``, ``fifo``, ``socket``, ``symlink`` (``target``), ``sparse`` (``size``), ``raw-name``."""
    target: str = ""
    size: int = 0
    rules: frozenset[str] | None = None
    """The rules this page may get (``None``: any rule but internal-error)."""
    must: frozenset[str] = frozenset()
    """Rules this page must get at least once."""
    klass: str = ""


@dataclass
class Site:
    name: str
    pages: list[Page] = field(default_factory=list)
    heavy: bool = False

    @property
    def cpu_budget(self) -> float:
        """CPU seconds a run on this site may take: enough to catch a hang or a quadratic cost
        (at 50,000 headings or 40,000 links on one page that costs minutes), never a speed
        measurement (bench/ does that). A heavy page is 0.6-6 MB alone; a light site is 8 small pages."""
        return 15.0 if self.heavy else 5.0


def _fm(body: str) -> bytes:
    return body.encode("utf-8")


YAML_SYNTAX = frozenset({"yaml-syntax"})


def _broken_yaml(rng: random.Random, n: int) -> Page:
    variants = [
        "title: Git: dasar-dasar",
        'title: "tidak ditutup\ndraft: true',
        "title: 'tidak ditutup",
        "title: [a, b",
        "title: {a: 1",
        "title: A\n  sidebar: 1",
        "title: A\nsidebar:\n\torder: 1",
        "title: *tebal* teks",
        "title: @pengguna",
        "title: `kode`",
        'title: "a\\qb"',
        "title: A\nprev: *tidak-ada",
        "%YAML 1.2\n---\ntitle: A",
        "title: A\n...\ndraft: true",
        "title: A\ndescription: |0\n  x",
        "title: A\n- b",
        "- a\ntitle: b",
        "title: A\n? [a, b]\n: c",
        "title: A\ntitle: B",
        "title: A\nsidebar: {order: 1, order: 2}",
        'title: "x"y',
        "title: !<x y> 1",
        "title: !x!y 1",
        "title: - a",
    ]
    text = variants[n % len(variants)]
    rules = frozenset({"yaml-syntax", "yaml-duplicate-key", "frontmatter-type", "schema"})
    return Page(f"yaml-{n}.md", _fm(f"---\n{text}\n---\nteks\n"), rules=rules, must=frozenset(), klass="broken-yaml")


def _control(rng: random.Random, n: int) -> Page:
    code = CONTROLS[n % len(CONTROLS)]
    char = chr(code)
    place = rng.choice(["plain", "double", "single", "comment", "key", "block"])
    text = {
        "plain": f"title: Ju{char}dul",
        "double": f'title: "Ju{char}dul"',
        "single": f"title: 'Ju{char}dul'",
        "comment": f"title: Judul # ca{char}tatan",
        "key": f"title: Judul\nk{char}ey: 1",
        "block": f"title: Judul\ndescription: |\n  ba{char}ris",
    }[place]
    refused = code == 0 or place in ("plain", "key", "block") or (place in ("double", "single") and code < 0x20)
    # a NUL anywhere makes the file binary
    rules = frozenset({"file-unreadable"}) if code == 0 else YAML_SYNTAX | {"unknown-key", "schema"}
    must = frozenset({"file-unreadable"} if code == 0 else {"yaml-syntax"} if refused else set())
    return Page(f"control-{n}.md", _fm(f"---\n{text}\n---\n"), rules=rules, must=must, klass=f"control-{place}")


def _odd_scalar(rng: random.Random, n: int) -> Page:
    values = [
        "description: .",
        "description: -.",
        "description: +.",
        "description: .e5",
        "description: -.5",
        "description: 1e999",
        "sidebar:\n  order: !!int one",
        "sidebar:\n  order: !!float x",
        "lastUpdated: !!timestamp soon",
        "lastUpdated: 9999-12-31T23:59:59-05:00",
        "lastUpdated: 9999-12-31T25:61:00",
        "lastUpdated: 0001-01-01T00:00:00+01:00",
        "lastUpdated: 9999-12-32",
        "sidebar:\n  order: " + "9" * rng.randint(4301, 6000),
        "sidebar:\n  order: 0x" + "f" * rng.randint(300, 400),
        "description: a\u2028b\u2029c\x85d",
        "base: &b {title: A}\n<<: *b\ntitle: B",
    ]
    text = values[n % len(values)]
    head = "" if "title" in text else "title: Ganjil\n"
    rules = frozenset({"yaml-syntax", "frontmatter-date", "schema", "unknown-key"})
    return Page(f"scalar-{n}.md", _fm(f"---\n{head}{text}\n---\n"), rules=rules, klass="odd-scalar")


def _deep(rng: random.Random, n: int) -> Page:
    depth = rng.choice([101, 150, 999, 1001, 5000])
    kind = n % 3
    if kind == 0:
        text = "x: " + "[" * depth + "]" * depth
    elif kind == 1:
        text = "x: " + "{a: " * depth + "1" + "}" * depth
    else:
        text = "x:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, min(depth, 1200))) + " " * 1200 + "v"
    return Page(
        f"deep-{n}.md", _fm(f"---\ntitle: Dalam\n{text}\n---\n"), rules=YAML_SYNTAX, must=YAML_SYNTAX, klass="deep"
    )


def _alias_bomb(rng: random.Random, n: int) -> Page:
    width = rng.randint(9, 12)
    lines = ["a: &a [" + ", ".join(["x"] * width) + "]"]
    for name, prev in zip("bcdefghij", "abcdefghi", strict=False):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * width)}]")
    text = "\n".join(lines)
    return Page(
        f"bomb-{n}.md", _fm(f"---\ntitle: Bom\n{text}\n---\n"), rules=YAML_SYNTAX, must=YAML_SYNTAX, klass="alias-bomb"
    )


def _body_bomb(rng: random.Random, n: int) -> Page:
    size = rng.randint(4000, 8000)
    bodies = [
        ("md", "<div " + "<a " * size),
        ("md", "<a " + "b " * size),
        ("md", '<a href="' * size),
        ("md", "[" * size + "x" + "](" * size),
        ("md", "*" * size + "x" + "_" * size),
        ("md", "`" * size),
        ("md", "> " * size + "x"),
        ("md", "- " * 500 + "x"),
        ("md", "".join(f"[^{i}]: catatan\n" for i in range(size))),
        ("md", "## a\n" * size),
        ("md", "<a id='x'>\n" * size),
        ("md", "https://a.example/" + "(" * size),
        ("mdx", "<Card {\n" * 4000),
        ("mdx", "<Foo>\n" * 5000),
        ("mdx", "{" * size),
        ("mdx", "import x from 'y'\n" * size),
        ("mdx", "<LinkCard href=" + "{" * size),
    ]
    suffix, body = bodies[n % len(bodies)]
    return Page(f"regex-{n}.{suffix}", _fm(f"---\ntitle: Bom regex\n---\n{body}\n"), klass="regex-bomb")


def _binary(rng: random.Random, n: int) -> Page:
    variants = [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"---\ntitle: Nul\n---\n" + b"teks\n" * 2000 + b"\x00",
        bytes(rng.randrange(256) for _ in range(2048)),
        b"---\ntitle: Caf\xe9\n---\n",
        b"---\ntitle: A\n---\n" + b"ok " * rng.randint(1, 3000) + b"\xc3\x28",
        b"\xef\xbb\xbf",
        b"\xff\xfe-\x00-\x00-\x00",
        b"---\r\ntitle: CR\r---\rteks\r",
    ]
    content = variants[n % len(variants)]
    return Page(f"binary-{n}.md", content, klass="binary")


def _links(rng: random.Random, n: int) -> Page:
    targets = [
        "<>",
        "%zz",
        "javascript:alert(1)",
        "java\tscript:alert(1)",
        "/pusat-belajar/%00",
        "/pusat-belajar/" + "a/" * 500,
        "#" + "x" * 5000,
        "//evil.example/x",
        "http://[::1",
        "/pusat-belajar/bersih/#",
        "../../../../etc/passwd",
        "./gambar%2F..%2F..%2Fx.png",
    ]
    target = targets[n % len(targets)]
    body = f"[tautan]({target}) ![gambar]({target}) <a href=\"{target}\">a</a> <img src='{target}'>\n"
    return Page(f"links-{n}.md", _fm(f'---\ntitle: Tautan\nprev: "{target[:50]}"\n---\n{body}'), klass="links")


def _special(rng: random.Random, n: int) -> Page:
    kinds = [
        Page(f"fifo-{n}.md", kind="fifo"),
        Page(f"socket-{n}.md", kind="socket"),
        Page(f"loop-{n}.md", kind="symlink", target=f"loop-{n}.md"),
        Page(f"sub-{n}/up", kind="symlink", target=".."),
        Page(f"out-{n}.md", kind="symlink", target="/etc/hostname"),
        Page(f"caf\udce9-{n}.md", content=_fm("---\ntitle: Kafe\n---\n"), kind="raw-name"),
        Page(f"dangling-{n}.md", kind="symlink", target=f"nowhere-{n}.md"),
    ]
    page = kinds[n % len(kinds)]
    page.rules = frozenset({"file-skipped", "file-unreadable"})
    page.must = frozenset({"file-unreadable"} if page.name.startswith("dangling") else {"file-skipped"})
    page.klass = "special-file"
    return page


def _empty_ish(rng: random.Random, n: int) -> Page:
    variants = [
        "",
        "\ufeff",
        "---",
        "---\n",
        "---\n---",
        "\n\n---\ntitle: A\n---\n",
        "---\n\n---\n",
        "+++\ntitle = 'A'\n+++\n",
    ]
    return Page(f"empty-{n}.md", _fm(variants[n % len(variants)]), klass="empty")


DEEP_OUTSIDE = "../" * 40 + "tmp/eduforge-hostile-outside"
"""A slug that, written below OUT by a careless exporter, lands in /tmp whatever OUT's depth."""
BAD_SLUGS = [
    "../../../outside",
    "/../../../../tmp/x",
    DEEP_OUTSIDE,
    ".eduforge-export",
    "print.html",
    "index.html",
    "_static/app.js",
    "a\\0b",
    "a\\\\b",
    "x" * 300,
]
SECRETS = {
    ".env": "TOKEN=eduforge-hostile-secret-env\n",
    ".git/config": "[http]\n\textraheader = AUTHORIZATION: basic eduforge-hostile-secret-git\n",
    "docs/.env": "KEY=eduforge-hostile-secret-docs\n",
}
"""Files next to the content that the site never serves; no export may contain their text."""


def _export_hostile(rng: random.Random, n: int) -> Page:
    """Pages that attack the export: slugs leaving OUT, secrets as images, URLs that run code."""
    kind = n % 3
    if kind == 0:
        slug = BAD_SLUGS[(n // 3) % len(BAD_SLUGS)]
        text = f'---\ntitle: Slug\nslug: "{slug}"\n---\nteks\n'
        return Page(f"slug-{n}.md", _fm(text), must=frozenset({"slug"}), klass="export-slug")
    if kind == 1:
        secret = ["../.git/config", "../.env", "./.env", "../../.env", "../.git/config#x"][(n // 3) % 5]
        body = f'![rahasia]({secret})\n\n<img src="{secret}">\n\n[unduh]({secret})\n'
        return Page(
            f"secret-{n}.md",
            _fm(f"---\ntitle: Rahasia\n---\n{body}"),
            must=frozenset({"link-asset"}),
            klass="export-secret",
        )
    bad = ["java\\tscript:alert(1)", "\\x01javascript:alert(2)", "java\\nscript:alert(3)", " vbscript:x"][(n // 3) % 4]
    text = (
        f'---\ntitle: Skrip\nhero:\n  actions:\n    - text: Klik\n      link: "{bad}"\n'
        f'prev:\n  link: "{bad}"\n  label: Kembali\nnext:\n  link: "javascript:alert(4)"\n  label: Lanjut\n---\n\n'
        '<LinkCard title="t" href="java&#9;script:alert(6)" />\n\n'
        '<LinkButton href="&#x01;javascript:alert(7)">Go</LinkButton>\n\n'
        '<a href=javascript:alert(8)>a</a> <a href="jav&#x09;ascript:alert(9)">b</a>\n\n'
        '<img src="data:text/html,<b>10</b>"> [sudut](<java\tscript:alert(11)>)\n'
    )
    return Page(f"script-{n}.mdx", _fm(text), must=frozenset({"link-unsafe"}), klass="export-script")


LIGHT: list[tuple[Callable[[random.Random, int], Page], int]] = [
    (_broken_yaml, 48),
    (_control, 66),
    (_odd_scalar, 34),
    (_deep, 15),
    (_alias_bomb, 6),
    (_body_bomb, 34),
    (_binary, 16),
    (_links, 24),
    (_special, 14),
    (_empty_ish, 16),
    (_export_hostile, 42),
]


def _heavy(rng: random.Random) -> list[Page]:
    # links that resolve (what costs is finding and positioning them, not reporting them)
    links = "[l](/pusat-belajar/bersih/) é [m](../bersih/#bagian)\n" * 20_000
    one_line = " ".join(f"[l](/pusat-belajar/bersih/#bagian) é{i}" for i in range(30_000))
    broken = "".join(f"[l](/pusat-belajar/x{i}/)\n" for i in range(2_000))
    text = ("Lorem ipsum dolor sit amet é " * 30 + "\n\n") * 5_400
    return [
        Page(
            "huge-links.md",
            _fm(f"---\ntitle: Banyak\n---\n{links}"),
            rules=frozenset(),
            klass="link-count",
        ),
        Page(
            "one-line.md",
            _fm(f"---\ntitle: Satu baris\n---\n{one_line}\n"),
            rules=frozenset(),
            klass="link-count",
        ),
        Page(
            "broken-links.md",
            _fm(f"---\ntitle: Rusak\n---\n{broken}"),
            must=frozenset({"link-target"}),
            klass="link-count",
        ),
        Page(
            "sparse.md",
            kind="sparse",
            size=6 * 1024 * 1024,
            rules=frozenset({"file-unreadable"}),
            must=frozenset({"file-unreadable"}),
            klass="oversized",
        ),
        Page("almost-5mb.md", _fm(f"---\ntitle: Besar\n---\n{text}"), klass="large"),
        Page("big-value.md", _fm("---\ntitle: " + "x" * 3_000_000 + "\n---\n"), klass="large"),
        Page("tag-bomb.md", _fm("---\ntitle: Tag\n---\n" + "<div " + "<a " * 300_000 + "\n"), klass="regex-bomb"),
        Page("mdx-unbalanced.mdx", _fm("---\ntitle: MDX\n---\n" + "<Card {\n" * 40_000), klass="regex-bomb"),
        Page("headings.md", _fm("---\ntitle: Judul\n---\n" + "## Bagian é\n\n" * 50_000), klass="headings"),
    ]


def sites(seed: int = 13, batch: int = 8) -> list[Site]:
    """The corpus: light hostile pages batched ``batch`` to a site, heavy ones alone."""
    rng = random.Random(seed)
    light = [make(rng, n) for make, count in LIGHT for n in range(count)]
    rng.shuffle(light)
    result = [Site(f"light-{i // batch:02d}", light[i : i + batch]) for i in range(0, len(light), batch)]
    result += [Site(f"heavy-{page.name}", [page], heavy=True) for page in _heavy(rng)]
    return result


def shown(name: str) -> str:
    """The path reports give a page (bytes that are not UTF-8 as ``\\xe9``)."""
    return "docs/" + os.fsencode(name).decode("utf-8", "backslashreplace")


def write(site: Site, root: Path) -> None:
    """The site's files under ``root`` (config, clean page, sentinel, hostile pages)."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    (root / "eduforge.toml").write_text(CONFIG, encoding="utf-8")
    (docs / "bersih.md").write_text(CLEAN, encoding="utf-8")
    (docs / "sentinel.md").write_text(SENTINEL, encoding="utf-8")
    for name, text in SECRETS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    for page in site.pages:
        path = docs / page.name
        path.parent.mkdir(parents=True, exist_ok=True)
        if page.kind == "fifo":
            os.mkfifo(path)
        elif page.kind == "socket":
            _bind_socket(path)
        elif page.kind == "symlink":
            os.symlink(page.target, path)
        elif page.kind == "sparse":
            with path.open("wb") as handle:
                handle.truncate(page.size)
        else:
            path.write_bytes(page.content)


def _bind_socket(path: Path) -> None:
    """A Unix socket at ``path`` (bound from its folder: socket paths are short)."""
    here = os.getcwd()
    os.chdir(path.parent)
    try:
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(path.name)
        server.close()  # the socket file stays
    finally:
        os.chdir(here)
