"""The exported site in a real browser: Debian's chromium, headless, from file://.

Follows next through every lesson to the end and prev back to the start, runs a
search, checks a highlighted code block, images that really decode, tabs, the
theme switch, and that no page logs a console error.  A missing browser fails the
test: it is never skipped.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from exporthelpers import export


class Tab:
    """A page that records console errors and uncaught exceptions."""

    def __init__(self, browser: Any, **options: Any) -> None:
        self.page = browser.new_page(**options)
        self.errors: list[str] = []
        self.page.on(
            "console",
            lambda message: message.type == "error" and self.errors.append(f"{self.page.url}: {message.text}"),
        )
        self.page.on("pageerror", lambda error: self.errors.append(f"{self.page.url}: {error}"))
        self.page.on(
            "requestfailed", lambda request: self.errors.append(f"{self.page.url}: failed to load {request.url}")
        )

    def close(self) -> None:
        self.page.close()


def _reading_order(root: Path) -> list[str]:
    result = export(root, "--format", "json", "-o", "-")
    lessons = json.loads(result.stdout)["lessons"]
    return [lesson["title"] for lesson in lessons if lesson["position"] is not None]


def _title(tab: Tab) -> str:
    hero = tab.page.locator(".hero h1")
    return str(hero.inner_text() if hero.count() else tab.page.locator(".lesson-head h1").inner_text())


def test_follow_next_to_the_end_and_prev_back(browser: Any, fixture_site: Callable[[str], Path]) -> None:
    root = fixture_site("pusat")
    assert export(root, "--format", "html", "-o", "dist").exit_code == 0
    titles = _reading_order(root)
    tab = Tab(browser, viewport={"width": 1280, "height": 900})
    page = tab.page
    page.goto((root / "dist/index.html").as_uri())
    seen = [page.title()]
    assert page.locator(".hero h1").inner_text() == "Belajar bersama"
    while page.locator('a[rel="next"]').count():
        with page.expect_navigation():
            page.locator('a[rel="next"]').click()
        assert page.url.startswith("file://") and page.url.endswith("/index.html")
        seen.append(page.title())
    assert [title.split(" | ")[0] for title in seen] == titles
    back = [page.title()]
    while page.locator('a[rel="prev"]').count():
        with page.expect_navigation():
            page.locator('a[rel="prev"]').click()
        back.append(page.title())
    assert back == seen[::-1]
    assert page.url == (root / "dist/index.html").as_uri()
    assert tab.errors == []
    tab.close()


def test_search_code_images_tabs_and_theme(browser: Any, fixture_site: Callable[[str], Path]) -> None:
    root = fixture_site("pusat")
    assert export(root, "--format", "html", "-o", "dist").exit_code == 0
    tab = Tab(browser, viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = tab.page
    page.goto((root / "dist/pengenalan/index.html").as_uri())

    # search: the index loads as a script from file://, results link to the lesson
    page.keyboard.press("/")
    page.keyboard.type("kunci privat")
    first = page.locator(".search-hit").first
    first.wait_for()
    assert first.locator(".hit-title").inner_text() == "Menghubungkan GitHub dengan SSH"
    assert first.locator(".hit-heading").inner_text() == "Membuat kunci"
    assert "<mark>" in first.locator(".hit-text").inner_html()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(
        "/how-to/ssh/index.html?highlight=kunci%20privatmu#membuat-kunci"
    )  # prefix: privat → privatmu
    assert page.locator(".prose mark").first.inner_text().lower() in ("kunci", "privatmu")

    # a highlighted code block with its copy button, a decoded image, working tabs
    page.goto((root / "dist/tutorials/git/instalasi-git/index.html").as_uri())
    code = page.locator('figure.code[data-lang="js"]')
    assert code.locator(".code-title").inner_text() == "config.js"
    assert code.locator("pre span.kd").count() >= 2 and code.locator(".hll").count() == 1
    assert code.locator("button.copy").is_visible() or code.locator("button.copy").evaluate("b => !b.hidden")
    image = page.locator('.prose img[alt="Diagram tiga area Git"]')
    image.scroll_into_view_if_needed()
    assert image.evaluate("img => img.complete && img.naturalWidth") == 120
    panels = page.locator('[role="tabpanel"]')
    assert panels.nth(0).is_visible() and not panels.nth(1).is_visible()
    page.locator('[role="tab"]', has_text="Linux").click()
    assert panels.nth(1).is_visible() and not panels.nth(0).is_visible()
    assert page.locator('.sidebar a[aria-current="page"]').inner_text().startswith("Instalasi Git")

    # the home page's hero image, and the theme switch remembered across pages
    page.goto((root / "dist/index.html").as_uri())
    assert page.locator(".hero-image img").evaluate("img => img.naturalWidth") == 96
    assert page.evaluate("document.documentElement.dataset.theme") == "light"
    page.locator(".theme-button").click()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    page.goto((root / "dist/print.html").as_uri())
    assert page.locator("article.print-lesson").count() == 7
    assert page.locator("article.print-lesson img").first.evaluate("img => img.naturalWidth") > 0
    assert tab.errors == []
    tab.close()


def test_small_screen_menu(browser: Any, fixture_site: Callable[[str], Path]) -> None:
    root = fixture_site("pusat")
    assert export(root, "--format", "html", "-o", "dist").exit_code == 0
    tab = Tab(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = tab.page
    page.goto((root / "dist/how-to/ssh/index.html").as_uri())
    sidebar = page.locator("#sidebar")
    assert not sidebar.locator('a[aria-current="page"]').is_visible() or sidebar.bounding_box()["x"] < 0
    page.locator(".menu-button").click()
    page.wait_for_timeout(350)
    assert sidebar.locator('a[aria-current="page"]').is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # nothing overflows sideways
    assert tab.errors == []
    tab.close()


def test_a_big_curriculum_fills_its_sidebar_from_a_script(
    browser: Any, fixture_site: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from eduforge.export import html

    monkeypatch.setattr(html, "INLINE_SIDEBAR_MAX", 3)
    root = fixture_site("pusat")
    assert export(root, "--format", "html", "-o", "dist").exit_code == 0
    tab = Tab(browser, viewport={"width": 1280, "height": 900})
    page = tab.page
    page.goto((root / "dist/tutorials/git/perintah-dasar/index.html").as_uri())
    current = page.locator('.sidebar a[aria-current="page"]')
    assert current.inner_text() == "Perintah Dasar Git" and current.is_visible()
    assert current.evaluate("a => a.href").endswith("/tutorials/git/perintah-dasar/index.html")
    other = page.locator(".sidebar a", has_text="Menghubungkan GitHub dengan SSH")
    assert not other.is_visible()  # groups without the current lesson start closed in a big sidebar
    page.locator(".sidebar summary", has_text="how-to").click()
    with page.expect_navigation():
        other.click()
    assert page.url.endswith("/how-to/ssh/index.html")
    assert page.locator('.sidebar a[aria-current="page"]').inner_text() == "Menghubungkan GitHub dengan SSH"
    assert tab.errors == []
    tab.close()


def test_no_exported_url_runs_code_as_the_browser_parses_it(browser: Any, site: Any) -> None:
    """Every href/src of the hostile pages, as chromium itself resolves it: never javascript:, vbscript:, data:text."""
    from test_export_safety import HOSTILE_HOME, HOSTILE_MDX

    site.page("index.md", HOSTILE_HOME)
    site.page("cards.mdx", HOSTILE_MDX)
    assert export(site.root, "--format", "html", "-o", "out").exit_code == 0
    tab = Tab(browser)
    try:
        seen: list[str] = []
        for page in sorted((site.root / "out").rglob("*.html")):
            tab.page.goto(page.as_uri())
            seen += tab.page.evaluate(
                """() => [...document.querySelectorAll('[href], [src], [action], [formaction], [poster]')]
                    .flatMap(e => ['href', 'src', 'action', 'formAction', 'poster'].map(k => e[k])
                    .filter(v => typeof v === 'string' && v))"""
            )
    finally:
        tab.close()
    assert seen
    assert [url for url in seen if url.split(":", 1)[0].lower() in ("javascript", "vbscript", "data")] == []


def _hits(page: Any, query: str) -> list[tuple[str, str]]:
    """(href, marked words) of each hit for ``query``, typed into the search box."""
    page.fill("#search-input", "")
    page.fill("#search-input", query)
    page.wait_for_function("() => !document.querySelector('#search-results').hidden")
    hits = page.locator(".search-hit")
    return [
        (str(hits.nth(i).get_attribute("href")), " ".join(hits.nth(i).locator("mark").all_inner_texts()))
        for i in range(hits.count())
    ]


def test_search_finds_code_prefixes_and_typos_per_locale(browser: Any, fixture_site: Callable[[str], Path]) -> None:
    root = fixture_site("multilingual")
    assert export(root, "--format", "html", "-o", "dist").exit_code == 0
    tab = Tab(browser, viewport={"width": 1280, "height": 900})
    page = tab.page
    page.goto((root / "dist/index.html").as_uri())
    page.locator("#search-input").focus()
    key = "guide/keys/index.html?highlight="
    assert _hits(page, "ssh-keygen") == [(f"{key}ssh%20keygen#make-a-key", "SSH ssh keygen")]  # text in a code block
    assert _hits(page, "keyg") == [(f"{key}keygen#make-a-key", "keygen")]  # a prefix
    assert _hits(page, "agnet") == [(f"{key}agent#add-the-key-to-the-agent", "agent agent")]  # a typo
    assert _hits(page, "zebrafish") == []  # pagefind: false
    assert page.locator(".search-empty").inner_text() == "No results for “zebrafish”"
    with page.expect_navigation():
        page.fill("#search-input", "terminl")
        page.keyboard.press("Enter")
    assert page.url.endswith("guide/keys/index.html?highlight=terminal#make-a-key")
    assert page.locator(".prose mark").all_inner_texts() == ["terminal"]
    # the Persian pages search the Persian index only
    page.goto((root / "dist/fa/index.html").as_uri())
    page.locator("#search-input").focus()
    assert [href for href, _ in _hits(page, "ssh-keygen")] == [
        "../fa/guide/keys/index.html?highlight=ssh%20keygen#" + quote("ساختن-کلید")
    ]
    assert tab.errors == []
    tab.close()


_HEADER_BOXES = """() => {
  const box = (selector) => { const r = document.querySelector(selector).getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom]; };
  const input = document.querySelector('#search-input');
  const style = getComputedStyle(input);
  const context = document.createElement('canvas').getContext('2d');
  context.font = style.font;
  const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return {menu: box('.menu-button'), brand: box('.brand'), icon: box('.search > svg'), input: box('#search-input'),
          actions: box('.actions'), placeholder: context.measureText(input.placeholder).width, room: room,
          width: document.documentElement.scrollWidth};
}"""


def _overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


@pytest.mark.parametrize("width", [320, 390, 640])
def test_mobile_header_has_room_for_everything(
    browser: Any, fixture_site: Callable[[str], Path], tmp_path: Path, width: int
) -> None:
    """Screenshots of the header at phone widths (left to right and right to left), and no overlaps."""
    root = fixture_site("multilingual")
    assert export(root, "--format", "html", "-o", "dist").exit_code == 0
    shots = Path(os.environ.get("EDUFORGE_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    for locale in ("", "fa/"):
        tab = Tab(browser, viewport={"width": width, "height": 640})
        page = tab.page
        page.goto((root / f"dist/{locale}guide/keys/index.html").as_uri())
        page.screenshot(
            path=str(shots / f"header-{locale.strip('/') or 'en'}-{width}.png"),
            clip={"x": 0, "y": 0, "width": width, "height": 120},
        )
        boxes = page.evaluate(_HEADER_BOXES)
        assert boxes["width"] <= width  # nothing sticks out sideways
        assert page.locator(".menu-button").is_visible()
        for a, b in (("menu", "brand"), ("menu", "input"), ("brand", "input"), ("input", "actions"), ("menu", "icon")):
            assert not _overlap(boxes[a], boxes[b]), (locale, width, a, b, boxes)
        assert boxes["icon"][0] >= boxes["input"][0] and boxes["icon"][2] <= boxes["input"][2]  # the icon is in the box
        assert boxes["placeholder"] <= boxes["room"], (locale, width, boxes)  # the placeholder is not cut
        page.locator(".menu-button").click()
        page.wait_for_timeout(300)
        sidebar = page.locator(".sidebar").bounding_box()
        assert sidebar is not None and sidebar["x"] >= -1 and sidebar["x"] + sidebar["width"] <= width + 1
        assert sidebar["y"] + sidebar["height"] >= 639  # the open menu reaches the bottom of the screen
        if locale:  # right to left: the menu comes in from the right
            assert sidebar["x"] + sidebar["width"] >= width - 1
        page.screenshot(path=str(shots / f"menu-{locale.strip('/') or 'en'}-{width}.png"))
        assert tab.errors == []
        tab.close()


def test_language_picker_in_the_browser(browser: Any, fixture_site: Callable[[str], Path]) -> None:
    root = fixture_site("multilingual")
    assert export(root, "--format", "html", "-o", "dist").exit_code == 0
    tab = Tab(browser, viewport={"width": 1280, "height": 800})
    page = tab.page
    page.goto((root / "dist/guide/keys/index.html").as_uri())
    assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"
    page.locator(".language-picker > summary").click()
    with page.expect_navigation():
        page.locator(".language-list a", has_text="فارسی").click()
    assert page.url.endswith("/fa/guide/keys/index.html")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.locator(".lesson-head h1").inner_text() == "کلیدهای SSH"
    assert page.locator("figure.code pre").evaluate("pre => getComputedStyle(pre).direction") == "ltr"  # code stays LTR
    page.locator(".language-picker > summary").click()
    with page.expect_navigation():
        page.locator(".language-list a", has_text="Deutsch").click()
    assert page.url.endswith("/de/guide/keys/index.html")  # the German fallback copy of the lesson
    assert page.locator(".prose").get_attribute("lang") == "en"
    assert tab.errors == []
    tab.close()


COMPONENTS_MDX = """\
---
title: Components
---
import { Card, CardGrid, Code, FileTree, Icon, LinkButton, Tabs, TabItem } from '@astrojs/starlight/components';
import Testimonial from '../../../components/Testimonial.astro';

