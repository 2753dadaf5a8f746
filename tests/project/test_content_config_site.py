"""The site's own fields end to end: a Starlight project with a content config, linted by the CLI."""

from __future__ import annotations

from pathlib import Path

from eduforge.project.content_config import site_schema
from helpers import SiteBuilder, problems, run

CONFIG = """\
import { defineCollection, z } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { blogSchema } from 'starlight-blog/schema';

const levels = ['pemula', 'menengah', 'mahir'] as const;

export const collections = {
  docs: defineCollection({
    loader: docsLoader(),
    schema: docsSchema({
      extend: (context) =>
        blogSchema(context).extend({
          level: z.enum(levels).optional(),
          duration: z.number().positive().optional(),
          quiz: z.boolean().default(false),
          checked: z.string().refine((s: string) => s.length > 2).optional(),
        }),
    }),
  }),
};
"""


def project(tmp_path: Path, config: str = CONFIG, name: str = "src/content.config.ts") -> SiteBuilder:
    site = SiteBuilder(tmp_path)
    site.write("astro.config.mjs", "export default {};\n")
    site.write(name, config)
    site.write("src/content/docs/index.md", "---\ntitle: Beranda\n---\n")
    return site


def test_extension_fields_are_checked_and_known(tmp_path: Path) -> None:
    site = project(tmp_path)
    site.write("src/content/docs/git.md", "---\ntitle: Git\nlevl: mahir\nlevel: ahli\nduration: '30'\nquiz: ya\n---\n")
    site.write("src/content/docs/post.md", "---\ntitle: Post\ndate: 2024-02-17\ntags: [git]\nexcerpt: Singkat\n---\n")
    assert problems(tmp_path, "validate") == [
        (
            "src/content/docs/git.md",
            3,
            1,
            "warning",
            "unknown-key",
            'unknown key "levl": Starlight ignores it; remove it or check its spelling',  # "level" is there already
        ),
        (
            "src/content/docs/git.md",
            4,
            8,
            "error",
            "schema",
            'level must be one of "pemula", "menengah", "mahir"; got the text "ahli"; did you mean "mahir"?',
        ),
        (
            "src/content/docs/git.md",
            5,
            11,
            "error",
            "schema",
            'duration must be a number, not the text "30"; remove the quotes so YAML reads it as a number',
        ),
        (
            "src/content/docs/git.md",
            6,
            7,
            "error",
            "schema",
            'quiz must be true or false, not the text "ya"; write true (unquoted: YAML 1.2 reads ya as text)',
        ),
    ]


def test_verbose_says_what_is_not_fully_checked(tmp_path: Path) -> None:
    project(tmp_path)
    result = run(tmp_path, "validate", "-v")
    assert result.exit_code == 0
    assert "site schema: " + str(tmp_path / "src" / "content.config.ts") in result.output
    assert (
        "  field checked is not fully checked: .refine() runs code eduforge does not run;"
        " only the checks before it apply (src/content.config.ts:17)"
    ) in result.output


def test_a_key_the_mdx_page_reads_is_used(tmp_path: Path) -> None:
    site = project(tmp_path)
    site.write(
        "src/content/docs/video.mdx",
        "---\ntitle: Video\nvideoId: abc123\n---\n\n<iframe src={`https://youtu.be/${frontmatter.videoId}`} />\n",
    )
    assert problems(tmp_path, "validate") == []


def test_astro_4_config_place(tmp_path: Path) -> None:
    site = project(tmp_path, name="src/content/config.ts")
    site.write("src/content/docs/git.md", "---\ntitle: Git\nlevel: mahir\n---\n")
    assert problems(tmp_path, "validate") == []


BROKEN = {
    "syntax error": "export const collections = { docs: defineCollection({ schema: docsSchema( }) };\n",
    "no docs": "import { defineCollection } from 'astro:content';\nexport const collections = { blog: defineCollection({}) };\n",
    "computed": (
        "import { docsSchema } from '@astrojs/starlight/schema';\nimport { make } from './make';\n"
        "export const collections = { docs: { schema: docsSchema({ extend: make() }) } };\n"
    ),
    "missing import": (
        "import { docsSchema } from '@astrojs/starlight/schema';\nimport { extra } from './nowhere';\n"
        "export const collections = { docs: { schema: docsSchema({ extend: extra }) } };\n"
    ),
    "circular import": (
        "import { docsSchema } from '@astrojs/starlight/schema';\nimport { extra } from './content.config';\n"
        "export const extra = extra;\n"
        "export const collections = { docs: { schema: docsSchema({ extend: extra }) } };\n"
    ),
}


