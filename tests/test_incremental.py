"""Link checks by dependency: after a change, only the pages it can reach are checked again,
and a cached run always reports exactly what a run without the cache reports."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from eduforge.cache import PageCache
from eduforge.config import load_settings
from eduforge.engine import MEMO_FROM, lint
from helpers import SiteBuilder

Found = list[tuple[str, int, int, str, str]]


def checked(root: Path, *paths: str) -> tuple[Found, int]:
    """The problems of a cached run, and on how many pages it checked links again."""
    result = lint(load_settings(cwd=root), [root / path for path in paths], use_cache=True)
    note = next(note for note in result.notes if note.startswith("links checked on "))
    count = re.match(r"links checked on (\d+) pages?", note)
    assert count is not None
    return [(p.path, p.line, p.column, p.rule, p.message) for p in result.problems], int(count.group(1))


def reference(root: Path) -> Found:
    result = lint(load_settings(cwd=root), use_cache=False)
    return [(p.path, p.line, p.column, p.rule, p.message) for p in result.problems]


def same_as_without_cache(root: Path) -> tuple[Found, int]:
    found, count = checked(root)
    assert found == reference(root)
    return found, count


def hook(root: Path, *paths: str) -> Found:
    """A commit-hook run (the given pages only, warm cache), checked against the same run without the cache."""
    found, _count = checked(root, *paths)
    result = lint(load_settings(cwd=root), [root / path for path in paths], use_cache=False)
    assert found == [(p.path, p.line, p.column, p.rule, p.message) for p in result.problems]
    return found


@pytest.fixture
def records_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths whose cached records the runs read (the site index alone serves the other pages)."""
    paths: list[str] = []
    real = PageCache.read_record

    def read_record(cache: PageCache, path: str, entry: tuple[object, ...]) -> object:
        paths.append(path)
        return real(cache, path, entry)

    monkeypatch.setattr(PageCache, "read_record", read_record)
    return paths


@pytest.fixture
def course(site: SiteBuilder) -> SiteBuilder:
    """Ten pages: a links to b's heading, c links to a, the rest link to nothing but themselves."""
    site.page("a.md", "---\ntitle: A\n---\n\n[b](/pusat-belajar/b/#dua)\n")
    site.page("b.md", "---\ntitle: B\n---\n\n## Dua\n")
    site.page("c.md", "---\ntitle: C\n---\n\n[a](/pusat-belajar/a/) [new](/pusat-belajar/baru/)\n")
    for k in range(7):
        site.page(f"other-{k}.md", f"---\ntitle: Other {k}\n---\n\n## Bagian\n\n[self](#bagian)\n")
    found, count = same_as_without_cache(site.root)
    assert count == 10
    assert [(p[0], p[3]) for p in found] == [("docs/c.md", "link-target")]
    assert checked(site.root) == (found, 0)  # warm: nothing checked again
    return site


def test_an_edit_no_link_reaches_checks_only_that_page(course: SiteBuilder) -> None:
    course.page("other-3.md", "---\ntitle: Other 3\n---\n\n## Bagian\n\nMore text. [gone](#nowhere)\n")
    found, count = same_as_without_cache(course.root)
    # other-3 itself, and c.md: it had a problem, and a did-you-mean may change with any page
    assert count == 2
    assert ("docs/other-3.md", 7, 19, "link-anchor") in [p[:4] for p in found]
    assert checked(course.root)[1] == 0


def test_renaming_a_heading_rechecks_the_links_to_it(course: SiteBuilder) -> None:
    course.page("b.md", "---\ntitle: B\n---\n\n## Tiga\n")
    found, count = same_as_without_cache(course.root)
    assert count == 3  # b, a (links to b), c (had a problem)
    assert found[0] == (
        "docs/a.md",
        5,
        5,
        "link-anchor",
        'link "/pusat-belajar/b/#dua": no heading or id "dua" on docs/b.md',
    )


def test_deleting_a_page_rechecks_the_links_to_it(course: SiteBuilder) -> None:
    (course.root / "docs/a.md").unlink()
    found, count = same_as_without_cache(course.root)
    assert count == 1  # c only: it links to a
    assert [(p[0], p[1], p[2], p[3]) for p in found] == [
        ("docs/c.md", 5, 5, "link-target"),
        ("docs/c.md", 5, 30, "link-target"),
    ]


