"""Generate a Starlight-shaped curriculum of N pages for benchmarks.

    python bench/corpus.py OUT --pages 10000 --seed 1 [--broken K]

Writes ``OUT/astro.config.mjs`` (``base: "/pusat-belajar"``), ``OUT/eduforge.toml``
and pages under ``OUT/src/content/docs/`` in nested Diátaxis folders
(``tutorials/Backend/bab-01/…``), about 50 pages a folder, each about 3 KB:

* frontmatter like the first user's page: ``title``, ``description``,
  ``template``, ``sidebar.order``, ``hero`` (title, tagline, ``image.html``),
  ``prev: {link, label}`` to a real other page (with the base), ``lastUpdated``;
* a body with ``##``/``###`` headings, Indonesian prose, a fenced code block,
  a list and 5 links: 3 internal (base + trailing slash, one with a
  ``#anchor`` that is a real heading of the target), one relative image
  ``./images/…png`` that exists (one small PNG per folder), one external
  ``https`` link;
* about 10 % are ``.mdx`` with ``import { Steps } from '@astrojs/starlight/components';``
  and a ``<Steps>`` block.

The output depends only on ``pages`` and ``seed``, and is valid: ``eduforge
lint`` reports no problem on it.  ``--broken K`` then breaks K pages, one known
error each (cycling through schema, nav-target, link-target, link-anchor,
link-asset), and lists them in ``OUT/broken.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import struct
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

BASE = "/pusat-belajar"
CONTENT = Path("src/content/docs")
PER_FOLDER = 50
MDX_SHARE = 0.10

SECTIONS = ["tutorials", "how-to", "references", "explanations"]
TOPICS = [
    "Backend",
    "Frontend",
    "Git",
    "Basis-Data",
    "Jaringan",
    "Keamanan",
    "Python",
    "JavaScript",
    "Linux",
    "Cloud",
    "DevOps",
    "Algoritma",
    "Desain-UI",
    "Mobile",
    "Pengujian",
    "Data-Sains",
]
NOUNS = [
    "aplikasi",
    "server",
    "database",
    "fungsi",
    "variabel",
    "modul",
    "paket",
    "berkas",
    "direktori",
    "perintah",
    "konfigurasi",
    "jaringan",
    "pengguna",
    "data",
    "sistem",
    "kode",
    "proyek",
    "repositori",
    "cabang",
    "komit",
    "tabel",
    "kueri",
    "indeks",
    "kelas",
    "objek",
    "metode",
    "antarmuka",
    "layanan",
    "kontainer",
    "jadwal",
    "pesan",
    "berita",
    "materi",
    "latihan",
    "contoh",
    "pola",
    "alat",
    "pustaka",
]
VERBS = [
    "memasang",
    "membuat",
    "mengatur",
    "menjalankan",
    "menguji",
    "memahami",
    "menulis",
    "membaca",
    "menghapus",
    "memperbarui",
    "mengelola",
    "menyimpan",
    "mengirim",
    "menerima",
    "memeriksa",
    "membangun",
    "merancang",
    "mengoptimalkan",
    "memantau",
    "mengamankan",
]
ADJECTIVES = [
    "sederhana",
    "cepat",
    "aman",
    "efisien",
    "modern",
    "dasar",
    "lanjutan",
    "praktis",
    "lengkap",
    "ringan",
    "stabil",
    "fleksibel",
    "terstruktur",
    "mandiri",
    "terbuka",
]
FILLER = [
    "dan",
    "yang",
    "untuk",
    "dengan",
    "agar",
    "pada",
    "dari",
    "ke",
    "dalam",
    "supaya",
    "serta",
    "sehingga",
    "karena",
    "ketika",
    "juga",
    "lebih",
    "sangat",
    "setiap",
    "kamu",
    "kita",
]
HEADING_LEADS = [
    "Pengenalan",
    "Langkah",
    "Cara",
    "Tips",
    "Contoh",
    "Latihan",
    "Ringkasan",
    "Konsep",
    "Persiapan",
    "Praktik",
    "Masalah",
    "Solusi",
    "Catatan",
    "Tujuan",
    "Prasyarat",
]
EXTERNAL = [
    "https://roadmap.sh/backend",
    "https://roadmap.sh/frontend",
    "https://git-scm.com/book/id/v2",
    "https://developer.mozilla.org/id/docs/Web/HTML",
    "https://developer.mozilla.org/id/docs/Web/JavaScript",
    "https://docs.python.org/3/tutorial/",
    "https://www.postgresql.org/docs/current/tutorial.html",
    "https://starlight.astro.build/guides/authoring-content/",
    "https://docs.astro.build/en/getting-started/",
    "https://nodejs.org/en/learn/getting-started/introduction-to-nodejs",
    "https://www.w3.org/TR/WCAG21/",
    "https://kubernetes.io/id/docs/concepts/",
    "https://docs.docker.com/get-started/",
    "https://www.rust-lang.org/id/learn",
    "https://go.dev/doc/tutorial/getting-started",
    "https://id.wikipedia.org/wiki/Basis_data",
    "https://id.wikipedia.org/wiki/Jaringan_komputer",
    "https://www.typescriptlang.org/docs/handbook/intro.html",
    "https://sqlite.org/lang.html",
    "https://httpwg.org/specs/rfc9110.html",
]
CODE = [
    ("bash", ["git init proyek-{n}", "cd proyek-{n}", "git add .", 'git commit -m "komit pertama"']),
    (
        "python",
        [
            "def hitung_{n}(data):",
            "    total = sum(data)",
            "    return total / max(len(data), 1)",
            "",
            "print(hitung_{n}([1, 2, 3]))",
        ],
    ),
    (
        "js",
        [
            "export function sapa{n}(nama) {{",
            "  return `Halo, ${{nama}}!`;",
            "}}",
            "",
            "console.log(sapa{n}('dunia'));",
        ],
    ),
    ("sql", ["SELECT id, nama", "FROM pengguna_{n}", "WHERE aktif = TRUE", "ORDER BY nama;"]),
    ("yaml", ["layanan:", "  nama: api-{n}", "  port: 8080", "  replika: 2"]),
]
PNG_NAME = "diagram.png"


def tiny_png(rgb: tuple[int, int, int]) -> bytes:
    """A valid 2×2 PNG of one colour (about 70 bytes)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes(rgb) * 2 for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def slug(segment: str) -> str:
    """github-slugger for the ASCII names used here: lowercase, keep letters, digits, - and _."""
    return "".join(c for c in segment.lower() if c.isalnum() or c in "-_ ").replace(" ", "-")