LOOSE = "; only Starlight's own frontmatter fields are checked, and unknown-key is off"
WARNINGS = {
    "syntax error": (
        ("src/content.config.ts", 1, 73, "syntax error: unexpected '('"),
        (
            "src/content.config.ts",
            1,
            36,
            "the docs collection has no schema eduforge can read; only Starlight's own frontmatter fields are checked",
        ),
    ),
    "no docs": (
        (
            "src/content.config.ts",
            2,
            28,
            "the content config defines no docs collection; only Starlight's own frontmatter fields are checked",
        ),
    ),
    "computed": (
        ("src/content.config.ts", 2, 22, 'imports "./make", which does not exist'),
        (
            "src/content.config.ts",
            3,
            67,
            "extend cannot be read statically: the imported file ./make does not exist" + LOOSE,
        ),
    ),
    "missing import": (
        ("src/content.config.ts", 2, 23, 'imports "./nowhere", which does not exist'),
        (
            "src/content.config.ts",
            2,
            23,
            "extend cannot be read statically: the imported file ./nowhere does not exist" + LOOSE,
        ),
    ),
    "circular import": (
        ("src/content.config.ts", 2, 23, "import loop"),
        ("src/content.config.ts", 3, 22, "extend cannot be read statically: extra refers to itself" + LOOSE),
    ),
}


def test_bad_configs_are_warnings_and_never_crash(tmp_path: Path) -> None:
    for index, (kind, text) in enumerate(BROKEN.items()):
        root = tmp_path / str(index)
        root.mkdir()
        site = project(root, text)
        site.write("src/content/docs/git.md", "---\ntitle: Git\nlevel: 3\n---\n")
        warnings = site_schema(root).warnings
        expected = WARNINGS[kind]
        assert len(warnings) == len(expected), (kind, warnings)
        for got, want in zip(warnings, expected, strict=True):  # the reader's own wording is its business
            assert got[:3] == want[:3] and got[3].startswith(want[3]), (kind, got)
        found = [p for p in problems(root, "lint") if p[4] == "content-config"]
        assert [(p[0], p[1], p[2], p[5]) for p in found] == sorted(warnings), kind
        assert all(p[3] == "warning" for p in found)


def test_a_changed_content_config_invalidates_cached_pages(tmp_path: Path) -> None:
    site = project(tmp_path)
    site.write("src/content/docs/git.md", "---\ntitle: Git\nmood: senang\n---\n")
    assert [p[5] for p in problems(tmp_path, "validate")] == [
        'unknown key "mood": Starlight ignores it; remove it or check its spelling'
    ]
    site.write(
        "src/content.config.ts", CONFIG.replace("quiz: z.boolean()", "mood: z.string().optional(), quiz: z.boolean()")
    )
    assert problems(tmp_path, "validate") == []  # not the cached verdict: the key covers the site schema


def test_a_docs_collection_with_its_own_zod_schema_is_named_as_what_drops_unknown_keys(tmp_path: Path) -> None:
    own = (
        "import { defineCollection, z } from 'astro:content';\n"
        "const docs = defineCollection({ schema: z.object({ title: z.string(), draft: z.boolean().optional() }) });\n"
        "export const collections = { docs };\n"
    )
    site = project(tmp_path, own)
    site.write("src/content/docs/git.md", "---\ntitle: Git\nexcerpt: Short\n---\n")
    assert [p[5] for p in problems(tmp_path, "validate")] == [
        'unknown key "excerpt": the docs collection\'s schema (src/content.config.ts) ignores it; '
        "remove it or check its spelling"
    ]


def test_a_refine_on_the_whole_extension_keeps_its_fields_checked_and_unknown_key_on(tmp_path: Path) -> None:
    refined = (
        "import { defineCollection, z } from 'astro:content';\n"
        "import { docsSchema } from '@astrojs/starlight/schema';\n"
        "export const collections = { docs: defineCollection({ schema: docsSchema({\n"
        "  extend: z.object({ cover: z.string().optional() }).refine((data) => true, { message: 'no' }),\n"
        "}) }) };\n"
    )
    site = project(tmp_path, refined)
    site.write("src/content/docs/git.md", "---\ntitle: Git\ncover: 3\nimage: x.png\n---\n")
    schema = site_schema(tmp_path)
    assert schema.warnings == ()  # no "unknown-key is off": it is not
    assert schema.notes == (
        "field (the whole frontmatter) is not fully checked: .refine() runs code eduforge does not run; "
        "only the checks before it apply (src/content.config.ts:4)",
    )
    found = [(p[1], p[4]) for p in problems(tmp_path, "validate")]
    assert found == [(3, "schema"), (4, "unknown-key")]


