"""Starlight's ``<FileTree>``: the Markdown list inside it becomes a tree with icons, as Starlight draws it.

Starlight (``user-components/rehype-file-tree.ts``) reads each list item as one entry:

* the first word is the name, the rest of the item's first line a comment (``README.md the docs``);
* a name ending in ``/`` (the slash is shown), or an item holding a list, is a directory (a folder
  icon, open when it has entries, a ``…`` placeholder entry inside when not); other names are files,
  with the Seti icon Starlight picks for the name (:func:`eduforge.export.starlight_icons.file_icon_name`);
* a bold name (``**index.md**``) is highlighted; ``...`` or ``…`` alone is a placeholder, no icon.

This is a rule over the tokens between ``jsx_open``/``jsx_close`` of FileTree:
the list's own tokens stay (so links, code and emphasis in names and comments render as
everywhere else); entries get their classes and wrappers as inline HTML tokens.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from eduforge.export.render import Token, escape_html, text_token
from eduforge.export.starlight_icons import file_icon_name, icon_paths

_PLACEHOLDER = re.compile(r"^\s*(\.{3}|…)\s*$")
_EMPTY_ENTRY = '<span class="tree-entry"><span>…</span></span>'
"""What an empty directory holds: Starlight adds ``<ul><li>…</li></ul>`` and, visiting it next, draws that
``…`` as every placeholder entry (``file empty``, no icon)."""


def tree_icon(name: str) -> str:
    """The 16 px SVG of one of Starlight's icons, as FileTree draws it."""
    paths = icon_paths(name) or icon_paths("seti:default") or ""
    return f'<svg width="16" height="16" class="tree-icon" aria-hidden="true" viewBox="0 0 24 24">{paths}</svg>'


def _html(content: str) -> Token:
    token = Token("html_inline", "", 0)
    token.content = content
    return token


def _block(content: str) -> Token:
    token = Token("html_block", "", 0, block=True)
    token.content = content
    return token


def _text_of(tokens: list[Token]) -> str:
    return "".join(token.content for token in tokens if token.type in ("text", "code_inline"))


def _split_entry(children: list[Token]) -> tuple[list[Token], list[Token], bool]:
    """An entry's first line as (name tokens, comment tokens, highlighted)."""
    children = list(children)
    while children and children[0].type == "text" and not children[0].content:
        children.pop(0)
    if not children:
        return [], [], False
    first = children[0]
    if first.nesting == 1:  # **name**, [name](url): the whole element is the name
        depth, end = 0, len(children)
        for index, token in enumerate(children):
            depth += token.nesting
            if depth == 0:
                end = index + 1
                break
        return children[:end], children[end:], first.type == "strong_open"
    if first.type == "text":
        name, _, comment = first.content.partition(" ")
        rest = children[1:]
        if comment.strip():
            rest = [text_token(comment), *rest]
        return [text_token(name)], rest, False
    return children[:1], children[1:], False


def _entry(inline: Token, is_directory: bool, directory_label: str) -> None:
    """Rewrite one entry's inline tokens: icon, name, comment, in Starlight's markup."""
    name_tokens, comment, highlighted = _split_entry(inline.children or [])
    name = _text_of(name_tokens)
    placeholder = bool(_PLACEHOLDER.match(name))
    if is_directory:
        icon = f'<span><span class="sr-only">{escape_html(directory_label)}</span>{tree_icon("seti:folder")}</span>'
    else:
        icon = "" if placeholder else f"<span>{tree_icon(file_icon_name(name.strip()) or 'seti:default')}</span>"
    highlight = ' class="highlight"' if highlighted else ""
    tokens = [_html(f'<span class="tree-entry"><span{highlight}>{icon}'), *name_tokens, _html("</span>")]
    if comment and (_text_of(comment).strip() or any(token.type != "text" for token in comment)):
        tokens += [_html(' <span class="comment">'), *comment, _html("</span>")]
    tokens.append(_html("</span>"))
    inline.children = tokens


def _items(tokens: list[Token], start: int, end: int) -> list[tuple[int, int]]:
    """The ``(list_item_open, list_item_close)`` indices between ``start`` and ``end``, every level."""
    found: list[tuple[int, int]] = []
    stack: list[int] = []
    for index in range(start, end):
        kind = tokens[index].type
        if kind == "list_item_open":
            stack.append(index)
        elif kind == "list_item_close" and stack:
            found.append((stack.pop(), index))
    return found


def _tree(tokens: list[Token], start: int, end: int, directory_label: str) -> list[Token]:
    """The tokens of one FileTree's content, entries rewritten."""
    inserts: dict[int, list[Token]] = {}
    after: dict[int, list[Token]] = {}
    for opening, closing in _items(tokens, start, end):
        item = tokens[opening + 1 : closing]
        inline_at = next((opening + 1 + k for k, token in enumerate(item) if token.type == "inline"), None)
        if inline_at is None or tokens[inline_at].level != tokens[opening].level + 2:
            continue
        has_list = any(t.type in ("bullet_list_open", "ordered_list_open") for t in item)
        name = _text_of(_split_entry(tokens[inline_at].children or [])[0])
        is_directory = bool(re.search(r"/\s*$", name)) or has_list
        tokens[opening].attrSet(
            "class", "directory" if is_directory else ("file empty" if _PLACEHOLDER.match(name) else "file")
        )
        for paragraph in (inline_at - 1, inline_at + 1):
            if tokens[paragraph].type in ("paragraph_open", "paragraph_close"):
                tokens[paragraph].hidden = True
        _entry(tokens[inline_at], is_directory, directory_label)
        if is_directory:
            after.setdefault(opening, []).append(_block(f"<details{' open' if has_list else ''}><summary>"))
            after.setdefault(inline_at + 1, []).append(_block("</summary>"))
            closing_tokens = [] if has_list else [_block(f'<ul><li class="file empty">{_EMPTY_ENTRY}</li></ul>')]
            inserts.setdefault(closing, []).extend([*closing_tokens, _block("</details>")])
    out: list[Token] = []
    for index in range(start, end):
        out.extend(inserts.get(index, []))
        out.append(tokens[index])
        out.extend(after.get(index, []))
    return out


def file_tree_rule(strings: dict[str, str]) -> Callable[[list[Token]], list[Token]]:
    """The rule (a body's tokens → its tokens, file trees drawn), with the screen-reader label for
    directories in the page's language."""
    directory_label = strings.get("fileTree.directory", "Directory")

    def rule(tokens: list[Token]) -> list[Token]:
        if not any(t.type == "jsx_open" and t.info == "FileTree" for t in tokens):
            return tokens
        out: list[Token] = []
        index = 0
        while index < len(tokens):
            token = tokens[index]
            out.append(token)
            index += 1
            if token.type != "jsx_open" or token.info != "FileTree":
                continue
            depth, end = 1, index
            while end < len(tokens) and depth:
                depth += {"jsx_open": 1, "jsx_close": -1}.get(tokens[end].type, 0)
                end += 1
            close = end - 1 if depth == 0 else end
            out.extend(_tree(tokens, index, close, directory_label))
            index = close
        return out

    return rule