<Icon name="rocket" label="Launch" size="2rem" />

<CardGrid>
  <Card title="Stars" icon="star">
    Shine.
  </Card>
</CardGrid>

<Code code="const answer = 42;" lang="js" title="answer.js" />

<LinkButton href="/" icon="right-arrow">Home</LinkButton>

<FileTree>
- src/
  - **app.py** the entry point
- README.md
</FileTree>

```ts {1} ins="42"
let a = 1;
let b = 42;
```

<Tabs syncKey="pkg">
  <TabItem label="npm">npm install</TabItem>
  <TabItem label="pnpm">pnpm add</TabItem>
</Tabs>

<Testimonial author="Ana">
  Learned **a lot**.
</Testimonial>

<div class="box">
<Shout>inside HTML</Shout>
</div>
"""


def test_components_render_in_the_browser(browser: Any, fixture_site: Callable[[str], Path]) -> None:
    root = fixture_site("multilingual")
    (root / "src/content/docs/guide/components.mdx").write_text(COMPONENTS_MDX, encoding="utf-8")
    result = export(root, "--format", "html", "-o", "dist")
    assert result.exit_code == 0
    assert (
        "guide/components.mdx: info: component-unknown <Testimonial> is not a component the export draws"
        in result.stderr
    )
    tab = Tab(browser, viewport={"width": 1280, "height": 900})
    page = tab.page
    page.goto((root / "dist/guide/components/index.html").as_uri())
    prose = page.locator(".prose")
    assert "<" not in prose.inner_text()  # no raw JSX anywhere
    rocket = page.locator('.prose svg.icon[data-icon="rocket"]').bounding_box()
    assert rocket is not None and round(rocket["width"]) == 32
    star = page.locator('.card-title svg.icon[data-icon="star"]').bounding_box()
    assert star is not None and star["width"] > 10
    code = page.locator('figure.code[data-lang="js"]')
    assert code.locator(".code-title").inner_text() == "answer.js" and "const answer = 42;" in code.inner_text()
    assert page.locator('.link-button svg.icon[data-icon="right-arrow"]').is_visible()
    tree = page.locator(".file-tree")
    icon = tree.locator(".highlight svg.tree-icon").bounding_box()
    assert icon is not None and round(icon["width"]) == 14  # Starlight's 0.875rem Seti icon beside the bold name
    tree.locator("summary").click()  # a folder closes like Starlight's
    assert not tree.locator(".highlight").is_visible() and tree.locator("text=README.md").is_visible()
    marked = page.locator("figure.code .hll")
    assert marked.count() == 1 and marked.inner_text() == "let a = 1;"
    assert page.locator("figure.code ins").inner_text() == "42"
    page.locator('[role="tab"]', has_text="pnpm").click()
    assert page.locator('[role="tabpanel"]', has_text="pnpm add").is_visible()
    testimonial = page.locator('[data-component="Testimonial"]')
    assert testimonial.locator(".component-props").inner_text() == "Ana"
    assert testimonial.locator("strong").inner_text() == "a lot"
    assert page.locator(".box").inner_text().strip() == "inside HTML"
    assert tab.errors == []
    tab.close()


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_a_wide_logo_per_theme_keeps_its_shape(
    browser: Any, fixture_site: Callable[[str], Path], tmp_path: Path, width: int
) -> None:
    """Starlight's light and dark wordmarks with ``replacesTitle``: the theme's one shows, 4:1 as drawn."""
    from test_export_i18n import with_theme_logos

    root = with_theme_logos(fixture_site("multilingual"))
    assert export(root, "--format", "html", "-o", "dist").exit_code == 0
    shots = Path(os.environ.get("EDUFORGE_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    for theme in ("light", "dark"):
        tab = Tab(browser, viewport={"width": width, "height": 640}, color_scheme=theme)
        page = tab.page
        page.goto((root / "dist/fa/guide/keys/index.html").as_uri())
        page.screenshot(
            path=str(shots / f"logo-{theme}-{width}.png"), clip={"x": 0, "y": 0, "width": width, "height": 80}
        )
        shown = page.locator(".brand img.logo:visible")
        assert shown.count() == 1
        assert shown.get_attribute("src").endswith(f"/{theme}.svg")
        box = shown.bounding_box()
        assert box is not None and box["height"] >= 27
        if width > 640:
            assert abs(box["width"] / box["height"] - 4) < 0.05  # as drawn, not squeezed into a square
        else:
            assert box["width"] <= (
                40 if width < 384 else 80
            )  # drawn whole inside the room a phone header has (object-fit: contain)
        title = page.locator(".brand span").bounding_box()
        assert title is not None and title["width"] <= 1  # replacesTitle: for screen readers only
        assert page.locator(".brand").evaluate("a => a.textContent.trim()") == "مرکز یادگیری"
        boxes = page.evaluate(_HEADER_BOXES)
        assert boxes["width"] <= width
        for a, b in (("menu", "brand"), ("brand", "input"), ("input", "actions")):
            assert not _overlap(boxes[a], boxes[b]), (theme, width, a, b, boxes)
        assert boxes["placeholder"] <= boxes["room"], (theme, width, boxes)  # the search box keeps its room
        assert tab.errors == []
        tab.close()


def test_a_long_language_list_scrolls_inside_a_short_screen(browser: Any, fixture_site: Callable[[str], Path]) -> None:
    """Starlight's own docs have 17 locales: on a 600 px high phone the picker's list must not run off the screen."""
    root = fixture_site("multilingual")
    config = root / "astro.config.mjs"
    extra = "".join(f"        x{n}: {{ label: 'Locale {n}', lang: 'en' }},\n" for n in range(1, 16))
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      },\n      sidebar:", extra + "      },\n      sidebar:", 1), encoding="utf-8")
    assert export(root, "--format", "html", "-o", "dist").exit_code == 0
    tab = Tab(browser, viewport={"width": 390, "height": 600}, is_mobile=True, has_touch=True)
    page = tab.page
    page.goto((root / "dist/guide/keys/index.html").as_uri())
    page.locator(".language-picker > summary").click()
    listed = page.locator(".language-list a")
    assert listed.count() == 18
    box = page.locator(".language-list").bounding_box()
    assert box is not None and box["y"] + box["height"] <= 600
    last = listed.last
    last.scroll_into_view_if_needed()
    spot = last.bounding_box()
    assert spot is not None and spot["y"] + spot["height"] <= 600
    with page.expect_navigation():
        last.click()
    assert page.url.endswith("/x15/guide/keys/index.html")  # the fallback copy of the same lesson
    assert tab.errors == []
    tab.close()


PERSIAN_MDX = """\
---
title: مراحل
---
import { Steps } from '@astrojs/starlight/components';