def test_a_link_resolved_once_is_a_dependency_of_every_page_that_makes_it(site: SiteBuilder) -> None:
    # the resolver decides /pusat-belajar/b/ once (for one.md): two.md's check must depend on b all the same
    site.page("b.md", "---\ntitle: B\n---\n")
    site.page("one.md", "---\ntitle: One\n---\n\n[b](/pusat-belajar/b/)\n")
    site.page("two.md", "---\ntitle: Two\n---\n\nSee [b](/pusat-belajar/b/).\n")
    assert same_as_without_cache(site.root) == ([], 3)
    (site.root / "docs/b.md").unlink()
    found, count = same_as_without_cache(site.root)
    assert count == 2
    assert [p[:4] for p in found] == [("docs/one.md", 5, 5, "link-target"), ("docs/two.md", 5, 9, "link-target")]


def test_adding_the_page_a_broken_link_wanted_clears_it(course: SiteBuilder) -> None:
    course.page("baru.md", "---\ntitle: Baru\n---\n")
    found, count = same_as_without_cache(course.root)
    assert found == []
    assert count == 2  # the new page, and c.md whose broken link now reaches it


def test_a_src_pages_route_is_a_change_of_every_verdict(course: SiteBuilder) -> None:
    course.write("src/pages/baru.astro", "---\n---\n<p>hi</p>\n")
    found, count = same_as_without_cache(course.root)
    assert found == []
    assert count == 10


def test_an_astro_config_change_is_a_change_of_every_verdict(course: SiteBuilder) -> None:
    course.write(
        "astro.config.mjs",
        "export default { base: '/pusat-belajar', redirects: { '/baru': '/pusat-belajar/a/' } };\n",
    )
    found, _count = same_as_without_cache(course.root)
    assert found == []


def test_a_commit_hook_run_never_leaves_a_stale_verdict_behind(course: SiteBuilder) -> None:
    """The hook checks only b.md; a.md's link to b's old heading must be checked by the next whole run."""
    course.page("b.md", "---\ntitle: B\n---\n\n## Tiga\n")
    found, count = checked(course.root, "docs/b.md")
    assert (found, count) == ([], 1)
    found, count = same_as_without_cache(course.root)
    assert [(p[0], p[3]) for p in found] == [("docs/a.md", "link-anchor"), ("docs/c.md", "link-target")]
    assert count == 3  # the hook run left the memo as it was: b, a (links to b), c (had a problem)


def test_a_moved_page_rechecks_links_to_its_old_and_new_url(course: SiteBuilder) -> None:
    (course.root / "docs/b.md").rename(course.root / "docs/baru.md")
    found, count = same_as_without_cache(course.root)
    assert [(p[0], p[3]) for p in found] == [("docs/a.md", "link-target")]
    assert count == 3  # baru (new path), a (linked to /b/), c (linked to /baru/)


def test_a_draft_target_is_a_change_for_its_linkers(course: SiteBuilder) -> None:
    course.page("b.md", "---\ntitle: B\ndraft: true\n---\n\n## Dua\n")
    found, _count = same_as_without_cache(course.root)
    assert ("docs/a.md", "link-draft") in [(p[0], p[3]) for p in found]


def test_fallback_pages_are_dependencies_of_translated_links(site: SiteBuilder) -> None:
    site.write(
        "astro.config.mjs",
        "export default { base: '/pusat-belajar', integrations: [starlight({ title: 'T', locales: "
        "{ root: { label: 'Indonesia', lang: 'id' }, en: { label: 'English', lang: 'en' } } })] };\n",
    )
    site.page("x.md", "---\ntitle: X\n---\n\n## Satu\n")
    site.page("en/y.md", "---\ntitle: Y\n---\n\n[x](/pusat-belajar/en/x/#satu)\n")
    assert same_as_without_cache(site.root)[0] == []
    site.page("x.md", "---\ntitle: X\n---\n\n## Dua\n")
    found, count = same_as_without_cache(site.root)
    assert [(p[0], p[3]) for p in found] == [("docs/en/y.md", "link-anchor")]
    assert count == 2


