"""`eduforge links` on small Starlight-shaped sites: every rule, positive and negative."""

from __future__ import annotations

from helpers import SiteBuilder, problems, run

P = "docs/"


def test_clean_site_has_no_problems(site: SiteBuilder) -> None:
    site.page(
        "index.mdx",
        """
        ---
        title: Beranda
        template: splash
        hero:
          actions:
            - text: Mulai
              link: /pusat-belajar/pengenalan/
        ---
        import { LinkCard } from '@astrojs/starlight/components';

        <LinkCard title="Git" href="/pusat-belajar/tutorials/git/instalasi-git/#langkah-1" />
        """,
    )
    site.page(
        "pengenalan.md",
        """
        ---
        title: Pengenalan
        next:
          link: /pusat-belajar/tutorials/git/instalasi-git/
          label: Git
        ---
        Lihat [Git](/pusat-belajar/tutorials/git/instalasi-git/), [relatif](../tutorials/git/instalasi-git/#langkah-2)
        dan [atas](#_top), [referensi][git].

        [git]: /pusat-belajar/tutorials/git/instalasi-git/?tab=1
        """,
    )
    site.page(
        "tutorials/Git/instalasi-git.mdx",
        """
        ---
        title: Instalasi Git
        prev:
          link: /pusat-belajar/pengenalan
          label: Pengenalan
        ---
        ## Langkah 1
        ![gambar](./images/a.png) <img src="./images/a.png" />
        ## Langkah 2
        `[bukan](/tautan)` dan

        ```md
        [bukan](/tautan/juga)
        ```
        <a href="http://localhost:4321/x">lokal</a> https://roadmap.sh/backend
        """,
    )
    site.write("docs/tutorials/Git/images/a.png", b"\x89PNG\r\n")
    result = run(site.root, "links")
    assert result.output == "3 files checked, no problems\n"
    assert result.exit_code == 0


def test_prev_next_targets(site: SiteBuilder) -> None:
    site.page("pengenalan.md", "---\ntitle: Pengenalan\n---\n")
    site.page("draft.md", "---\ntitle: Draf\ndraft: true\n---\n")
    site.page(
        "a.md",
        """
        ---
        title: A
        prev:
          link: /pengenalan
        next:
          link: /pusat-belajar/draft/
          label: Draf
        ---
        """,
    )
    site.page(
        "b.md",
        "---\ntitle: B\nprev: {link: /pusat-belajar/b/, label: Me}\nnext: {link: /pusat-belajar/nowhere/}\n---\n",
    )
    assert problems(site.root, "links") == [
        (
            P + "a.md",
            4,
            9,
            "error",
            "nav-target",
            'prev.link "/pengenalan" is missing the site base "/pusat-belajar"; did you mean "/pusat-belajar/pengenalan/"?',
        ),
        (
            P + "a.md",
            6,
            9,
            "error",
            "nav-target",
            'next.link "/pusat-belajar/draft/" goes to the draft page docs/draft.md: drafts are not built, so this is a 404 in production; publish it or remove the link',
        ),
        (
            P + "b.md",
            3,
            14,
            "error",
            "nav-target",
            'prev.link "/pusat-belajar/b/" points to this page itself; link to the previous lesson or remove it',
        ),
        (P + "b.md", 4, 14, "error", "nav-target", 'next.link "/pusat-belajar/nowhere/" is not a page of the site'),
    ]


def test_a_draft_may_link_to_a_draft(site: SiteBuilder) -> None:
    site.page("d1.md", "---\ntitle: D1\ndraft: true\nnext: {link: /pusat-belajar/d2/}\n---\n")
    site.page("d2.md", "---\ntitle: D2\ndraft: true\n---\n")
    assert problems(site.root, "links") == []


