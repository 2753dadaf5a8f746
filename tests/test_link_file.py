"""``link-file``: links to local files Astro does not serve; tsconfig ``paths`` aliases for images."""

from __future__ import annotations

from helpers import SiteBuilder, problems


def test_a_link_to_a_file_next_to_the_page_is_a_404_on_the_built_site(site: SiteBuilder) -> None:
    site.write("docs/guide/data.csv", "a,b\n")
    site.write("docs/guide/chart.png", b"\x89PNG")
    site.write("public/files/report.pdf", b"%PDF")
    site.page(
        "guide/index.md",
        """
        ---
        title: Guide
        ---
        Get [the data](./data.csv), <a href="chart.png">the chart</a> and ![the chart](./chart.png).
        Also [the report](/pusat-belajar/files/report.pdf).
        """,
    )
    assert problems(site.root, "lint") == [
        (
            "docs/guide/index.md",
            4,
            16,
            "error",
            "link-file",
            'link "./data.csv" links to docs/guide/data.csv, which the built site does not serve (Astro publishes '
            "pages, the images pages show and public/, never a linked file); move it to public/ and link "
            '"/pusat-belajar/data.csv"',
        ),
        (
            "docs/guide/index.md",
            4,
            38,
            "error",
            "link-file",
            'link "chart.png" links to docs/guide/chart.png, which the built site does not serve (Astro publishes '
            "pages, the images pages show and public/, never a linked file); move it to public/ and link "
            '"/pusat-belajar/chart.png"',
        ),
    ]


def test_image_aliases_from_tsconfig_paths_resolve(site: SiteBuilder) -> None:
    site.write(
        "tsconfig.json",
        """
        {
          // Astro's template, with aliases
          "extends": "./tsconfig.base.json",
        }
        """,
    )
    site.write(
        "tsconfig.base.json",
        """
        {
          "compilerOptions": {
            "baseUrl": ".",
            /* two aliases */
            "paths": {"@assets/*": ["src/assets/*"], "~/*": ["./src/*"],},
          },
        }
        """,
    )
    site.write("src/assets/logo.png", b"\x89PNG")
    site.page(
        "a.md",
        """
        ---
        title: A
        ---
        ![logo](@assets/logo.png) ![logo](~/assets/logo.png) ![gone](@assets/gone.png)
        """,
    )
    assert problems(site.root, "lint") == [
        ("docs/a.md", 4, 62, "error", "link-asset", 'image "@assets/gone.png": no such file: src/assets/gone.png')
    ]


def test_a_relative_link_to_a_file_is_followed_from_the_pages_url_as_the_browser_does(site: SiteBuilder) -> None:
    # Astro leaves a link's target as written: from /pusat-belajar/lessons/intro/, ../../files/report.pdf is
    # public/files/report.pdf; the path from the source file to public/ reaches /pusat-belajar/public/…
    site.write("public/files/report.pdf", b"%PDF")
    site.page(
        "lessons/intro.md",
        """
        ---
        title: Intro
        ---
        [By URL](../../files/report.pdf) and [by source](../../public/files/report.pdf).
        """,
    )
    assert problems(site.root, "lint") == [
        (
            "docs/lessons/intro.md",
            4,
            50,
            "error",
            "link-asset",
            'link "../../public/files/report.pdf": resolves to /pusat-belajar/public/files/report.pdf from the '
            "page's URL, "
            "where the site serves nothing (the file public/files/report.pdf is served at "
            '/pusat-belajar/files/report.pdf); did you mean "/pusat-belajar/files/report.pdf"?',
        )
    ]