def test_random_edits_never_leave_a_stale_verdict(site: SiteBuilder) -> None:
    """Seeded edits (headings renamed, pages added, deleted, drafted), some followed by a commit-hook
    run on one page: every whole run with the cache equals a run without it."""
    generator = random.Random(17)
    names = [f"p{k}" for k in range(8)]

    def write(name: str) -> None:
        heading = generator.choice(["Satu", "Dua", "Tiga"])
        links = " ".join(
            f"[{target}](/pusat-belajar/{target}/#{generator.choice(['satu', 'dua', 'tiga'])})"
            for target in generator.sample(names, 3)
        )
        draft = "draft: true\n" if generator.random() < 0.15 else ""
        site.page(f"{name}.md", f"---\ntitle: {name}\n{draft}---\n\n## {heading}\n\n{links}\n")

    for name in names[:5]:
        write(name)
    for _round in range(40):
        name = generator.choice(names)
        file = site.root / "docs" / f"{name}.md"
        if file.exists() and generator.random() < 0.25:
            file.unlink()
        else:
            write(name)
        if file.exists() and generator.random() < 0.4:
            hook(site.root, f"docs/{name}.md")
        same_as_without_cache(site.root)


def test_the_commit_hook_reuses_the_sidebar_while_no_page_moves(site: SiteBuilder) -> None:
    """orphan-page on the hook's page comes from the last hook run's sidebar while no page's slug,
    draft, title or sidebar frontmatter changed; hiding, moving or adding a page builds it again."""
    site.write(
        "astro.config.mjs",
        "export default { base: '/pusat-belajar', integrations: [starlight({ title: 'T', sidebar: ['a'] })] };\n",
    )
    site.page("a.md", "---\ntitle: A\n---\n")
    site.page("b.md", "---\ntitle: B\n---\n\nText.\n")
    orphan = (
        "docs/b.md",
        2,
        1,
        "orphan-page",
        "no sidebar entry leads to this page: it gets no prev/next links and learners cannot find it in the"
        ' navigation; add "b" to the sidebar in astro.config.mjs, or set sidebar.hidden: true if only links'
        " should lead here",
    )
    assert checked(site.root, "docs/b.md")[0] == [orphan]
    site.page("b.md", "---\ntitle: B\n---\n\nMore text.\n")
    assert checked(site.root, "docs/b.md")[0] == [orphan]  # from the sidebar memo
    assert checked(site.root, "docs/a.md")[0] == []
    site.page("b.md", "---\ntitle: B\nsidebar:\n  hidden: true\n---\n\nMore text.\n")
    assert checked(site.root, "docs/b.md")[0] == []
    site.page("b.md", "---\n\ntitle: B\n---\n")
    assert checked(site.root, "docs/b.md")[0] == [(orphan[0], 3, *orphan[2:])]
    site.page("c.md", "---\ntitle: C\n---\n")
    assert [p[3] for p in checked(site.root, "docs/c.md")[0]] == ["orphan-page"]
    assert checked(site.root)[0] == reference(site.root)


def test_a_sidebar_link_to_a_public_file_that_goes_away(site: SiteBuilder) -> None:
    site.write(
        "astro.config.mjs",
        "export default { base: '/pusat-belajar', integrations: [starlight({ title: 'T', sidebar: "
        "['a', { label: 'Cheat sheet', link: '/cheat-sheet.pdf' }] })] };\n",
    )
    site.page("a.md", "---\ntitle: A\n---\n")
    site.write("public/cheat-sheet.pdf", "%PDF-1.4\n")
    assert same_as_without_cache(site.root)[0] == []
    assert same_as_without_cache(site.root)[0] == []
    (site.root / "public/cheat-sheet.pdf").unlink()
    found, _count = same_as_without_cache(site.root)
    assert [(p[0], p[3]) for p in found] == [("astro.config.mjs", "sidebar-link")]


def test_validate_reads_frontmatter_only_and_never_caches_a_page_without_its_body(site: SiteBuilder) -> None:
    site.page(
        "a.md",
        "---\ntitle: A\ndraft: yes\n---\n\n[gone](/pusat-belajar/gone/)\n<!-- eduforge-disable-file unknown-key -->\n",
    )
    site.page("b.md", "---\ntitle: B\ndraf: true\n---\n")
    settings = load_settings(cwd=site.root)
    validated = lint(settings, families=("schema",), use_cache=True)
    assert [(p.path, p.line, p.column, p.rule) for p in validated.problems] == [
        ("docs/a.md", 3, 8, "schema"),
        ("docs/b.md", 3, 1, "unknown-key"),
    ]
    assert validated.site.pages[0].facts.links == []  # the body was never parsed
    found, count = checked(site.root)
    assert count == 2  # nothing came from the cache: both pages were read whole
    assert [(p[0], p[3]) for p in found] == [
        ("docs/a.md", "schema"),
        ("docs/a.md", "link-target"),
        ("docs/b.md", "unknown-key"),
    ]
    assert found == reference(site.root)
    again = lint(settings, families=("schema",), use_cache=True)  # from the cache now
    assert again.problems == validated.problems


