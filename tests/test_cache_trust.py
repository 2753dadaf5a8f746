"""The cache never lies: whatever is in .eduforge-cache, a run reports what a cache-less run reports."""

from __future__ import annotations

import hashlib
import marshal
import os
import random
import time
from pathlib import Path

import pytest

from eduforge import cache as cache_module
from eduforge.cache import MAGIC, read_sealed, seal
from eduforge.config import load_settings
from eduforge.engine import lint
from helpers import SiteBuilder, run

Found = list[tuple[str, int, int, str, str]]


def results(root: Path, use_cache: bool = True) -> Found:
    result = lint(load_settings(cwd=root), use_cache=use_cache)
    return [(p.path, p.line, p.column, p.rule, p.message) for p in result.problems]


@pytest.fixture
def trusted_stat(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test count as old enough for the stat shortcut (else it is never taken)."""
    monkeypatch.setattr(cache_module, "STAT_TRUST_NS", 0)


@pytest.fixture
def curriculum(site: SiteBuilder, trusted_stat: None) -> SiteBuilder:
    site.page("index.md", "---\ntitle: Home\n---\n\n[a](/pusat-belajar/a/) [b](/pusat-belajar/b/#dua)\n")
    site.page("a.md", "---\ntitle: A\n---\n\n## Satu\n")
    site.page("bad.md", "---\ntitle: Bad\ndraft: yes\n---\n\n[gone](/pusat-belajar/gone/)\n")
    site.page("b.md", "---\ntitle: B\n---\n\n## Dua\n")
    return site


def cache_files(root: Path) -> dict[Path, bytes]:
    """Every file of the cache folder but its .gitignore: the index, the records, the delta, the memos."""
    return {file: file.read_bytes() for file in sorted((root / ".eduforge-cache").glob("*-*"))}


def restore(root: Path, pristine: dict[Path, bytes]) -> None:
    for file in (root / ".eduforge-cache").glob("*-*"):
        file.unlink()
    for file, data in pristine.items():
        file.write_bytes(data)


def flip_bits(generator: random.Random, root: Path, pristine: dict[Path, bytes]) -> Path:
    """Restore the cache, then flip 1-8 random bits of one of its files; that file."""
    restore(root, pristine)
    file = generator.choice(list(pristine))
    data = bytearray(pristine[file])
    for _ in range(generator.randint(1, 8)):
        position = generator.randrange(len(data))
        data[position] ^= 1 << generator.randrange(8)
    file.write_bytes(bytes(data))
    return file


def warm(root: Path) -> tuple[Found, dict[Path, bytes]]:
    reference = results(root, use_cache=False)
    assert results(root) == reference  # writes the cache
    assert results(root) == reference  # reads it (stat shortcut and the links memo)
    pristine = cache_files(root)
    assert sorted(file.name.split("-")[0] for file in pristine) == [
        "folders",
        "links",
        "lookup",
        "pages",
        "records",
        "sidebar",
    ]
    return reference, pristine


def test_the_reference_has_errors(curriculum: SiteBuilder) -> None:
    reference, _ = warm(curriculum.root)
    assert [(p[0], p[3]) for p in reference] == [("docs/bad.md", "schema"), ("docs/bad.md", "link-target")]


def test_random_bit_flips_never_change_the_result(curriculum: SiteBuilder) -> None:
    root = curriculum.root
    reference, pristine = warm(root)
    # a delta file too: one page changed and back, so every kind of cache file is attacked
    generator = random.Random(13)
    slowest = 0.0
    for _round in range(300):
        file = flip_bits(generator, root, pristine)
        started = time.perf_counter()
        assert results(root) == reference, (_round, file.name)
        slowest = max(slowest, time.perf_counter() - started)
    assert slowest < 2.0


@pytest.mark.parametrize("size", [0, 5, 16, 47, 48, 100, -1])
def test_a_truncated_cache_file_is_a_miss_and_is_healed(curriculum: SiteBuilder, size: int) -> None:
    root = curriculum.root
    reference, pristine = warm(root)
    for file, data in pristine.items():
        restore(root, pristine)
        file.write_bytes(data[:size])
        assert results(root) == reference
        if file.name.startswith("pages-"):
            assert read_sealed(file, "pages", file.stem.split("-", 1)[1]) is not None  # rewritten whole


def test_five_bytes_never_make_a_run_exit_3(curriculum: SiteBuilder) -> None:
    root = curriculum.root
    first = run(root, "lint")
    assert first.exit_code == 1
    for file in (root / ".eduforge-cache").glob("*-*"):
        file.write_bytes(b"\xff\xff\xff\xff\x7f")
    again = run(root, "lint")
    assert (again.exit_code, again.output) == (1, first.output)


def _claim_clean(root: Path) -> tuple[dict[str, object], str, Path]:
    """The site index with docs/bad.md marked clean (no load issue, no page-local problem to report)."""
    file = next((root / ".eduforge-cache").glob("pages-*.marshal"))
    key = file.stem.split("-", 1)[1]
    index = read_sealed(file, "pages", key)
    size, stamp, file_digest, ident, offset, length = index["pages"]["docs/bad.md"]
    index["pages"]["docs/bad.md"] = (size, stamp, file_digest, (*ident[:9], True), offset, length)
    return index, key, file


def test_a_crafted_payload_claiming_a_page_is_clean_is_never_believed(curriculum: SiteBuilder) -> None:
    root = curriculum.root
    reference, pristine = warm(root)
    entries, key, file = _claim_clean(root)
    links = next((root / ".eduforge-cache").glob("links-*.marshal"))
    memo = read_sealed(links, "links", key)
    memo["pages"] = {path: (deps, []) for path, (deps, _problems) in memo["pages"].items()}
    crafted = {
        "old format, plain marshal": (marshal.dumps(entries), marshal.dumps(memo)),
        "the sealed format with a guessed key": (
            _forged(b"\x00" * 32, "pages", key, entries),
            _forged(b"\x00" * 32, "links", key, memo),
        ),
        "sealed for another kind of file": (seal("links", key, entries), seal("pages", key, memo)),
        "sealed for another cache key": (seal("pages", "0" * 24, entries), seal("links", "0" * 24, memo)),
    }
    for name, (pages_data, links_data) in crafted.items():
        restore(root, pristine)
        file.write_bytes(pages_data)
        links.write_bytes(links_data)
        assert results(root) == reference, name
    # the same payloads sealed with this machine's key are believed: the test would catch a bypass
    restore(root, pristine)
    file.write_bytes(seal("pages", key, entries))
    assert [p[3] for p in results(root)] == ["link-target"]


def _forged(key: bytes, kind: str, cache_key: str, value: object) -> bytes:
    payload = marshal.dumps(value)
    h = hashlib.blake2b(key=key, digest_size=32, person=b"eduforge-cache")
    h.update(f"{kind}|{cache_key}|{len(payload)}|".encode())
    h.update(payload)
    return MAGIC + len(payload).to_bytes(8, "big") + h.digest() + payload


def test_an_oversized_cache_file_is_never_read(curriculum: SiteBuilder, monkeypatch: pytest.MonkeyPatch) -> None:
    root = curriculum.root
    reference, _ = warm(root)
    monkeypatch.setattr(cache_module, "MAX_CACHE_BYTES", 64)
    assert results(root) == reference


def test_same_size_and_a_restored_mtime_are_not_trusted(curriculum: SiteBuilder) -> None:
    root = curriculum.root
    page = root / "docs/a.md"
    assert results(root) and results(root)
    before = os.stat(page)
    page.write_text("---\ntitle: A\ndraft: 1\n---\n\n## Satu\n"[: before.st_size].ljust(before.st_size, "\n"))
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(page)
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert ("docs/a.md", 3, 8, "schema") in [p[:4] for p in results(root)]
    assert results(root) == results(root, use_cache=False)


def test_a_ref_into_a_schema_subfolder_is_in_the_cache_key(site: SiteBuilder, trusted_stat: None) -> None:
    site.write("eduforge.toml", 'content = "docs"\nbase = "/pusat-belajar"\nschema = "schemas/page.json"\n')
    site.write("schemas/page.json", '{"type": "object", "properties": {"title": {"$ref": "defs/title.json"}}}')
    site.write("schemas/defs/title.json", '{"type": "string"}')
    site.page("a.md", "---\ntitle: Short\n---\n")
    assert results(site.root) == []
    site.write("schemas/defs/title.json", '{"type": "string", "minLength": 10}')
    assert [p[3] for p in results(site.root)] == ["schema"]
    assert results(site.root) == results(site.root, use_cache=False)


def test_every_write_leaves_a_gitignore_of_star(curriculum: SiteBuilder) -> None:
    root = curriculum.root
    ignore = root / ".eduforge-cache/.gitignore"
    results(root)
    assert ignore.read_text().splitlines()[-1] == "*"
    ignore.write_text("!important\n")
    curriculum.page("a.md", "---\ntitle: A changed\n---\n")
    results(root)
    assert ignore.read_text() == "# written by eduforge: a cache is never committed\n*\n"


def test_a_remembered_folder_listing_is_used_only_while_the_folder_is_unchanged(
    site: SiteBuilder, trusted_stat: None
) -> None:
    site.page("a.md", "---\ntitle: A\n---\n\n[b](/pusat-belajar/sub/b/)\n")
    site.page("sub/x.md", "---\ntitle: X\n---\n")
    sub = site.root / "docs/sub"
    assert [p[3] for p in results(site.root)] == ["link-target"]
    listings = next((site.root / ".eduforge-cache").glob("folders-*.marshal"))
    key = listings.stem.split("-", 1)[1]
    remembered = read_sealed(listings, "folders", key)["folders"]
    assert sorted(Path(folder).name for folder in remembered) == ["docs", "sub"]
    for step, (change, expected) in enumerate(
        [
            (lambda: site.page("sub/b.md", "---\ntitle: B\n---\n"), []),
            (lambda: (sub / "b.md").rename(sub / "c.md"), ["link-target"]),
            (lambda: (sub / "c.md").rename(sub / "b.md"), []),
            (lambda: (sub / "b.md").unlink(), ["link-target"]),
        ],
        start=1,
    ):
        change()
        os.utime(sub, ns=(step * 10**9, step * 10**9))  # a distinct mtime even within one clock tick
        assert [p[3] for p in results(site.root)] == expected, step
        assert results(site.root) == results(site.root, use_cache=False)


def hook_results(root: Path, *paths: str, use_cache: bool = True) -> tuple[Found, bool]:
    """A commit-hook run on ``paths``, and whether it answered from the lookup file."""
    result = lint(load_settings(cwd=root), [root / path for path in paths], use_cache=use_cache)
    found = [(p.path, p.line, p.column, p.rule, p.message) for p in result.problems]
    return found, any("commit-hook run" in note for note in result.notes)


def test_random_bit_flips_never_change_what_the_hook_reports(curriculum: SiteBuilder) -> None:
    root = curriculum.root
    _reference, pristine = warm(root)
    expected = {page: hook_results(root, page, use_cache=False)[0] for page in ("docs/index.md", "docs/bad.md")}
    assert hook_results(root, "docs/index.md") == (expected["docs/index.md"], True)
    generator = random.Random(29)
    for _round in range(200):
        file = flip_bits(generator, root, pristine)
        for page, found in expected.items():
            assert hook_results(root, page)[0] == found, (_round, file.name, page)


def test_a_validate_hook_run_reports_what_a_run_without_the_cache_does(curriculum: SiteBuilder) -> None:
    root = curriculum.root
    warm(root)
    curriculum.page("a.md", "---\ntitle: A\ndraft: maybe\n---\n\n## Satu\n\n<Unknown />\n")
    settings = load_settings(cwd=root)
    for families in [("schema",), ("schema", "links")]:
        hooked = lint(settings, [root / "docs/a.md"], families, use_cache=True)
        fresh = lint(settings, [root / "docs/a.md"], families, use_cache=False)
        assert any("commit-hook run" in note for note in hooked.notes)
        assert hooked.problems == fresh.problems
        assert [p.rule for p in hooked.problems] == ["schema"]