def test_body_links_anchors_assets_and_unsafe(site: SiteBuilder) -> None:
    site.page("target.md", '---\ntitle: T\n---\n## Satu Dua\n## Satu Dua\n<span id="manual"></span>\n')
    site.page(
        "page.md",
        """
        ---
        title: Page
        ---
        [a](/pusat-belajar/target/#satu-dua-1) [b](/pusat-belajar/target/#manual) [c](/pusat-belajar/target/#satu-dua-2)
        [d](/pusat-belajar/Target/) ![e](./missing.png) [f](javascript:alert(1))
        [g](./target.md) [h](../../../../etc/passwd) [i](/pusat-belajar/target/#satu%20dua)
        """,
    )
    assert problems(site.root, "links") == [
        (
            P + "page.md",
            4,
            79,
            "error",
            "link-anchor",
            'link "/pusat-belajar/target/#satu-dua-2": no heading or id "satu-dua-2" on docs/target.md; did you mean "#satu-dua-1"?',
        ),
        (
            P + "page.md",
            5,
            5,
            "error",
            "link-target",
            'link "/pusat-belajar/Target/" is not a page of the site; did you mean "/pusat-belajar/target/"?',
        ),
        (P + "page.md", 5, 34, "error", "link-asset", 'image "./missing.png": no such file: docs/missing.png'),
        (
            P + "page.md",
            5,
            53,
            "error",
            "link-unsafe",
            'link "javascript:alert(1)": javascript: links run code instead of navigating; link to a page or remove it',
        ),
        (
            P + "page.md",
            6,
            5,
            "error",
            "link-target",
            'link "./target.md" links to the source file, which is not served; did you mean "/pusat-belajar/target/"?',
        ),
        (
            P + "page.md",
            6,
            22,
            "error",
            "link-target",
            'link "../../../../etc/passwd" climbs out of the site (resolves to /etc/passwd)',
        ),
        (
            P + "page.md",
            6,
            50,
            "error",
            "link-anchor",
            'link "/pusat-belajar/target/#satu%20dua": no heading or id "satu dua" on docs/target.md; did you mean "#satu-dua"?',
        ),
    ]


def test_mdx_components_and_html_in_frontmatter(site: SiteBuilder) -> None:
    site.page(
        "index.mdx",
        """
        ---
        title: Beranda
        hero:
          tagline: Baca <a href="/pusat-belajar/nope/">ini</a>
          image:
            file: ./hero.png
          actions:
            - text: Mulai
              link: /pusat-belajar/mulai/
        banner:
          content: <a href="/pusat-belajar/">beranda</a>
        ---
        import { Card, LinkCard } from '@astrojs/starlight/components';

        <Card title="x">
          Di dalam komponen: [tautan](/pusat-belajar/hilang/)
        </Card>
        <LinkCard
          title="Multi-line"
          href="/pusat-belajar/juga-hilang/"
        />
        <Other href="/pusat-belajar/not-a-link-prop/" />
        {/* [comment](/pusat-belajar/x/) is still text to markdown */}
        """,
    )
    found = problems(site.root, "links")
    assert found[:5] == [
        (
            P + "index.mdx",
            4,
            26,  # the href's own column, not the value's
            "error",
            "link-target",
            'hero.tagline a href "/pusat-belajar/nope/" is not a page of the site',
        ),
        (P + "index.mdx", 6, 11, "error", "link-asset", 'hero.image.file "./hero.png": no such file: docs/hero.png'),
        (
            P + "index.mdx",
            9,
            13,
            "error",
            "link-target",
            'hero.actions[0].link "/pusat-belajar/mulai/" is not a page of the site',
        ),
        (P + "index.mdx", 16, 31, "error", "link-target", 'link "/pusat-belajar/hilang/" is not a page of the site'),
        (
            P + "index.mdx",
            20,
            9,
            "error",
            "link-target",
            'link "/pusat-belajar/juga-hilang/" is not a page of the site',
        ),
    ]