def test_the_commit_hook_reads_the_site_index_and_its_own_page_only(
    course: SiteBuilder, records_read: list[str]
) -> None:
    assert hook(course.root, "docs/a.md") == []
    assert records_read == ["docs/a.md"]  # b.md's anchors come from the index, not from its record
    records_read.clear()
    assert [p[3] for p in hook(course.root, "docs/c.md", "docs/other-1.md")] == ["link-target"]
    assert sorted(records_read) == ["docs/c.md", "docs/other-1.md"]


def test_the_commit_hook_on_a_page_whose_heading_another_page_links_to(course: SiteBuilder) -> None:
    course.page("b.md", "---\ntitle: B\n---\n\n## Tiga\n")
    assert hook(course.root, "docs/b.md") == []
    assert hook(course.root, "docs/a.md") == [
        ("docs/a.md", 5, 5, "link-anchor", 'link "/pusat-belajar/b/#dua": no heading or id "dua" on docs/b.md')
    ]
    course.page("b.md", "---\ntitle: B\n---\n\n## Dua\n")  # the heading renamed back
    assert hook(course.root, "docs/a.md", "docs/b.md") == []
    assert [(p[0], p[3]) for p in same_as_without_cache(course.root)[0]] == [("docs/c.md", "link-target")]


def test_the_commit_hook_after_a_page_is_deleted(course: SiteBuilder) -> None:
    (course.root / "docs/b.md").unlink()
    found = hook(course.root, "docs/a.md")
    assert [(p[0], p[1], p[2], p[3]) for p in found] == [("docs/a.md", 5, 5, "link-target")]
    assert hook(course.root, "docs/a.md") == found  # the index now says b.md is gone
    course.page("b.md", "---\ntitle: B\n---\n\n## Dua\n")
    assert hook(course.root, "docs/a.md") == []


def test_a_corrupted_record_is_read_again_and_healed(course: SiteBuilder, records_read: list[str]) -> None:
    records = next((course.root / ".eduforge-cache").glob("records-*.bin"))
    records.write_bytes(bytes(byte ^ 0xFF for byte in records.read_bytes()))  # every record's MAC fails
    assert hook(course.root, "docs/a.md") == []
    assert not records.exists()  # the cache was rewritten with a.md's record read again
    assert [(p[0], p[3]) for p in hook(course.root, "docs/c.md")] == [("docs/c.md", "link-target")]
    records_read.clear()
    assert hook(course.root, "docs/a.md") == []
    assert records_read == ["docs/a.md"]  # from the rewritten cache, and trusted
    assert [(p[0], p[3]) for p in same_as_without_cache(course.root)[0]] == [("docs/c.md", "link-target")]


def test_pages_keep_their_facts_not_their_text(site: SiteBuilder) -> None:
    """After a cold run over many pages, no page holds its body text, and no page with nothing to
    report holds its unpacked facts (they are loaded again, the same, when asked for)."""
    body = "Teks pelajaran yang panjang. " * 40
    for k in range(MEMO_FROM + 20):
        site.page(
            f"p{k}.md", f"---\ntitle: P{k}\n---\n\n## Bagian\n\n{body}\n\n[next](/pusat-belajar/p{k + 1}/#bagian)\n"
        )
    result = lint(load_settings(cwd=site.root), use_cache=False)
    assert [(p.path, p.rule) for p in result.problems] == [(f"docs/p{MEMO_FROM + 19}.md", "link-target")]
    pages = result.site.pages
    assert all(page.frontmatter.body == "" for page in pages)
    assert [page.path for page in pages if page.reading_loaded] == [f"docs/p{MEMO_FROM + 19}.md"]
    first = next(page for page in pages if page.path == "docs/p0.md")
    assert [link.target for link in first.facts.links] == ["/pusat-belajar/p1/#bagian"]
    assert [heading.id for heading in first.facts.headings] == ["bagian"]


# -- the commit hook's shortcut (hook.py): pages looked up, not loaded --------------------------


