"""What GitHub Flavored Markdown adds to CommonMark, rendered as Astro renders it (remark-gfm is on by default).

* **Autolink literals** (``https://…``, ``www.…``, ``a@b.org``): exactly the bare URLs lint reads
  (:func:`eduforge.site.markdown.bare_urls`), so every URL lint checks is a link in the export and
  nothing else is; ``https://en.wikipedia.org/wiki/Mercury_(planet)`` keeps its balanced ``)``.
* **Footnotes** (``[^1]`` and ``[^1]: text``), read by pulldown-cmark (labels match in any case, as
  micromark matches them) and written with the ids
  and attributes of remark-rehype: ``#user-content-fn-1``, ``#user-content-fnref-1``, a
  ``<section data-footnotes class="footnotes">`` at the end of the page.
* **Task lists** (``- [x] done``): disabled checkboxes in ``<li class="task-list-item">`` (made
  where pulldown-cmark reads the marker, :mod:`eduforge.export.render`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from eduforge.export.render import Rule, Token, escape_html, text_token
from eduforge.site.markdown import bare_urls, may_hold_bare_url

FOOTNOTE_LABEL = "Footnotes"
"""remark-rehype's default ``footnoteLabel`` (Astro does not translate it)."""


def footnote_rules() -> dict[str, Rule]:
    """The render rules of footnotes (:func:`eduforge.export.render.footnote_block` makes their tokens)."""
    return {
        "footnote_ref": _footnote_ref,
        "footnote_block_open": _footnote_block_open,
        "footnote_block_close": _footnote_block_close,
        "footnote_open": _footnote_open,
        "footnote_close": _footnote_close,
        "footnote_anchor": _footnote_anchor,
    }


# --- autolink literals -------------------------------------------------------------------


def autolink_literals(tokens: list[Token]) -> None:
    """Bare URLs in text (never inside a link or code) become links, as remark-gfm makes them."""
    for token in tokens:
        if token.type != "inline" or not token.children or not may_hold_bare_url(token.content):
            continue  # content: the text of the inline's text children
        children: list[Token] = []
        depth = 0
        changed = False
        for child in token.children:
            if child.type == "link_open":
                depth += 1
            elif child.type == "link_close":
                depth -= 1
            if child.type == "text" and depth == 0 and may_hold_bare_url(child.content):
                pieces = _linked(child)
                if pieces is not None:
                    children.extend(pieces)
                    changed = True
                    continue
            children.append(child)
        if changed:
            token.children = children


def _linked(token: Token) -> list[Token] | None:
    text = token.content
    pieces: list[Token] = []
    cursor = 0
    for offset, written, url in bare_urls(text):
        if offset < cursor:
            continue
        if offset > cursor:
            pieces.append(text_token(text[cursor:offset], token.level))
        opening, closing = Token("link_open", "a", 1), Token("link_close", "a", -1)
        opening.attrs = {"href": url}
        opening.markup = closing.markup = "linkify"
        opening.info = closing.info = "auto"
        pieces.extend((opening, text_token(written, token.level), closing))
        cursor = offset + len(written)
    if not pieces:
        return None
    if cursor < len(text):
        pieces.append(text_token(text[cursor:], token.level))
    return pieces


# --- footnotes -------------------------------------------------------------------------------


def _footnote_id(tokens: list[Token], idx: int) -> str:
    """remark-rehype's footnote id: the label, lowercased and URL-encoded (the number for an unlabelled note)."""
    meta = tokens[idx].meta or {}
    label = meta.get("label")
    name = label.lower() if isinstance(label, str) and label else str(meta.get("id", 0) + 1)
    return quote(name, safe="")


def _footnote_ref(tokens: list[Token], idx: int, env: Any) -> str:
    meta = tokens[idx].meta or {}
    name = _footnote_id(tokens, idx)
    sub = meta.get("subId", 0)
    ref = f"user-content-fnref-{name}" + (f"-{sub + 1}" if sub > 0 else "")
    return (
        f'<sup><a href="#user-content-fn-{escape_html(name)}" id="{escape_html(ref)}" data-footnote-ref="" '
        f'aria-describedby="footnote-label">{meta.get("id", 0) + 1}</a></sup>'
    )


def _footnote_block_open(tokens: list[Token], idx: int, env: Any) -> str:
    return (
        '<section data-footnotes="" class="footnotes">'
        f'<h2 class="sr-only" id="footnote-label">{FOOTNOTE_LABEL}</h2>\n<ol>\n'
    )


def _footnote_block_close(tokens: list[Token], idx: int, env: Any) -> str:
    return "</ol>\n</section>\n"


def _footnote_open(tokens: list[Token], idx: int, env: Any) -> str:
    return f'<li id="user-content-fn-{escape_html(_footnote_id(tokens, idx))}">'


def _footnote_close(tokens: list[Token], idx: int, env: Any) -> str:
    return "</li>\n"


def _footnote_anchor(tokens: list[Token], idx: int, env: Any) -> str:
    meta = tokens[idx].meta or {}
    name = _footnote_id(tokens, idx)
    sub = meta.get("subId", 0)
    ref = f"user-content-fnref-{name}" + (f"-{sub + 1}" if sub > 0 else "")
    number = meta.get("id", 0) + 1
    return (
        f' <a href="#{escape_html(ref)}" data-footnote-backref="" aria-label="Back to reference {number}" '
        'class="data-footnote-backref">\u21a9\ufe0e</a>'
    )