def test_link_components_are_added_to_the_built_in_ones(site: SiteBuilder) -> None:
    site.write(
        "eduforge.toml", 'content = "docs"\nbase = "/pusat-belajar"\n[link_components]\nBtn = ["href"]\nCard = []\n'
    )
    site.page(
        "index.mdx",
        "---\ntitle: Beranda\n---\nimport { Card, LinkCard } from '@astrojs/starlight/components';\n"
        "import Btn from '../src/Btn.astro';\n\n"
        '<Btn href="/pusat-belajar/btn/" />\n\n<LinkCard title="x" href="/pusat-belajar/card/" />\n\n'
        '<Card title="y" link="/pusat-belajar/off/" />\n',
    )
    assert [(p[1], p[5]) for p in problems(site.root, "links")] == [
        (7, 'link "/pusat-belajar/btn/" is not a page of the site'),
        (9, 'link "/pusat-belajar/card/" is not a page of the site'),
    ]


def test_a_link_components_prop_of_any_name_is_read_and_checked(site: SiteBuilder) -> None:
    site.write("eduforge.toml", 'content = "docs"\nbase = "/pusat-belajar"\n[link_components]\nBtn = ["to"]\n')
    site.page(
        "index.mdx",
        "---\ntitle: Beranda\n---\nimport Btn from '../src/Btn.astro';\nimport Other from '../src/Other.astro';\n\n"
        '<Btn to="/pusat-belajar/nope/" />\n\n<Other to="/pusat-belajar/not-a-link-prop/" />\n\n'
        '<a to="/pusat-belajar/neither/">x</a>\n',
    )
    assert [(p[1], p[2], p[5]) for p in problems(site.root, "links")] == [
        (7, 10, 'link "/pusat-belajar/nope/" is not a page of the site')
    ]


def test_trailing_slash_policy(site: SiteBuilder) -> None:
    site.write("eduforge.toml", 'content = "docs"\nbase = "/pusat-belajar"\ntrailing_slash = "always"\n')
    site.page(
        "a.md", "---\ntitle: A\n---\n[b](/pusat-belajar/b) [b2](/pusat-belajar/b/) [img](/pusat-belajar/logo.svg)\n"
    )
    site.page("b.md", "---\ntitle: B\n---\n")
    site.write("public/logo.svg", "<svg/>")
    assert problems(site.root, "links") == [
        (
            P + "a.md",
            4,
            5,
            "error",
            "link-trailing-slash",
            'link "/pusat-belajar/b" needs a trailing slash (trailing_slash = "always")',
        ),
    ]


def test_i18n_fallback_and_locale_pages(site: SiteBuilder) -> None:
    site.write("eduforge.toml", 'content = "docs"\nbase = "/pusat-belajar"\nlocales = ["en"]\n')
    site.page("x.md", "---\ntitle: X\n---\n")
    site.page("en/y.md", "---\ntitle: Y\n---\n[x](/pusat-belajar/en/x/) [z](/pusat-belajar/en/z/)\n")
    assert problems(site.root, "links") == [
        (P + "en/y.md", 4, 31, "error", "link-target", 'link "/pusat-belajar/en/z/" is not a page of the site'),
    ]
    site.write("eduforge.toml", 'content = "docs"\nbase = "/pusat-belajar"\nlocales = ["en"]\ni18n_fallback = false\n')
    assert [p[4] for p in problems(site.root, "links")] == ["link-target", "link-target"]


def test_duplicate_urls_are_errors_on_both_pages(site: SiteBuilder) -> None:
    site.page("a.md", "---\ntitle: A\n---\n")
    site.page("a/index.md", "---\ntitle: A index\n---\n")
    site.page("b.md", "---\ntitle: B\nslug: a\n---\n")
    found = problems(site.root, "links")
    assert found == [
        (
            P + "a.md",
            1,
            1,
            "error",
            "duplicate-url",
            "/pusat-belajar/a/ is also the URL of docs/a/index.md, docs/b.md; Starlight builds only one of them: rename, move or set a different slug",
        ),
        (
            P + "a/index.md",
            1,
            1,
            "error",
            "duplicate-url",
            "/pusat-belajar/a/ is also the URL of docs/a.md, docs/b.md; Starlight builds only one of them: rename, move or set a different slug",
        ),
        (
            P + "b.md",
            3,
            1,
            "error",
            "duplicate-url",
            "/pusat-belajar/a/ is also the URL of docs/a.md, docs/a/index.md; Starlight builds only one of them: rename, move or set a different slug",
        ),
    ]