:::tip
یک نکته.
:::

<Steps>

1. اول کلید را بسازید.

2. سپس آن را اضافه کنید.

</Steps>

- یک مورد

> یک نقل قول.

| ستون | مقدار |
| --- | --- |
| الف | ب |
"""


def test_right_to_left_content_is_laid_out_from_the_right(
    browser: Any, fixture_site: Callable[[str], Path], tmp_path: Path
) -> None:
    """A translated Persian page: the aside's bar, step numbers, bullets, quote bar and table text start on the right."""
    root = fixture_site("multilingual")
    (root / "src/content/docs/fa/guide/steps.mdx").write_text(PERSIAN_MDX, encoding="utf-8")
    assert export(root, "--format", "html", "-o", "dist").exit_code == 0
    tab = Tab(browser, viewport={"width": 1280, "height": 900})
    page = tab.page
    page.goto((root / "dist/fa/guide/steps/index.html").as_uri())
    shots = Path(os.environ.get("EDUFORGE_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "rtl-content-1280.png"))
    sides = page.evaluate(
        """() => {
      const style = (selector, pseudo) => getComputedStyle(document.querySelector(selector), pseudo || null);
      const box = (selector) => document.querySelector(selector).getBoundingClientRect();
      const number = box('.steps > ol > li'), prose = box('.prose');
      return {
        aside: [style('.aside').borderRightWidth, style('.aside').borderLeftWidth],
        quote: [style('.prose blockquote').borderRightWidth, style('.prose blockquote').borderLeftWidth],
        step: [style('.steps > ol > li').paddingRight, style('.steps > ol > li', '::before').right],
        bullet: style('.prose > ul').paddingRight,
        cell: style('.prose th').textAlign,
        stepRight: number.right, proseRight: prose.right,
      };
    }"""
    )
    assert sides["aside"] == ["4px", "0px"] and sides["quote"] == ["3px", "0px"]
    assert sides["step"] == ["48px", "0px"]  # the number sits at the right, the text after it
    assert sides["bullet"] == "24px" and sides["cell"] == "start"
    assert abs(sides["stepRight"] - sides["proseRight"]) < 1
    assert tab.errors == []
    tab.close()