@dataclass
class PagePlan:
    index: int
    folder: str
    name: str
    suffix: str
    title: str
    headings: list[tuple[int, str]] = field(default_factory=list)

    @property
    def rel(self) -> str:
        return f"{self.folder}/{self.name}{self.suffix}"

    @property
    def url(self) -> str:
        return f"{BASE}/{'/'.join(slug(s) for s in self.folder.split('/'))}/{slug(self.name)}/"

    def heading_ids(self) -> list[str]:
        return [slug(text) for _, text in self.headings]


def _folders(count: int) -> list[str]:
    """Nested Diátaxis folders: section / topic / chapter."""
    folders = []
    for i in range(count):
        section = SECTIONS[i % len(SECTIONS)]
        topic = TOPICS[(i // len(SECTIONS)) % len(TOPICS)]
        chapter = i // (len(SECTIONS) * len(TOPICS)) + 1
        folders.append(f"{section}/{topic}/bab-{chapter:02d}")
    return folders


def _sentence(rng: random.Random, words: int) -> str:
    pool = []
    for _k in range(words):
        pick = rng.random()
        pool.append(rng.choice(NOUNS if pick < 0.35 else VERBS if pick < 0.5 else ADJECTIVES if pick < 0.6 else FILLER))
    text = " ".join(pool)
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng, rng.randint(9, 18)) for _ in range(sentences))


