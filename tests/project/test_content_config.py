"""The docs collection's schema: Starlight's merged with ``extend`` as Starlight 0.41 merges, and plugins."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zod_values import arr, m, obj, z

from eduforge.config import Settings
from eduforge.project.content_config import ContentConfig, SiteSchema, astro_generated_schema, site_schema
from eduforge.project.values import Call, ImportRef, JSFunction, Member, Param, Position, ReadProblem, Unknown
from eduforge.rules import frontmatter
from eduforge.site.page import load_page
from eduforge.validation import validate

CONFIG = Path("src/content.config.ts")
DOCS_SCHEMA = ImportRef("@astrojs/starlight/schema", "docsSchema", local="docsSchema")
DEFINE = ImportRef("astro:content", "defineCollection", local="defineCollection")
BLOG = ImportRef("starlight-blog/schema", "blogSchema", local="blogSchema")


@dataclass
class Module:
    """What ``eduforge.project.js.load_module`` gives for a content config, written by hand."""

    exports: dict[str, Any]
    problems: list[ReadProblem] = field(default_factory=list)

    def binding(self, name: str) -> Any:
        return self.exports.get(name)


def config_with(schema: Any) -> SiteSchema:
    collections = obj(docs=Call(DEFINE, (obj(schema=schema),)))
    return ContentConfig(CONFIG, Module({"collections": collections})).schema()


def extended(extend: Any) -> SiteSchema:
    return config_with(Call(DOCS_SCHEMA, (obj(extend=extend),)))


def messages(site: SiteSchema, data: dict[str, Any]) -> list[str]:
    return [e.message for e in validate(site.compiled, data)]


LEVEL = z("object", obj(level=z("enum", arr("pemula", "menengah", "mahir")), duration=z("number")))


def test_extension_fields_join_starlights() -> None:
    site = extended(LEVEL)
    assert messages(site, {"title": "A", "level": "mahir", "duration": 30}) == []
    assert messages(site, {"level": "ahli", "duration": "30"}) == [
        'the frontmatter is missing the required key "title"; every Starlight page needs a title',
        'duration must be a number, not the text "30"; remove the quotes so YAML reads it as a number',
        'level must be one of "pemula", "menengah", "mahir"; got the text "ahli"; did you mean "mahir"?',
    ]
    assert site.known_keys is not None and {"title", "draft", "level", "duration"} <= site.known_keys
    assert site.notes == () and site.origin == str(CONFIG)


def test_extend_as_a_function_of_the_context() -> None:
    cover = z("object", obj(cover=Call(Member(Param("context"), "image"), ())))
    site = extended(JSFunction(("context",), None, lambda: cover))
    assert messages(site, {"title": "A", "cover": "./a.png"}) == []
    assert messages(site, {"title": "A"}) == ['the frontmatter is missing the required key "cover"']


def test_an_extension_key_overrides_starlights() -> None:
    site = extended(z("object", obj(title=m(z("string"), "optional"))))
    assert messages(site, {}) == []


def test_objects_merge_deeply_as_starlight_does() -> None:
    site = extended(z("object", obj(sidebar=z("object", obj(group=z("string"))))))
    assert messages(site, {"title": "A", "sidebar": {"group": "g", "order": 2}}) == []
    assert messages(site, {"title": "A", "sidebar": {"group": "g", "order": "2"}}) == [
        'sidebar.order must be a number, not the text "2"; remove the quotes so YAML reads it as a number'
    ]
    assert messages(site, {"title": "A", "sidebar": {"order": 1}}) == ['sidebar is missing the required key "group"']


def test_docs_schema_called_inside_a_function_then_merged() -> None:
    """``schema: (context) => docsSchema()(context).merge(z.object({...}))``."""
    inner = Call(Call(DOCS_SCHEMA, ()), (Param("context"),))
    merged = m(inner, "merge", z("object", obj(ogImage=m(z("string"), "url"))))
    site = config_with(JSFunction(("context",), None, lambda: merged))
    assert messages(site, {"title": "A", "ogImage": "https://x.id/a.png"}) == []
    assert messages(site, {"title": 1, "ogImage": "a.png"}) == [
        'ogImage must be a URL such as https://example.org/page; got the text "a.png"',
        "title must be text, not the number 1",
    ]
    assert site.known_keys is not None and "ogImage" in site.known_keys


def test_starlight_blog_schema_by_its_import() -> None:
    site = extended(JSFunction(("context",), None, lambda: Call(BLOG, (Param("context"),))))
    assert messages(site, {"title": "A"}) == []  # blogSchema(context) is .partial(): date is optional
    assert messages(site, {"title": "A", "date": dt.date(2024, 2, 17), "tags": ["a"], "authors": "Ani"}) == []
    assert messages(site, {"title": "A", "date": "2024-02-17"}) == [
        'date must be an unquoted date like 2024-09-30, not the text "2024-02-17"; remove the quotes so YAML reads it as a date'
    ]
    assert messages(site, {"title": "A", "featured": "ya"}) == [
        'featured must be true or false, not the text "ya"; write true (unquoted: YAML 1.2 reads ya as text)'
    ]
    assert site.known_keys is not None and {"authors", "cover", "excerpt", "featured", "metrics"} <= site.known_keys


def test_blog_schema_merged_with_the_sites_own_fields() -> None:
    """``extend: (context) => blogSchema(context).merge(z.object({ npmPackage: z.string().optional() }))``."""
    own = z("object", obj(npmPackage=m(z("string"), "optional")))
    site = extended(JSFunction(("context",), None, lambda: m(Call(BLOG, (Param("context"),)), "merge", own)))
    assert messages(site, {"title": "A", "npmPackage": 1}) == ["npmPackage must be text, not the number 1"]
    assert site.known_keys is not None and {"npmPackage", "tags", "title"} <= site.known_keys


AT = Position(CONFIG, 9, 13)


def test_computed_extend_loosens_and_says_so() -> None:
    site = extended(Unknown("calls makeSchema()", AT))
    assert messages(site, {"title": "A", "anything": 1}) == []
    assert site.known_keys is None  # unknown-key cannot know the keys: it stays silent
    assert site.notes == (
        "field (the whole frontmatter) is not fully checked: extend cannot be read statically: calls makeSchema()"
        " (src/content.config.ts:9)",
    )
    assert site.warnings == (
        (
            "src/content.config.ts",
            9,
            13,
            "extend cannot be read statically: calls makeSchema(); only Starlight's own frontmatter fields"
            " are checked, and unknown-key is off",
        ),
    )


def test_no_docs_collection() -> None:
    blog = obj(blog=Call(DEFINE, (obj(),)))
    blog.position = Position(CONFIG, 4, 28)
    site = ContentConfig(CONFIG, Module({"collections": blog})).schema()
    assert site.origin == "built-in"
    message = "the content config defines no docs collection; only Starlight's own frontmatter fields are checked"
    assert site.warnings == (("src/content.config.ts", 4, 28, message),)


def test_no_collections_export_reports_the_readers_problem() -> None:
    module = Module({}, problems=[ReadProblem(Position(CONFIG, 3, 1), "syntax error: unexpected '}'")])
    site = ContentConfig(CONFIG, module).schema()
    assert site.warnings == (
        ("src/content.config.ts", 3, 1, "syntax error: unexpected '}'"),
        (
            "src/content.config.ts",
            1,
            1,
            "the content config exports no collections object; only Starlight's own frontmatter fields are checked",
        ),
    )


def test_no_content_config(tmp_path: Path) -> None:
    site = site_schema(tmp_path)
    assert site.origin == "built-in"
    assert site.notes == ("no content config (src/content.config.ts); using the built-in Starlight schema",)


ASTRO = {
    "$ref": "#/definitions/docs",
    "definitions": {
        "docs": {
            "type": "object",
            "properties": {
                "title": {"type": "string"},
                "date": {
                    "anyOf": [
                        {"type": "string", "format": "date-time"},
                        {"type": "string", "format": "date"},
                        {"type": "integer", "format": "unix-time"},
                    ]
                },
                "updated": {"type": "string", "format": "date-time"},
                "meta": {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": False},
            },
            "required": ["title"],
            "additionalProperties": False,
        }
    },
    "$schema": "http://json-schema.org/draft-07/schema#",
}


def test_astro_generated_schema(tmp_path: Path) -> None:
    import json

    generated = tmp_path / ".astro" / "collections" / "docs.schema.json"
    generated.parent.mkdir(parents=True)
    generated.write_text(json.dumps(ASTRO), encoding="utf-8")
    site = astro_generated_schema(generated, None)
    day = dt.date(2024, 9, 30)
    assert messages(site, {"title": "A", "date": day, "updated": day, "extra": 1, "meta": {"a": "x", "b": 1}}) == []
    assert messages(site, {"title": "A", "date": "2024-09-30"}) == [
        'date must be an unquoted date like 2024-09-30, not the text "2024-09-30"; remove the quotes so YAML reads it as a date'
    ]
    assert site.known_keys == frozenset({"title", "date", "updated", "meta"})


def test_schema_astro_falls_back_when_the_generated_file_is_stale(tmp_path: Path) -> None:
    generated = tmp_path / ".astro" / "collections" / "docs.schema.json"
    generated.parent.mkdir(parents=True)
    generated.write_text("{}", encoding="utf-8")
    config = tmp_path / "src" / "content.config.ts"
    config.parent.mkdir()
    config.write_text("export const collections = {};\n", encoding="utf-8")
    os.utime(generated, (1_000_000, 1_000_000))
    site = site_schema(tmp_path, mode="astro")
    assert site.warnings[0] == (
        ".astro/collections/docs.schema.json",
        1,
        1,
        ".astro/collections/docs.schema.json is older than src/content.config.ts; run astro sync"
        " (meanwhile eduforge reads the content config itself)",
    )
    missing = site_schema(tmp_path / "src", mode="astro")
    assert missing.warnings[0][3].startswith(".astro/collections/docs.schema.json does not exist; run astro sync")


# --- the schema and unknown-key rules on pages ----------------------------------------------


def lint(site: SiteSchema, text: str, name: str = "page.md") -> list[str]:
    page = load_page(Path(name), "page", name, "", (), text=text)
    settings = Settings(project_root=Path.cwd(), config_file=None, content=Path.cwd(), site_schema=site)
    return [f"{p.line}:{p.column} {p.rule} {p.message}" for p in frontmatter.check(page, settings)]


def test_rules_use_the_site_schema() -> None:
    site = extended(LEVEL)
    text = "---\ntitle: Git\nlevl: mahir\nlevel: ahli\nduration: '30'\n---\n"
    assert lint(site, text) == [
        '5:11 schema duration must be a number, not the text "30"; remove the quotes so YAML reads it as a number',
        '4:8 schema level must be one of "pemula", "menengah", "mahir"; got the text "ahli"; did you mean "mahir"?',
        '3:1 unknown-key unknown key "levl": Starlight ignores it; remove it or check its spelling',  # level is there
    ]


def test_a_missing_extension_field_is_reported_at_the_opening_fence() -> None:
    assert lint(extended(LEVEL), "---\ntitle: Git\nduration: 5\n---\n") == [
        '1:1 schema the frontmatter is missing the required key "level"'
    ]


def test_a_key_the_mdx_page_reads_is_not_unknown() -> None:
    site = extended(LEVEL)
    text = (
        "---\ntitle: Git\nlevel: pemula\nduration: 5\nvideoId: abc\nmood: ok\n---\n\n"
        "<YouTube id={frontmatter.videoId} />\n"
    )
    assert lint(site, text, "page.mdx") == [
        '6:1 unknown-key unknown key "mood": Starlight ignores it; remove it or check its spelling'
    ]
    assert lint(site, text.replace("frontmatter.videoId", "frontmatter['videoId']"), "page.mdx") == [
        '6:1 unknown-key unknown key "mood": Starlight ignores it; remove it or check its spelling'
    ]
    assert len(lint(site, text, "page.md")) == 2  # plain Markdown has no expressions: both keys are unused


def test_before_starlight_0_41_4_the_extension_is_intersected() -> None:
    """``StarlightFrontmatterSchema(context).and(UserSchema)``: both must accept the page."""
    relax = z("object", obj(title=m(z("string"), "optional"), level=z("enum", arr("pemula", "mahir"))))
    collections = obj(docs=Call(DEFINE, (obj(schema=Call(DOCS_SCHEMA, (obj(extend=relax),))),)))
    old = ContentConfig(CONFIG, Module({"collections": collections}), intersect=True).schema()
    assert messages(old, {"level": "ahli"}) == [
        'the frontmatter is missing the required key "title"; every Starlight page needs a title',
        'level must be one of "pemula", "mahir"; got the text "ahli"; did you mean "mahir"?',
    ]
    assert old.known_keys is not None and {"title", "level", "sidebar"} <= old.known_keys
    new = ContentConfig(CONFIG, Module({"collections": collections})).schema()
    assert messages(new, {"level": "mahir"}) == []


def test_the_project_starlight_version_picks_the_merge(tmp_path: Path) -> None:
    config = tmp_path / "src" / "content.config.ts"
    config.parent.mkdir()
    config.write_text(
        "import { z } from 'astro:content';\nimport { docsSchema } from '@astrojs/starlight/schema';\n"
        "export const collections = { docs: { schema: docsSchema({ extend: z.object({ title: z.string().optional() }) }) } };\n",
        encoding="utf-8",
    )
    assert messages(site_schema(tmp_path, starlight_version="0.41.11"), {}) == []
    assert len(messages(site_schema(tmp_path, starlight_version="^0.28.0"), {})) == 1
    assert messages(site_schema(tmp_path), {}) == []  # unknown: the current release