def hook_run(root: Path, *paths: str) -> tuple[Found, bool]:
    """A commit-hook run as ``hook`` checks it, and whether it took the shortcut (the lookup file)."""
    result = lint(load_settings(cwd=root), [root / path for path in paths], use_cache=True)
    found = [(p.path, p.line, p.column, p.rule, p.message) for p in result.problems]
    fresh = lint(load_settings(cwd=root), [root / path for path in paths], use_cache=False)
    assert found == [(p.path, p.line, p.column, p.rule, p.message) for p in fresh.problems]
    return found, any("commit-hook run" in note for note in result.notes)


@pytest.fixture
def aged(course: SiteBuilder, monkeypatch: pytest.MonkeyPatch) -> SiteBuilder:
    """The course with every file's stat trusted (as files older than two seconds are), after a warm run."""
    from eduforge import cache as cache_module

    monkeypatch.setattr(cache_module, "STAT_TRUST_NS", 0)
    reference(course.root)
    assert checked(course.root)[0] == [p[:5] for p in reference(course.root)]  # the cache, with stamps
    return course


def test_the_hook_takes_the_shortcut_on_a_clean_page(aged: SiteBuilder) -> None:
    assert hook_run(aged.root, "docs/a.md") == ([], True)
    aged.page("a.md", "---\ntitle: A\n---\n\n[b](/pusat-belajar/b/#dua) more\n")  # the commit's edit
    assert hook_run(aged.root, "docs/a.md") == ([], True)
    assert hook_run(aged.root, "docs/a.md") == ([], True)  # its own delta, and the sidebar memo, still hold


def test_the_hook_sees_a_heading_renamed_in_another_page_since_the_cache(aged: SiteBuilder) -> None:
    aged.page("b.md", "---\ntitle: B\n---\n\n## Tiga\n")  # edited outside git: no run saw it
    found, _ = hook_run(aged.root, "docs/a.md")
    assert found == [
        ("docs/a.md", 5, 5, "link-anchor", 'link "/pusat-belajar/b/#dua": no heading or id "dua" on docs/b.md')
    ]
    aged.page("b.md", "---\ntitle: B\n---\n\n## Dua\n\n## Tiga\n")
    aged.page("a.md", "---\ntitle: A\n---\n\n[b](/pusat-belajar/b/#tiga)\n")
    assert hook_run(aged.root, "docs/a.md") == ([], True)  # the target read again, its new anchor seen


def test_the_hook_judges_an_anchor_on_a_page_it_found_itself(aged: SiteBuilder) -> None:
    aged.page("b.md", "---\ntitle: B\n---\n\n## Tiga\n")
    found, shortcut = hook_run(aged.root, "docs/a.md")
    assert [(p[0], p[3]) for p in found] == [("docs/a.md", "link-anchor")]
    assert shortcut  # b.md was read again; nothing was looked up in vain


def test_the_hook_on_a_broken_link_that_a_slug_elsewhere_now_serves(aged: SiteBuilder) -> None:
    aged.page("other-2.md", "---\ntitle: Other 2\nslug: baru\n---\n\n## Bagian\n\n[self](#bagian)\n")
    found, shortcut = hook_run(aged.root, "docs/c.md")  # /baru/ is no page the index knows
    assert (found, shortcut) == ([], False)


def test_the_hook_on_a_page_whose_link_target_was_deleted(aged: SiteBuilder) -> None:
    (aged.root / "docs" / "b.md").unlink()
    found, shortcut = hook_run(aged.root, "docs/a.md")
    assert [(p[0], p[3]) for p in found] == [("docs/a.md", "link-target")]
    assert not shortcut  # the folder changed: the whole site is read


def test_the_hook_on_a_broken_link_that_an_added_page_now_reaches(aged: SiteBuilder) -> None:
    assert [p[3] for p in hook_run(aged.root, "docs/c.md")[0]] == ["link-target"]
    aged.page("baru.md", "---\ntitle: Baru\n---\n")
    assert hook_run(aged.root, "docs/c.md")[0] == []


def test_the_hook_on_a_target_whose_file_was_replaced_with_the_same_bytes(aged: SiteBuilder) -> None:
    target = aged.root / "docs" / "b.md"
    data = target.read_bytes()
    target.unlink()
    target.write_bytes(data)  # a new inode, a new folder mtime: the whole run, the same verdict
    assert hook_run(aged.root, "docs/a.md")[0] == []
    assert hook_run(aged.root, "docs/a.md") == ([], True)  # and the shortcut again once the cache knows


