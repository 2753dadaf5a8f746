"""Astro's ``build.format: 'file'``: each page is built as ``<slug>.html``.

The browser then shows ``/kelas/dir/a.html`` (or ``/kelas/dir/a``, which static hosts serve from it): a
relative link resolves from the page's folder ``/kelas/dir/``, ``b.html`` and ``../index.html`` are links
to pages, and a did-you-mean is written ``/kelas/dir/b``, since ``/kelas/dir/b/`` asks for
``dir/b/index.html``, which the build does not have.
"""

from __future__ import annotations

from pathlib import Path

from eduforge.config import load_settings
from helpers import SiteBuilder, problems

ASTRO_CONFIG = """
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
  base: '/kelas',
  build: { format: %s },
  integrations: [starlight({ title: 'Kelas' })],
});
"""

LINKS = (
    "[b](./b) [b2](b.html) [b3](./b.html#latihan) [home](../) [home2](../index.html)"
    " [gone](./c) [typo](/kelas/dir/bb)\n"
)


def _site(tmp_path: Path, build_format: str) -> SiteBuilder:
    builder = SiteBuilder(tmp_path)
    builder.write("astro.config.mjs", ASTRO_CONFIG % build_format)
    builder.write("src/content/docs/index.md", "---\ntitle: Beranda\n---\n")
    builder.write("src/content/docs/dir/a.md", "---\ntitle: A\n---\n" + LINKS)
    builder.write("src/content/docs/dir/b.md", "---\ntitle: B\n---\n## Latihan\n")
    return builder


def test_build_format_is_read_from_astro_config(tmp_path: Path) -> None:
    _site(tmp_path, "'file'")
    settings = load_settings(cwd=tmp_path)
    assert (settings.build_format, settings.sources["build_format"]) == ("file", "astro.config.mjs:6:20")


def test_file_format_resolves_links_from_the_pages_folder_and_html_names(tmp_path: Path) -> None:
    _site(tmp_path, "'file'")
    assert problems(tmp_path, "lint", "--no-cache") == [
        ("src/content/docs/dir/a.md", 4, 88, "error", "link-target", 'link "./c" is not a page of the site'),
        (
            "src/content/docs/dir/a.md",
            4,
            100,
            "error",
            "link-target",
            'link "/kelas/dir/bb" is not a page of the site; did you mean "/kelas/dir/b"?',
        ),
    ]


def test_directory_format_keeps_the_folder_per_page(tmp_path: Path) -> None:
    _site(tmp_path, "'directory'")
    found = [(p[1], p[2], p[4], p[5]) for p in problems(tmp_path, "lint", "--no-cache")]
    assert found == [
        (4, 5, "link-target", 'link "./b" is not a page of the site; did you mean "/kelas/dir/b/"?'),
        (4, 15, "link-asset", 'link "b.html": no such file: src/content/docs/dir/b.html'),
        (4, 28, "link-asset", 'link "./b.html#latihan": no such file: src/content/docs/dir/b.html'),
        (4, 53, "link-target", 'link "../" is not a page of the site'),
        (4, 66, "link-asset", 'link "../index.html": no such file: src/content/docs/index.html'),
        (4, 88, "link-target", 'link "./c" is not a page of the site'),
        (4, 100, "link-target", 'link "/kelas/dir/bb" is not a page of the site; did you mean "/kelas/dir/b/"?'),
    ]


def test_a_format_eduforge_does_not_know_is_a_config_warning(tmp_path: Path) -> None:
    _site(tmp_path, "'flat'")
    settings = load_settings(cwd=tmp_path)
    assert settings.build_format == "directory"
    assert [note[:3] for note in settings.config_notes] == [("astro.config.mjs", 6, 20)]


def test_a_format_known_only_when_the_config_runs_is_said_without_a_key_to_set(tmp_path: Path) -> None:
    _site(tmp_path, "FORMAT")
    settings = load_settings(cwd=tmp_path)
    assert settings.build_format == "directory"
    assert settings.config_notes == (
        (
            "astro.config.mjs",
            6,
            20,
            "build.format is FORMAT, known only when the config runs; eduforge ignores it",
        ),
    )