def test_nav_chain_warning_can_be_turned_off(site: SiteBuilder) -> None:
    site.page("a.md", "---\ntitle: A\nnext: {link: /pusat-belajar/b/}\n---\n")
    site.page("b.md", "---\ntitle: B\nprev: {link: /pusat-belajar/c/}\n---\n")
    site.page("c.md", "---\ntitle: C\n---\n")
    assert problems(site.root, "links") == [
        (
            P + "a.md",
            3,
            14,
            "warning",
            "nav-chain",
            "next.link goes to docs/b.md, whose prev.link goes to /pusat-belajar/c/, not back to this page; make the two agree",
        ),
    ]
    site.write("eduforge.toml", 'content = "docs"\nbase = "/pusat-belajar"\n[rules]\nnav-chain = "off"\n')
    assert problems(site.root, "links") == []


def test_paths_select_reported_pages_but_links_see_the_whole_site(site: SiteBuilder) -> None:
    site.page("a.md", "---\ntitle: A\n---\n[b](/pusat-belajar/b/) [x](/pusat-belajar/x/)\n")
    site.page("b.md", "---\ntitle: B\n---\n[x](/pusat-belajar/x/)\n")
    assert [p[0] for p in problems(site.root, "links", "docs/a.md")] == [P + "a.md"]


def test_hostile_links_never_crash(site: SiteBuilder) -> None:
    long_line = " ".join(f"[l{i}](/pusat-belajar/t/#h{i % 7})" for i in range(3000))
    site.page("t.md", "---\ntitle: T\n---\n" + "\n".join(f"## h{i}" for i in range(7)) + "\n")
    site.page(
        "hostile.md",
        "---\ntitle: H\n---\n"
        "[a](http://[::1) [b](%zz) [c](data:text/html,x) [d](vbscript:x) [e](/pusat-belajar/%E2%82%AC/)\n"
        "[f](/pusat-belajar/caf%C3%A9/) <a href={dynamic}>x</a> [g](<>)\n" + long_line + "\n",
    )
    site.page("café.md", "---\ntitle: Cafe\n---\n")
    found = problems(site.root, "links")
    assert [(p[1], p[4], p[5]) for p in found] == [
        (4, "link-unsafe", 'link "%zz": malformed URL: a % not followed by two hex digits; write %25 for a literal %'),
        (4, "link-unsafe", 'link "data:text/html,x": data: links are blocked by browsers; link to a file instead'),
        (
            4,
            "link-unsafe",
            'link "vbscript:x": vbscript: links run code instead of navigating; link to a page or remove it',
        ),
        (4, "link-target", 'link "/pusat-belajar/%E2%82%AC/" is not a page of the site'),
    ]


def test_did_you_mean_never_jumps_to_another_language(site: SiteBuilder) -> None:
    site.write("eduforge.toml", 'content = "docs"\nbase = "/pusat-belajar"\nlocales = ["uk", "ru"]\n')
    site.page("index.md", "---\ntitle: Home\n---\n")
    site.page("reference/config.md", "---\ntitle: Config\n---\n")
    site.page("ru/reference/route-data.md", "---\ntitle: Route data\n---\n")
    site.page(
        "uk/index.md",
        "---\ntitle: Головна\n---\n[a](/pusat-belajar/uk/reference/route-data/) [b](/pusat-belajar/uk/reference/confi/)\n",
    )
    assert problems(site.root, "links") == [
        (
            P + "uk/index.md",
            4,
            5,
            "error",
            "link-target",
            'link "/pusat-belajar/uk/reference/route-data/" is not a page of the site',
        ),
        (
            P + "uk/index.md",
            4,
            50,
            "error",
            "link-target",
            'link "/pusat-belajar/uk/reference/confi/" is not a page of the site; did you mean "/pusat-belajar/uk/reference/config/"?',
        ),
    ]