def test_the_hook_on_a_target_whose_slug_moved_it_away(aged: SiteBuilder) -> None:
    aged.page("b.md", "---\ntitle: B\nslug: elsewhere\n---\n\n## Dua\n")
    found, _ = hook_run(aged.root, "docs/a.md")
    assert [(p[0], p[3]) for p in found] == [("docs/a.md", "link-target")]


def test_the_hook_on_a_title_changed_elsewhere_reads_the_whole_site_for_the_sidebar(aged: SiteBuilder) -> None:
    aged.page("b.md", "---\ntitle: B, renamed\n---\n\n## Dua\n")
    assert hook_run(aged.root, "docs/a.md") == ([], False)  # b.md is a's link target: its sidebar facts changed
    assert hook_run(aged.root, "docs/a.md") == ([], True)


def test_the_hook_on_a_lookup_file_bit_flipped_never_changes_the_result(aged: SiteBuilder) -> None:
    lookup = next((aged.root / ".eduforge-cache").glob("lookup-*.bin"))
    pristine = lookup.read_bytes()
    generator = random.Random(7)
    for _round in range(60):
        data = bytearray(pristine)
        position = generator.randrange(len(data))
        data[position] ^= 1 << generator.randrange(8)
        lookup.write_bytes(bytes(data))
        assert hook_run(aged.root, "docs/c.md")[0] == hook_run(aged.root, "docs/c.md")[0]
        assert [p[3] for p in hook_run(aged.root, "docs/c.md")[0]] == ["link-target"]
        assert hook_run(aged.root, "docs/a.md")[0] == []


def _cli(root: Path, *args: str) -> tuple[int, str, str]:
    import os
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "eduforge", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1", "GITHUB_ACTIONS": ""},
    )
    return done.returncode, done.stdout, done.stderr


def test_the_commit_hook_on_the_real_cli(course: SiteBuilder) -> None:
    import time

    root = course.root
    time.sleep(2.1)  # the stat of a file changed in the last two seconds is never trusted (cache.STAT_TRUST_NS)
    assert _cli(root, "lint")[0] == 1  # c.md's broken link; every folder stamped now
    for edit in range(3):
        course.page("a.md", f"---\ntitle: A\n---\n\n[b](/pusat-belajar/b/#dua)\n\nEdit {edit}.\n")
        code, out, err = _cli(root, "lint", "-v", "docs/a.md")
        assert (code, out) == (0, "1 file checked, no problems\n")
        assert "looked up in the cache (commit-hook run)" in err
    course.page("b.md", "---\ntitle: B\n---\n\n## Tiga\n")  # outside git: no run saw it
    hooked = _cli(root, "lint", "docs/a.md")
    assert hooked == _cli(root, "lint", "--no-cache", "docs/a.md")
    assert hooked[1].splitlines()[0] == (
        'docs/a.md:5:5: error link-anchor link "/pusat-belajar/b/#dua": no heading or id "dua" on docs/b.md'
    )
    (root / "docs" / "b.md").unlink()
    assert _cli(root, "lint", "docs/a.md") == _cli(root, "lint", "--no-cache", "docs/a.md")


def test_the_hook_passes_over_a_partial_as_the_whole_run_does(aged: SiteBuilder) -> None:
    aged.page("_partial.md", "[gone](/pusat-belajar/gone/)\n")
    aged.write("notes/readme.md", "[gone](/pusat-belajar/gone/)\n")
    reference(aged.root)  # the folder changed: a whole run stamps it again
    checked(aged.root)
    assert hook_run(aged.root, "docs/_partial.md", "notes/readme.md", "docs/a.md") == ([], True)
    result = lint(load_settings(cwd=aged.root), [aged.root / "docs/_partial.md"], use_cache=True)
    assert result.files == 0


def test_the_hook_is_not_sent_the_whole_way_by_a_problem_of_a_rule_turned_off(aged: SiteBuilder) -> None:
    aged.write("eduforge.toml", 'content = "docs"\nbase = "/pusat-belajar"\n[rules]\nlink-anchor = "off"\n')
    aged.page("a.md", "---\ntitle: A\n---\n\n[b](/pusat-belajar/b/#nope) [404](/pusat-belajar/404/)\n")
    reference(aged.root)
    checked(aged.root)  # the settings changed: a new cache
    # a.md's anchor problem is off, and /404/ is a route, no page: looked up in vain, yet the verdict stands
    assert hook_run(aged.root, "docs/a.md") == ([], True)
