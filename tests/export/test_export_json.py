"""The JSON export: its shape (validated against schemas/export.schema.json), order, and content."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from exporthelpers import SCHEMA, export

from helpers import SiteBuilder


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def export_json(root: Path, *args: str) -> dict[str, Any]:
    result = export(root, "--format", "json", "-o", "-", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def valid(validator: jsonschema.Draft202012Validator, document: dict[str, Any]) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert errors == []


@pytest.mark.parametrize("name", ["pusat", "ordering", "i18n"])
def test_real_exports_match_the_schema(
    fixture_site: Callable[[str], Path], validator: jsonschema.Draft202012Validator, name: str
) -> None:
    root = fixture_site(name)
    valid(validator, export_json(root))
    valid(validator, export_json(root, "--include-drafts", "--jsonld"))


def test_the_sample_curriculum_matches_the_schema(validator: jsonschema.Draft202012Validator) -> None:
    root = Path(__file__).parents[2]
    valid(validator, export_json(root, "--jsonld"))


def test_lessons_in_reading_order_with_their_facts(fixture_site: Callable[[str], Path]) -> None:
    document = export_json(fixture_site("pusat"))
    assert document["version"] == 2
    assert document["site"]["title"] == "Pusat Belajar" and document["site"]["base"] == "/pusat-belajar"
    lessons = document["lessons"]
    assert [(lesson["id"], lesson["position"]) for lesson in lessons] == [
        ("", 1),
        ("pengenalan", 2),
        ("tutorials/git/instalasi-git", 3),
        ("tutorials/git/perintah-dasar", 4),
        ("tutorials/backend/server-http", 5),
        ("how-to/ssh", 6),
        ("references/kode-status-http", 7),
        ("references/catatan-rahasia", None),
    ]
    assert lessons[0]["label"] == "Beranda" and lessons[0]["title"] == "Pusat Belajar"
    git = lessons[2]
    assert git["url"] == "/pusat-belajar/tutorials/git/instalasi-git/"
    assert git["path"] == "docs/tutorials/Git/instalasi-git.mdx"
    assert git["section"] == "tutorials/Git" and git["type"] == "tutorial" and git["label"] == "Instalasi Git"
    assert git["prev"] == {"url": "/pusat-belajar/pengenalan/", "label": "Pengenalan", "id": "pengenalan"}
    assert git["next"] == {
        "url": "/pusat-belajar/tutorials/git/perintah-dasar/",
        "label": "Perintah Dasar Git",
        "id": "tutorials/git/perintah-dasar",
    }
    assert [h["id"] for h in git["headings"]] == ["langkah-instalasi", "mengatur-identitas"]
    assert git["word_count"] > 20 and git["reading_minutes"] == 1
    assert git["markdown"].startswith("\nGit mencatat") and "import" not in git["markdown"]
    assert (
        '<a data-lesson="tutorials/git/perintah-dasar" href="/pusat-belajar/tutorials/git/perintah-dasar/">'
        in git["html"]
    )
    assert {
        "href": "./images/diagram.png",
        "kind": "image",
        "lesson": None,
        "file": True,
        "asset": "docs/tutorials/Git/images/diagram.png",  # -o -: the source, from the current folder
    } in git["links"]["internal"]
    assert lessons[6]["next"] is None  # next: false
    intro = lessons[1]
    assert intro["frontmatter"]["lastUpdated"] == "2024-09-30"
    assert intro["links"]["internal"][0]["lesson"] == "tutorials/git/instalasi-git"
    assert {"href": "../how-to/ssh/", "kind": "link", "lesson": "how-to/ssh", "file": False, "asset": None} in intro[
        "links"
    ]["internal"]
    assert all(not lesson["draft"] for lesson in lessons)
    sections = document["sections"]
    assert [entry.get("label") for entry in sections] == ["Beranda", "Pengenalan", "tutorials", "how-to", "references"]
    assert [child["label"] for child in sections[2]["children"]] == ["Git", "Backend"]


def test_drafts_only_with_include_drafts(fixture_site: Callable[[str], Path]) -> None:
    root = fixture_site("pusat")
    assert "tutorials/backend/pendahuluan" not in [lesson["id"] for lesson in export_json(root)["lessons"]]
    lessons = {lesson["id"]: lesson for lesson in export_json(root, "--include-drafts")["lessons"]}
    assert lessons["tutorials/backend/pendahuluan"]["draft"] is True
    assert lessons["tutorials/backend/pendahuluan"]["position"] == 5


def test_jsonld_course_parts(fixture_site: Callable[[str], Path]) -> None:
    document = export_json(fixture_site("pusat"), "--jsonld")
    [course] = document["jsonld"]["@graph"]
    assert document["jsonld"]["@context"] == "https://schema.org"
    assert course["@type"] == "Course" and course["name"] == "Pusat Belajar" and course["inLanguage"] == "en"
    parts = course["hasPart"]
    assert parts[2] == {
        "@type": "LearningResource",
        "name": "Instalasi Git",
        "url": "/pusat-belajar/tutorials/git/instalasi-git/",
        "inLanguage": "en",
        "position": 3,
        "learningResourceType": "tutorial",
        "description": "Memasang Git dan mengatur identitasmu.",
    }
    assert parts[5]["learningResourceType"] == "how-to guide" and parts[6]["learningResourceType"] == "reference"
    assert "learningResourceType" not in parts[0] and "learningResourceType" not in parts[1]


def test_locales_and_fallbacks(fixture_site: Callable[[str], Path]) -> None:
    document = export_json(fixture_site("i18n"), "--lang", "en")
    locales = document["site"]["locales"]
    assert [(entry["locale"], entry["lang"], entry["default"]) for entry in locales] == [
        (None, "en", True),
        ("de", "de", False),
    ]
    german = [lesson for lesson in document["lessons"] if lesson["locale"] == "de"]
    assert [(lesson["id"], lesson["fallback"], lesson["path"]) for lesson in german] == [
        ("de/guide/a", False, "docs/de/guide/a.md"),
        ("de/guide/b", True, "docs/guide/b.md"),
        ("de", False, "docs/de/index.md"),
    ]


def test_frontmatter_dates_and_specials_become_json(site: SiteBuilder) -> None:
    site.page("a.md", "---\ntitle: A\nlastUpdated: 2024-01-02T03:04:05Z\nsidebar:\n  order: .inf\n---\nText\n")
    lesson = export_json(site.root)["lessons"][0]
    assert lesson["frontmatter"]["lastUpdated"] == "2024-01-02T03:04:05Z"
    assert lesson["frontmatter"]["sidebar"]["order"] is None


def test_json_to_a_file_and_replacing_an_earlier_export(fixture_site: Callable[[str], Path]) -> None:
    root = fixture_site("pusat")
    assert export(root, "--format", "json", "-o", "out/curriculum.json").exit_code == 0
    first = (root / "out/curriculum.json").read_bytes()
    assert json.loads(first)["version"] == 2
    assert export(root, "--format", "json", "-o", "out/curriculum.json").exit_code == 0  # an earlier export: replaced
    assert (root / "out/curriculum.json").read_bytes() == first


def test_a_site_with_no_published_page_exports_no_lessons(
    tmp_path: Path, validator: jsonschema.Draft202012Validator
) -> None:
    """Found by fuzzing: no lesson to write was an IndexError, exit 3."""
    site = SiteBuilder(tmp_path)
    site.write("eduforge.toml", 'content = "docs"\n')
    site.page("only-draft.md", "---\ntitle: Draf\ndraft: true\n---\n")
    site.page("_partial.md", "---\ntitle: Bagian\n---\n")
    document = export_json(site.root)
    valid(validator, document)
    assert document["lessons"] == []