def test_a_coerced_date_field_checks_pages_instead_of_failing_the_schema(tmp_path: Path) -> None:
    """``z.coerce.date()`` takes a date or text (and more): its type list names ``date`` and ``string``,
    which the meta-schema check reads as one type; the schema is valid and only a wrong type is an error."""
    site = project(
        tmp_path,
        "import { defineCollection } from 'astro:content';\n"
        "import { docsLoader } from '@astrojs/starlight/loaders';\n"
        "import { docsSchema } from '@astrojs/starlight/schema';\n"
        "import { z } from 'astro/zod';\n"
        "export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema({\n"
        "  extend: () => z.object({ closesOn: z.coerce.date().optional() }),\n"
        "}) }) };\n",
    )
    site.write("src/content/docs/a.md", "---\ntitle: A\ncloseson: 2026-09-01\n---\n")
    site.write("src/content/docs/b.md", "---\ntitle: B\nclosesOn: 2026-09-01\n---\n")
    site.write("src/content/docs/c.md", "---\ntitle: C\nclosesOn: 'next week'\n---\n")
    site.write("src/content/docs/d.md", "---\ntitle: D\nclosesOn: {day: 1}\n---\n")
    assert problems(tmp_path, "validate") == [
        (
            "src/content/docs/a.md",
            3,
            1,
            "warning",
            "unknown-key",
            'unknown key "closeson": Starlight ignores it; did you mean "closesOn"?',
        ),
        (
            "src/content/docs/d.md",
            3,
            11,
            "error",
            "schema",
            "closesOn must be a list or true or false or an unquoted date like 2024-09-30 or empty or a number or text,"
            " not a mapping",
        ),
    ]


def test_an_extend_with_the_shape_of_an_unread_import_is_said_once(tmp_path: Path) -> None:
    """``.extend(videos.shape)`` with ``videos`` from a package eduforge does not read: one warning, at the
    import, not a second one calling its argument no object schema."""
    project(
        tmp_path,
        "import { defineCollection, z } from 'astro:content';\n"
        "import { docsLoader } from '@astrojs/starlight/loaders';\n"
        "import { docsSchema } from '@astrojs/starlight/schema';\n"
        "import { videosSchema } from 'starlight-videos/schemas';\n"
        "const extra = z.object({ when: z.string().optional() });\n"
        "export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema({\n"
        "  extend: z.object({}).extend(videosSchema.shape).extend(extra.shape),\n"
        "}) }) };\n",
    )
    assert problems(tmp_path, "validate") == [
        (
            "src/content.config.ts",
            4,
            10,
            "warning",
            "content-config",
            "extend: it is imported from starlight-videos/schemas, which eduforge does not read;"
            " only Starlight's own frontmatter fields are checked, and unknown-key is off",
        ),
    ]


def test_an_unread_schema_of_the_collections_own_is_named_schema_not_extend(tmp_path: Path) -> None:
    """A docs collection whose ``schema`` is a call of the site's own (no docsSchema) is what eduforge
    could not read: the warning names ``schema``, the key written there, not docsSchema's ``extend``."""
    project(
        tmp_path,
        "import { defineCollection } from 'astro:content';\nimport { pageSchema } from './schema';\n"
        "export const collections = { docs: defineCollection({ schema: pageSchema() }) };\n",
        name="src/content/config.ts",
    ).write(
        "src/content/schema.ts",
        "import { make } from 'some-package';\nexport function pageSchema() { return make(); }\n",
    )
    assert [(p[0], p[1], p[2], p[5]) for p in problems(tmp_path, "validate")] == [
        (
            "src/content/schema.ts",
            2,
            39,
            "schema: make() is not a zod schema eduforge can read;"
            " only Starlight's own frontmatter fields are checked, and unknown-key is off",
        ),
    ]


def test_starlight_obsidians_schema_is_known(tmp_path: Path) -> None:
    """``extend: starlightObsidianSchema()`` adds an optional ``tags`` list: read, not a warning that turns
    unknown-key off; ``tag: web`` gets no did-you-mean, as ``tags`` takes a list, not a text; ``tag: [web]`` does."""
    site = project(
        tmp_path,
        "import { defineCollection } from 'astro:content';\n"
        "import { docsLoader } from '@astrojs/starlight/loaders';\n"
        "import { docsSchema } from '@astrojs/starlight/schema';\n"
        "import { starlightObsidianSchema } from 'starlight-obsidian/schema';\n"
        "export const collections = { docs: defineCollection({ loader: docsLoader(),"
        " schema: docsSchema({ extend: starlightObsidianSchema() }) }) };\n",
    )
    site.write("src/content/docs/a.md", "---\ntitle: A\ntags: [git, web]\n---\n")
    site.write("src/content/docs/b.md", "---\ntitle: B\ntag: web\n---\n")
    site.write("src/content/docs/c.md", "---\ntitle: C\ntag: [web]\n---\n")
    site.write("src/content/docs/d.md", "---\ntitle: D\ntags: 3\n---\n")
    assert [(p[0], p[1], p[2], p[4], p[5]) for p in problems(tmp_path, "validate")] == [
        (
            "src/content/docs/b.md",
            3,
            1,
            "unknown-key",
            'unknown key "tag": Starlight ignores it; remove it or check its spelling',
        ),
        ("src/content/docs/c.md", 3, 1, "unknown-key", 'unknown key "tag": Starlight ignores it; did you mean "tags"?'),
        ("src/content/docs/d.md", 3, 7, "schema", "tags must be a list, not the number 3"),
    ]