def test_an_image_written_alike_on_pages_of_two_folders_is_each_folders_own_file(site: SiteBuilder) -> None:
    body = "---\ntitle: T\n---\n![a](./pic.png) ![b](../pic.png)\n"
    site.page("one/a.md", body)
    site.page("one/b.md", body)
    site.page("two/c.md", body)
    site.page("two/d.md", body)
    site.write("docs/one/pic.png", b"\x89PNG")
    site.write("docs/pic.png", b"\x89PNG")
    assert problems(site.root, "links") == [
        (P + path, 4, 6, "error", "link-asset", 'image "./pic.png": no such file: docs/two/pic.png')
        for path in ("two/c.md", "two/d.md")
    ]


def test_a_public_folders_index_html_is_served_at_the_folder(site: SiteBuilder) -> None:
    """Astro copies ``public/`` as is and the host serves a folder's ``index.html`` at its URL: an older
    term's built site kept in ``public/archive/2023/`` is a valid target; a folder without one is not."""
    site.write("eduforge.toml", 'content = "docs"\nbase = "/pusat-belajar"\n')
    site.write("public/archive/2023/index.html", "<p>old</p>")
    site.write("public/archive/2023/labs/one/index.html", "<p>lab</p>")
    site.write("public/archive/2024/notes.txt", "x")
    site.page(
        "index.md",
        """
        ---
        title: Home
        hero:
          actions:
            - text: Old labs
              link: /pusat-belajar/archive/2023/labs/one/
        ---
        [a](/pusat-belajar/archive/2023/) [b](/pusat-belajar/archive/2023/labs/one) [c](/pusat-belajar/archive/2024/)
        [d](/archive/2023/#top)
        """,
    )
    assert problems(site.root, "links") == [
        (
            P + "index.md",
            8,
            81,
            "error",
            "link-target",
            'link "/pusat-belajar/archive/2024/" is not a page of the site',
        ),
        (
            P + "index.md",
            9,
            5,
            "error",
            "link-target",
            'link "/archive/2023/#top" is missing the site base "/pusat-belajar"; did you mean "/pusat-belajar/archive/2023/#top"?',
        ),
    ]


def test_a_page_whose_component_builds_ids_from_a_data_file_it_imports(site: SiteBuilder) -> None:
    """``<Tree data={parse(yml)} />`` with the component and the YAML imported builds ids eduforge cannot
    see: an unknown fragment on that page is not reported. A data import alone, or one in a code
    fence, builds nothing: the fragment is checked as usual."""
    site.write("eduforge.toml", 'content = "docs"\nbase = "/pusat-belajar"\n')
    imports = "import Tree from '../components/Tree.astro';\nimport yml from './tree.yml?raw';\n"
    site.page("tree.mdx", f"---\ntitle: Tree\n---\n{imports}\n## Intro\n\n<Tree data={{yml}} />\n")
    site.page("data.mdx", "---\ntitle: Data\n---\nimport yml from './tree.yml?raw';\n\n{yml}\n")
    site.page("fence.mdx", f"---\ntitle: Fence\n---\n```js\n{imports}```\n")
    site.page(
        "index.md",
        "---\ntitle: Home\n---\n[a](/pusat-belajar/tree/#server_port) [b](/pusat-belajar/data/#server_port)"
        " [c](/pusat-belajar/fence/#server_port)\n",
    )
    assert [(p[1], p[2], p[5]) for p in problems(site.root, "links")] == [
        (4, 43, 'link "/pusat-belajar/data/#server_port": no heading or id "server_port" on docs/data.mdx'),
        (4, 81, 'link "/pusat-belajar/fence/#server_port": no heading or id "server_port" on docs/fence.mdx'),
    ]
