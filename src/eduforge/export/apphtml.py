"""Lesson bodies for apps: HTML that stands alone, and Markdown without MDX's ESM.

The JSON export is read by apps that have neither eduforge's stylesheet nor
its scripts, so its HTML is plain semantic markup that reads right unstyled:

* headings keep their ids, without the visible ``#`` anchor link;
* code is ``<pre><code class="language-js">`` (the HTML standard's convention,
  which highlight.js, Prism and Shiki pick up), a ``title="…"`` becomes a
  ``<figure>`` with a ``<figcaption>``, marked lines are ``<mark>``;
* asides are ``<aside data-aside="tip" aria-label="Tip">`` whose first
  paragraph is the title in ``<strong>``;
* ``<Tabs>`` become one ``<details>`` per ``<TabItem>`` (``<summary>`` is the
  label, the first one ``open``): they switch without any script;
* ``<Steps>``, ``<CardGrid>`` and ``<FileTree>`` leave just their lists and
  cards; a ``<Card>`` is an ``<article>``, a ``<LinkCard>`` a paragraph with
  its link, a ``<Badge>`` a ``<mark data-badge="tip">``, a ``<LinkButton>`` a
  link; tables are bare ``<table>``; decorative icons are left out and drawn
  icons (``<Icon>``) get a 1em size;
* every link to a lesson gets ``data-lesson="<lesson id>"``; images and files
  point into the export's asset folder (see :class:`AppLinks`).

Classes that remain (``language-*``, an unknown component's wrapper) are hooks,
never needed to read the page.  The rules replace the HTML export's rules of
:class:`~eduforge.export.markdown.MarkdownRenderer` by token type, so the
parsing (MDX, components, asides, links) is the HTML export's own.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from typing import Any

from eduforge.curriculum import Lesson
from eduforge.export.code import parse_meta
from eduforge.export.links import Located, Targets, locate
from eduforge.export.markdown import MarkdownRenderer, parse_tag
from eduforge.export.rawcode import RawImports, ec_code, known_code, prop_value
from eduforge.export.render import Rule, Token, escape_html
from eduforge.site.markdown import body_esm_lines
from eduforge.site.page import Page
from eduforge.urlscheme import safe_url, unsafe_scheme

_LANGUAGE = re.compile(r"^[\w+#.-]{1,40}$")
_BADGES = frozenset({"default", "note", "danger", "success", "caution", "tip"})
_ASIDES = frozenset({"note", "tip", "caution", "danger"})
_ICON_SVG = re.compile(r"<svg(?=[^<>]*\sdata-icon=)(?![^<>]*\swidth=)")
_ANCHOR = re.compile(r"<a(\s[^<>]*?\bhref=\"([^\"<>]*)\")")
"""A start tag never spans a ``<``: each try stops at the next one, so a page of ``<a <a <a`` stays linear."""


def _attr(attrs: Mapping[str, Any], name: str, default: str = "") -> str:
    value = attrs.get(name)
    return value if isinstance(value, str) else default


def code_html(code: str, info: str) -> str:
    """A code block as plain HTML: ``<pre><code class="language-x">``, a title as ``<figcaption>``,
    marked lines (Expressive Code's ``{2-3}``, ``ins=``, ``del=``) as ``<mark>``, ``<ins>``, ``<del>``."""
    meta = parse_meta(info, lambda _message: None)  # the HTML export warns about the meta string
    language = meta.language
    if code.endswith("\n"):
        code = code[:-1]
    body = escape_html(code)
    if meta.lines:
        body = "\n".join(
            f"<{meta.lines[number][0]}>{line}</{meta.lines[number][0]}>" if number in meta.lines else line
            for number, line in enumerate(body.split("\n"), start=1)
        )
    css = f' class="language-{escape_html(language)}"' if language and _LANGUAGE.match(language) else ""
    block = f"<pre><code{css}>{body}</code></pre>"
    title = meta.title or ""
    return f"<figure><figcaption>{escape_html(title)}</figcaption>{block}</figure>\n" if title else block + "\n"


class AppLinks:
    """The link policy of one lesson in the JSON export: lessons by their URL (absolute when the
    site has ``site``), local files by their path relative to the JSON file."""

    def __init__(
        self, targets: Targets, lesson: Lesson, lesson_url: Callable[[Lesson], str], asset_path: Callable[[str], str]
    ) -> None:
        self.targets = targets
        self.lesson = lesson
        self.lesson_url = lesson_url
        self.asset_path = asset_path
        self.found: dict[tuple[str, bool], Located] = {}
        """Each target once: the HTML, the Markdown and the links list ask for the same ones."""

    def locate(self, target: str, image: bool) -> Located:
        key = (target, image)
        found = self.found.get(key)
        if found is None:
            found = self.found[key] = locate(self.targets, target, self.lesson, image)
        return found

    def href(self, target: str) -> str:
        return self._rewrite(target, image=False)

    def src(self, target: str) -> str:
        return self._rewrite(target, image=True)

    def _rewrite(self, target: str, image: bool) -> str:
        if unsafe_scheme(target, image=image):
            return target  # the renderer makes it "#"; lint reports it
        located = self.locate(target, image)
        if located.kind == "lesson" and located.lesson is not None:
            return self.lesson_url(located.lesson) + located.fragment
        if located.kind == "file" and located.file is not None:
            return self.asset_path(located.file) + located.fragment
        if located.kind == "online":
            return located.url
        return target


class AppRenderer(MarkdownRenderer):
    """:class:`MarkdownRenderer` with the render rules for apps (see the module docstring)."""

    search = False  # apps search as they like: the JSON has no search sections

    def _rules(self) -> dict[str, Rule]:
        rules = super()._rules()
        self._base_rules: dict[str, Rule] = dict(rules)
        rules.update(
            fence=lambda tokens, idx, env: code_html(ec_code(tokens[idx].content), tokens[idx].info),
            code_block=lambda tokens, idx, env: code_html(ec_code(tokens[idx].content), ""),
            heading_close=lambda tokens, idx, env: f"</{tokens[idx].tag}>\n",
            table_open=lambda tokens, idx, env: "<table>\n",
            table_close=lambda tokens, idx, env: "</table>\n",
            aside_open=lambda tokens, idx, env: self._app_aside(
                tokens[idx].info, (tokens[idx].meta or {}).get("title")
            ),
            aside_close=lambda tokens, idx, env: "</aside>\n",
            jsx_open=self._app_jsx_open,
            jsx_close=self._app_jsx_close,
            jsx_self=self._app_jsx_self,
            html_inline=self._app_html_inline,
        )
        return rules

    # -- pieces ------------------------------------------------------------------------
    def _app_aside(self, kind: str, title: Any) -> str:
        kind = kind if kind in _ASIDES else "note"
        label = escape_html(title if isinstance(title, str) and title else self.strings[f"aside.{kind}"])
        return f'<aside data-aside="{kind}" aria-label="{label}"><p><strong>{label}</strong></p>\n'

    def _link(self, env: dict[str, Any], target: str) -> str:
        if not target or unsafe_scheme(target):
            return "#"
        links = env.get("links")
        return escape_html(safe_url(links.href(target) if links is not None else target))

    def _link_card(self, attrs: Mapping[str, Any], env: dict[str, Any]) -> str:
        description = _attr(attrs, "description")
        more = f"<br>{escape_html(description)}" if description else ""
        return (
            f'<p><a href="{self._link(env, _attr(attrs, "href"))}"><strong>{escape_html(_attr(attrs, "title"))}</strong>'
            f"</a>{more}</p>\n"
        )

    @staticmethod
    def _app_badge(attrs: Mapping[str, Any]) -> str:
        variant = _attr(attrs, "variant", "default")
        variant = variant if variant in _BADGES else "default"
        return f'<mark data-badge="{variant}">{escape_html(_attr(attrs, "text"))}</mark>'

    @staticmethod
    def _card(attrs: Mapping[str, Any]) -> str:
        title = _attr(attrs, "title")
        return f"<article><p><strong>{escape_html(title)}</strong></p>\n" if title else "<article>\n"

    # -- components ----------------------------------------------------------------------
    def _app_jsx_open(self, tokens: list[Token], idx: int, env: dict[str, Any]) -> str:
        """Open a component; what closes it is pushed on ``env["app_close"]`` (``None``: the base rule's)."""
        token = tokens[idx]
        name, attrs = token.info, token.meta["attrs"]
        closers: list[str | None] = env.setdefault("app_close", [])
        tabs: list[int] = env.setdefault("app_tabs", [])
        opened: str | None
        closer: str | None = ""
        if name in ("Steps", "CardGrid", "FileTree"):
            opened = ""
        elif name == "Tabs":
            tabs.append(0)
            opened, closer = "", "\x00tabs"
        elif name == "TabItem" and tabs:
            number = tabs[-1]
            tabs[-1] += 1
            label = escape_html(_attr(attrs, "label", str(number + 1)))
            opened, closer = f"<details{' open' if number == 0 else ''}><summary>{label}</summary>\n", "</details>\n"
        elif name == "Aside":
            opened, closer = self._app_aside(_attr(attrs, "type", "note"), attrs.get("title")), "</aside>\n"
        elif name == "Card":
            opened, closer = self._card(attrs), "</article>\n"
        elif name == "LinkCard":
            opened, closer = self._link_card(attrs, env) + "<div hidden>\n", "</div>\n"
        elif name == "LinkButton":
            opened, closer = f'<a href="{self._link(env, _attr(attrs, "href"))}">', "</a>\n"
        elif name == "Badge":
            opened, closer = self._app_badge(attrs) + "<span hidden>", "</span>"
        elif name == "Code" and (code := known_code(attrs.get("code"), env.get("raw"))) is not None:
            opened, closer = self._code(attrs, code, env.get("raw")) + "<div hidden>", "</div>\n"
        else:
            opened, closer = None, None
        closers.append(closer)
        return self._base_rules["jsx_open"](tokens, idx, env) if opened is None else opened

    def _app_jsx_close(self, tokens: list[Token], idx: int, env: dict[str, Any]) -> str:
        closers: list[str | None] = env.get("app_close", [])
        closer = closers.pop() if closers else None
        if closer == "\x00tabs":
            env["app_tabs"].pop()
            return ""
        return self._base_rules["jsx_close"](tokens, idx, env) if closer is None else closer

    def _app_jsx_self(self, tokens: list[Token], idx: int, env: dict[str, Any]) -> str:
        token = tokens[idx]
        name, attrs = token.info, token.meta["attrs"]
        if name in ("Steps", "CardGrid", "FileTree", "Tabs", "TabItem", "Aside"):
            return ""
        if name == "LinkCard":
            return self._link_card(attrs, env)
        if name == "Badge":
            return f"<p>{self._app_badge(attrs)}</p>\n"
        if name == "Card":
            return self._card(attrs) + "</article>\n"
        if name == "LinkButton":
            return f'<p><a href="{self._link(env, _attr(attrs, "href"))}"></a></p>\n'
        if name == "Code" and (code := known_code(attrs.get("code"), env.get("raw"))) is not None:
            return self._code(attrs, code, env.get("raw"))
        return self._base_rules["jsx_self"](tokens, idx, env)

    def _code(self, attrs: Mapping[str, Any], code: str, raw: RawImports | None) -> str:
        title, mark = prop_value(attrs, "title", raw), prop_value(attrs, "mark", raw)
        title = title if isinstance(title, str) else ""
        lang = prop_value(attrs, "lang", raw)
        meta = (lang if isinstance(lang, str) and lang else "text") + (
            f' title="{title}"' if title and '"' not in title else ""
        )
        if isinstance(mark, str) and re.fullmatch(r"[\d,\s-]+", mark):
            meta += f" {{{mark}}}"
        return code_html(ec_code(code), meta)

    def _app_html_inline(self, tokens: list[Token], idx: int, env: dict[str, Any]) -> str:
        content = tokens[idx].content
        if env.get("mdx") and content[:1] == "<":
            tag = parse_tag(content, 0)
            if tag is not None and tag.name == "Badge":
                return "" if tag.closing else self._app_badge(tag.attrs)
            if tag is not None and tag.name == "LinkButton":
                if tag.closing:
                    return "</a>"
                opened = f'<a href="{self._link(env, _attr(tag.attrs, "href"))}">'
                return opened + "</a>" if tag.self_closing else opened
        return self._base_rules["html_inline"](tokens, idx, env)


def finish_html(text: str, lesson_ids: Mapping[str, str]) -> str:
    """``data-lesson`` on every link to a lesson (by its href without fragment); drawn icons 1em wide."""

    def tag(match: re.Match[str]) -> str:
        href = html.unescape(match.group(2)).partition("#")[0]
        found = lesson_ids.get(href)
        return match.group(0) if found is None else f'<a data-lesson="{escape_html(found)}"{match.group(1)}'

    if "<a" in text:
        text = _ANCHOR.sub(tag, text)
    if "<svg" in text:
        text = _ICON_SVG.sub('<svg width="1em" height="1em"', text)
    return text


# --- Markdown -----------------------------------------------------------------------


def app_markdown(page: Page, links: AppLinks | None) -> str:
    """The body as written, with MDX's ``import``/``export`` statements left out and link targets
    rewritten as in the HTML (lessons by URL, files into the asset folder).

    A target is rewritten where the page's reading found it (line and column), only when the text
    there is the target as written; an ESM statement runs, as in MDX, to the next blank line.
    """
    body = page.frontmatter.body
    lines = body.split("\n")
    if links is not None:
        first = page.frontmatter.body_line
        edits: dict[int, list[tuple[int, str, str]]] = {}
        for link in page.facts.links:
            if link.kind == "frontmatter":
                continue
            image = link.kind == "image" or link.asset or link.attr == "src"
            new = links.src(link.target) if image else links.href(link.target)
            if new != link.target and 0 <= link.line - first < len(lines):
                edits.setdefault(link.line - first, []).append((link.column - 1, link.target, new))
        for number, found in edits.items():
            lines[number] = _splice(lines[number], found)
    if page.is_mdx:
        lines = _without_esm(lines)
    return "\n".join(lines)


def _splice(line: str, edits: list[tuple[int, str, str]]) -> str:
    """``line`` with each ``(column, old, new)`` replaced where ``old`` is written (in one pass: linear)."""
    pieces: list[str] = []
    done = 0
    for column, old, new in sorted(edits):
        if column >= done and line.startswith(old, column):
            pieces += (line[done:column], new)
            done = column + len(old)
    pieces.append(line[done:])
    return "".join(pieces)


def _without_esm(lines: list[str]) -> list[str]:
    """``lines`` without the MDX ESM statements, each with the blank line that ends it."""
    esm = body_esm_lines("\n".join(lines))
    return [
        line for index, line in enumerate(lines) if index not in esm and not (index - 1 in esm and not line.strip())
    ]