def plan(pages: int, seed: int) -> list[PagePlan]:
    rng = random.Random(seed)
    folders = _folders(max(1, -(-pages // PER_FOLDER)))
    plans = []
    for i in range(pages):
        folder = folders[i // PER_FOLDER]
        verb, noun, adjective = rng.choice(VERBS), rng.choice(NOUNS), rng.choice(ADJECTIVES)
        name = f"{verb}-{noun}-{i % PER_FOLDER + 1:02d}"
        suffix = ".mdx" if rng.random() < MDX_SHARE else ".md"
        title = f"{verb.capitalize()} {noun} {adjective}"
        headings = []
        for h in range(rng.randint(3, 5)):
            level = 2 if h == 0 or rng.random() < 0.6 else 3
            headings.append((level, f"{HEADING_LEADS[(h + i) % len(HEADING_LEADS)]} {rng.choice(NOUNS)} {h + 1}"))
        plans.append(PagePlan(i, folder, name, suffix, title, headings))
    return plans


def render(page: PagePlan, plans: list[PagePlan], rng: random.Random) -> str:
    n = len(plans)
    prev = plans[page.index - 1] if n > 1 else page
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    lines = [
        "---",
        f"title: {page.title}",
        f"description: {_sentence(rng, 12)[:-1]}, belajar, bertumbuh, berkembang, memberi dampak.",
        "template: doc",
        "sidebar:",
        f"    order: {page.index % PER_FOLDER + 1}",
        "hero:",
        f"    title: {page.title}",
        f"    tagline: Panduan {page.title.lower()} untuk pemula",
        "    image:",
        f'        html: <img src="https://images.example.org/hero/{page.index % 97}.png" alt="hero-{slug(page.name)}" />',
        "prev:",
        f"    link: {prev.url}",
        f"    label: {prev.title}",
        f"lastUpdated: 2024-{month:02d}-{day:02d}",
        "---",
        "",
    ]
    if page.suffix == ".mdx":
        lines += ["import { Steps } from '@astrojs/starlight/components';", ""]
    # three internal links: same folder, another folder, and one with an anchor
    near = plans[
        (page.index // PER_FOLDER) * PER_FOLDER
        + rng.randrange(min(PER_FOLDER, n - (page.index // PER_FOLDER) * PER_FOLDER))
    ]
    far = plans[rng.randrange(n)]
    anchored = plans[rng.randrange(n)]
    anchor_id = rng.choice(anchored.heading_ids())
    external = EXTERNAL[rng.randrange(len(EXTERNAL))]
    links = [
        f"Baca juga [{near.title}]({near.url}) sebelum melanjutkan.",
        f"Materi terkait ada di [{far.title.lower()}]({far.url}).",
        f"Lihat bagian [{anchored.title}]({anchored.url}#{anchor_id}) untuk detailnya.",
        f"Rujukan resmi: [dokumentasi]({external}).",
    ]
    lang, code = CODE[page.index % len(CODE)]
    blocks: list[list[str]] = []
    for h, (level, text) in enumerate(page.headings):
        block = ["#" * level + " " + text, _paragraph(rng, rng.randint(2, 4))]
        if h == 0:
            block += ["", _paragraph(rng, 2) + " " + links[0]]
        elif h == 1:
            block += [
                "",
                f"![Diagram {page.title.lower()}](./images/{PNG_NAME})",
                "",
                _paragraph(rng, 2) + " " + links[1],
            ]
            block += ["", "```" + lang, *(line.format(n=page.index) for line in code), "```"]
        elif h == 2:
            block += ["", *(f"- {_sentence(rng, rng.randint(5, 9))}" for _ in range(4)), "", links[2]]
        else:
            block += ["", _paragraph(rng, 2)]
        blocks.append(block)
    blocks[-1] += ["", links[3]]
    if page.suffix == ".mdx":
        blocks[1] += [
            "",
            "<Steps>",
            "",
            *(f"{k}. {_sentence(rng, rng.randint(6, 10))}" for k in range(1, 4)),
            "",
            "</Steps>",
        ]
    for block in blocks:
        lines += [*block, ""]
    return "\n".join(lines)


BREAKS = ["schema", "nav-target", "link-target", "link-anchor", "link-asset"]


def _break(text: str, kind: str) -> str:
    if kind == "schema":
        return text.replace("template: doc", "template: halaman", 1)
    if kind == "nav-target":
        return text.replace(f"    link: {BASE}/", "    link: /", 1)
    if kind == "link-target":
        return text.replace("Baca juga [", "Baca juga [halaman hilang](" + BASE + "/tidak-ada/) dan [", 1)
    if kind == "link-anchor":
        head, sep, tail = text.partition("Lihat bagian [")
        cut = tail.index("#")
        return head + sep + tail[: cut + 1] + "bagian-yang-tidak-ada" + tail[tail.index(")", cut) :]
    if kind == "link-asset":
        return text.replace(f"./images/{PNG_NAME}", "./images/tidak-ada.png", 1)
    raise ValueError(kind)


def write_astro_config(root: Path, header: str = "", options: str = "") -> None:
    """The corpus's astro.config.mjs: base, title, one autogenerated group per section (and ``options``)."""
    groups = ", ".join(f"{{ label: {s!r}, autogenerate: {{ directory: {s!r} }} }}" for s in SECTIONS)
    (root / "astro.config.mjs").write_text(
        f"{header}import {{ defineConfig }} from 'astro/config';\n"
        "import starlight from '@astrojs/starlight';\n\n"
        "export default defineConfig({\n"
        "\tsite: 'https://pusat-belajar.github.io',\n"
        f'\tbase: "{BASE}",\n'
        "\tintegrations: [\n"
        "\t\tstarlight({\n"
        "\t\t\ttitle: 'Pusat Belajar',\n"
        f"{options}"
        f"\t\t\tsidebar: [{groups}],\n"
        "\t\t}),\n"
        "\t],\n"
        "});\n",
        encoding="utf-8",
    )


def generate(root: Path, pages: int = 10_000, seed: int = 1, broken: int = 0) -> Path:
    """Write the corpus into ``root`` (emptied first) and return ``root``."""
    if pages < 2:
        raise ValueError("pages must be at least 2")
    root = Path(root)
    if root.exists():
        shutil.rmtree(root)
    docs = root / CONTENT
    docs.mkdir(parents=True)
    write_astro_config(root, header="// @ts-check\n")
    (root / "eduforge.toml").write_text(
        f"# generated by bench/corpus.py: {pages} pages, seed {seed}\n"
        f'content = "{CONTENT.as_posix()}"\nbase = "{BASE}"\n',
        encoding="utf-8",
    )
    plans = plan(pages, seed)
    rng = random.Random(seed * 7919 + 1)
    texts = [render(p, plans, rng) for p in plans]
    injected = []
    if broken:
        pick = random.Random(seed + 104729).sample(range(pages), min(broken, pages))
        for k, index in enumerate(pick):
            kind = BREAKS[k % len(BREAKS)]
            texts[index] = _break(texts[index], kind)
            injected.append({"path": (CONTENT / plans[index].rel).as_posix(), "rule": kind})
    for folder_index, folder in enumerate(dict.fromkeys(p.folder for p in plans)):
        (docs / folder / "images").mkdir(parents=True)
        (docs / folder / "images" / PNG_NAME).write_bytes(tiny_png(((folder_index * 37) % 256, 120, 200)))
    for page, text in zip(plans, texts, strict=False):
        (docs / page.rel).write_text(text, encoding="utf-8")
    if injected:
        (root / "broken.json").write_text(json.dumps(injected, indent=1) + "\n", encoding="utf-8")
    return root


# --------------------------------------------------------------- the realistic corpus
# Real curricula are not 3 KB pages with five links: bodies run from a paragraph to a
# long reference page, MDX pages use components, and link lists run to dozens.

LOCALES = {"": ("Bahasa Indonesia", "id"), "en": ("English", "en"), "ja": ("日本語", "ja"), "es": ("Español", "es")}
LOCALES["zh-cn"] = ("简体中文", "zh-CN")
LOCALE_SHARE = {"": 0.4, "en": 0.15, "ja": 0.15, "es": 0.15, "zh-cn": 0.15}
"""Of every 100 pages, 40 are in the root locale and 15 in each of the four translations."""
REALISTIC_MDX_SHARE = 0.4
MIN_BODY, MAX_BODY = 1024, 30 * 1024
MAX_LINKS = 40
COMPONENTS = "import { Aside, Card, CardGrid, LinkCard, Steps, Tabs, TabItem } from '@astrojs/starlight/components';"


@dataclass
class RealPlan:
    index: int
    locale: str
    folder: str
    name: str
    mdx: bool
    size: int
    links: int
    title: str
    headings: list[str] = field(default_factory=list)

    @property
    def rel(self) -> str:
        prefix = f"{self.locale}/" if self.locale else ""
        return f"{prefix}{self.folder}/{self.name}{'.mdx' if self.mdx else '.md'}"

    @property
    def url(self) -> str:
        prefix = f"{self.locale}/" if self.locale else ""
        return f"{BASE}/{prefix}{'/'.join(slug(s) for s in self.folder.split('/'))}/{slug(self.name)}/"


def real_plan(pages: int, seed: int) -> list[RealPlan]:
    """Each page's locale, folder, size (1–30 KB, log-uniform), link count (0–40) and headings."""
    rng = random.Random(seed)
    counts = {key: int(pages * share) for key, share in LOCALE_SHARE.items()}
    counts[""] += pages - sum(counts.values())
    plans: list[RealPlan] = []
    for locale, count in counts.items():
        folders = _folders(max(1, -(-count // PER_FOLDER)))
        for k in range(count):
            verb, noun, adjective = rng.choice(VERBS), rng.choice(NOUNS), rng.choice(ADJECTIVES)
            size = int(MIN_BODY * (MAX_BODY / MIN_BODY) ** rng.random())
            plan_ = RealPlan(
                len(plans),
                locale,
                folders[k // PER_FOLDER],
                f"{verb}-{noun}-{k % PER_FOLDER + 1:02d}",
                rng.random() < REALISTIC_MDX_SHARE,
                size,
                rng.randint(0, MAX_LINKS),
                f"{verb.capitalize()} {noun} {adjective}",
            )
            plan_.headings = [
                f"{HEADING_LEADS[h % len(HEADING_LEADS)]} {rng.choice(NOUNS)} {h + 1}" for h in range(1 + size // 1500)
            ]
            plans.append(plan_)
    return plans


class _Writer:
    """Sentences from a pool made once per corpus: bodies of any size without a word-by-word cost."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.pool = [_sentence(rng, rng.randint(7, 18)) for _ in range(3000)]

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.rng.choices(self.pool, k=sentences))


def _real_link(page: RealPlan, same_locale: list[RealPlan], writer: _Writer) -> str:
    """One link of a page's body: mostly internal (absolute, relative, with an anchor), some images and externals."""
    rng = writer.rng
    kind = rng.random()
    target = rng.choice(same_locale)
    if kind < 0.35:
        return f"[{target.title.lower()}]({target.url})"
    if kind < 0.55:
        return f"[{target.title}]({target.url}#{slug(rng.choice(target.headings))})"
    if kind < 0.65 and target.folder == page.folder and target is not page:
        return f"[{target.title}](../{slug(target.name)}/)"
    if kind < 0.72:
        return f"![{page.title.lower()}](./images/{PNG_NAME})"
    if kind < 0.8:
        return f'<a href="{target.url}">{target.title}</a>'
    return f"[dokumentasi]({rng.choice(EXTERNAL)})"


def _mdx_block(page: RealPlan, same_locale: list[RealPlan], writer: _Writer) -> list[str]:
    rng = writer.rng
    choice = rng.randrange(5)
    if choice == 0:
        steps = [f"{k}. {writer.paragraph(1)}" for k in range(1, rng.randint(3, 6))]
        return ["<Steps>", "", *steps, "", "</Steps>"]
    if choice == 1:
        return [
            "<Tabs>",
            '  <TabItem label="npm">',
            "    ```sh",
            "    npm install paket",
            "    ```",
            "  </TabItem>",
            '  <TabItem label="pnpm">',
            f"    {writer.paragraph(1)}",
            "  </TabItem>",
            "</Tabs>",
        ]
    if choice == 2:
        return ['<Aside type="tip">', writer.paragraph(2), "</Aside>"]
    if choice == 3:
        target = rng.choice(same_locale)
        return [
            "<CardGrid>",
            f'  <LinkCard title="{target.title}" href="{target.url}" />',
            f'  <Card title="Catatan" icon="star">{writer.paragraph(1)}</Card>',
            "</CardGrid>",
        ]
    return [
        f"{{/* catatan penulis: {writer.paragraph(1)} */}}",
        f"Halaman ini: {{frontmatter.title}}. {writer.paragraph(1)}",
    ]


def real_render(page: RealPlan, same_locale: list[RealPlan], writer: _Writer) -> str:
    rng = writer.rng
    prev = same_locale[same_locale.index(page) - 1] if len(same_locale) > 1 else page
    lines = [
        "---",
        f"title: {page.title}",
        f"description: {writer.paragraph(1)[:150]}",
        "sidebar:",
        f"    order: {page.index % PER_FOLDER + 1}",
        "prev:",
        f"    link: {prev.url}",
        f"    label: {prev.title}",
        f"lastUpdated: 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "---",
        "",
    ]
    if page.mdx:
        lines += [COMPONENTS, "", "export const tingkat = 'pemula';", ""]
    links = [_real_link(page, same_locale, writer) for _ in range(page.links)]
    per_heading = -(-len(links) // len(page.headings)) if links else 0
    budget = page.size // len(page.headings)
    for h, heading in enumerate(page.headings):
        lines += [("## " if h % 3 == 0 else "### ") + heading, ""]
        written = 0
        mine = links[h * per_heading : (h + 1) * per_heading]
        while written < budget or mine:
            shape = rng.random()
            if shape < 0.12:
                lang, code = CODE[rng.randrange(len(CODE))]
                block = [
                    "```" + lang,
                    *(line.format(n=page.index) for line in code),
                    "# [bukan tautan](/tidak-ada/)",
                    "```",
                ]
            elif shape < 0.2:
                block = [f"- {writer.paragraph(1)}" for _ in range(rng.randint(2, 5))]
            elif shape < 0.25:
                block = [
                    "| perintah | arti |",
                    "| --- | --- |",
                    *(f"| `cmd-{k}` | {writer.paragraph(1)} |" for k in range(3)),
                ]
            elif shape < 0.3 and page.mdx:
                block = _mdx_block(page, same_locale, writer)
            else:
                text = writer.paragraph(rng.randint(2, 5))
                if mine:
                    text += " Lihat " + ", ".join(mine[:3]) + "."
                    mine = mine[3:]
                block = [text]
            lines += [*block, ""]
            written += sum(len(line) + 1 for line in block)
    return "\n".join(lines)


def generate_realistic(root: Path, pages: int = 10_000, seed: int = 1) -> Path:
    """Write the realistic corpus into ``root`` (emptied first): 5 locales, 1–30 KB bodies, 40 % MDX
    with Starlight components, 0–40 links a page.  ``eduforge lint`` reports no error on it."""
    if pages < 10:
        raise ValueError("pages must be at least 10")
    root = Path(root)
    if root.exists():
        shutil.rmtree(root)
    docs = root / CONTENT
    docs.mkdir(parents=True)
    locales = ", ".join(
        f"{'root' if key == '' else repr(key)}: {{ label: {label!r}, lang: {lang!r} }}"
        for key, (label, lang) in LOCALES.items()
    )
    write_astro_config(root, options=f"\t\t\tlocales: {{ {locales} }},\n")
    (root / "eduforge.toml").write_text(
        f'# generated by bench/corpus.py --realistic: {pages} pages, seed {seed}\ncontent = "{CONTENT.as_posix()}"\n',
        encoding="utf-8",
    )
    plans = real_plan(pages, seed)
    writer = _Writer(random.Random(seed * 7919 + 2))
    by_locale: dict[str, list[RealPlan]] = {}
    for page in plans:
        by_locale.setdefault(page.locale, []).append(page)
    for folder in {(docs / p.rel).parent for p in plans}:
        (folder / "images").mkdir(parents=True)
        (folder / "images" / PNG_NAME).write_bytes(tiny_png((len(str(folder)) % 256, 120, 200)))
    for page in plans:
        (docs / page.rel).write_text(real_render(page, by_locale[page.locale], writer), encoding="utf-8")
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="output folder (emptied first)")
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--broken", type=int, default=0, metavar="K", help="inject K known errors (listed in OUT/broken.json)"
    )
    parser.add_argument(
        "--realistic",
        action="store_true",
        help="the realistic corpus: 1–30 KB bodies, 40 %% MDX, 0–40 links, 5 locales",
    )
    args = parser.parse_args(argv)
    if args.realistic:
        root = generate_realistic(args.out, args.pages, args.seed)
    else:
        root = generate(args.out, args.pages, args.seed, args.broken)
    files = sum(1 for _ in (root / CONTENT).rglob("*.md*"))
    size = sum(f.stat().st_size for f in (root / CONTENT).rglob("*.md*"))
    print(f"{root}: {files} pages, {size / files / 1024:.1f} KB a page on average", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
