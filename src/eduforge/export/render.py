"""A body's blocks and inlines from pulldown-cmark (pyromark, lint's parser and options), as a token stream.

Lint reads bodies with pyromark (:func:`eduforge.site.markdown.parser`); the export reads them with the
same parser and options, and turns its events into the tokens the export's render rules
(:mod:`eduforge.export.markdown`, :mod:`eduforge.export.apphtml`, :mod:`eduforge.export.filetree`) draw:
``paragraph_open``, ``inline`` with its children, ``fence``, ``html_block``…, the shapes markdown-it uses.

pulldown-cmark knows neither Starlight's asides nor MDX, so before it reads the body a pass over the
lines (:func:`mark_blocks`) puts a marker, an HTML comment ``<!--ef:N-->``, where each aside fence
(``:::note`` … ``:::``), block component tag (``<Steps>``, ``<Card …/>``) and MDX element line
(``<details>``) is. A comment is an HTML block that ends on its own line and keeps the indentation the
tag had, so the parser nests it in the list item or quote it belongs to; the token for the marker
(``aside_open``, ``jsx_open``…) is put where its HTML block comes. MDX has no indented code: the
content of a component is dedented to its tag, and what the parser still reads as indented code in
MDX is read again as Markdown.

The tokens are this module's own :class:`Token` (markdown-it's attributes, none of its dataclass
machinery), and :func:`render_tokens` draws them as markdown-it's renderer drew them: each by the rule
of its type (the export's rules, :data:`BASE_RULES` for the rest), else its tag and attributes
(:func:`render_token`). A body makes a hundred tokens or so, and every call per token shows: text and
soft breaks are written in the loop itself, and the commonest events take the shortest way through
:meth:`_Blocks.feed`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal, cast

from markdown_it.common.normalize_url import normalizeLink

from eduforge.site.markdown import parser

Nesting = Literal[-1, 0, 1]
_NOTHING = cast(dict[str, Any], MappingProxyType({}))
"""The ``attrs`` and ``meta`` of a token that has none: shared, read-only (set them with a new dict)."""


class Token:
    """One block or inline element, in markdown-it's shape (``paragraph_open``, ``inline`` and its
    children…), without the dataclass machinery of markdown-it's own: a body makes thousands."""

    __slots__ = (
        "attrs",
        "block",
        "children",
        "content",
        "hidden",
        "info",
        "level",
        "markup",
        "meta",
        "nesting",
        "tag",
        "type",
    )

    def __init__(self, kind: str, tag: str, nesting: Nesting, level: int = 0, block: bool = False) -> None:
        self.type, self.tag, self.nesting, self.level, self.block = kind, tag, nesting, level, block
        self.attrs: dict[str, Any]
        self.meta: dict[str, Any]
        self.attrs = self.meta = _NOTHING
        self.children: list[Token] | None = None
        self.content = self.markup = self.info = ""
        self.hidden = False

    def attrGet(self, name: str) -> Any:  # markdown-it's names, which the render rules use
        return self.attrs.get(name)

    def attrSet(self, name: str, value: Any) -> None:
        if self.attrs is _NOTHING:
            self.attrs = {}
        self.attrs[name] = value

    def __repr__(self) -> str:
        return f"Token({self.type!r}, {self.tag!r}, {self.nesting})"


def text_token(content: str, level: int = 0) -> Token:
    """A ``text`` token holding ``content``."""
    token = Token("text", "", 0, level)
    token.content = content
    return token


MARKER = re.compile(r"<!--ef:(\d+)-->")
_MAX_DEPTH = 12
"""How many times MDX content the parser read as indented code is read again (deeper: code)."""


@dataclass
class Marked:
    """A block :func:`mark_blocks` took out of the text: the tokens to put where its marker is."""

    kind: str
    """``aside_open`` | ``aside_close`` | ``jsx_open`` | ``jsx_close`` | ``jsx_self`` | ``html_block`` |
    ``inline`` | ``none``."""
    info: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    content: str = ""


@dataclass
class Reading:
    """The state of one body's conversion."""

    marked: list[Marked]
    mdx: bool
    footnotes: dict[str, list[Token]] = field(default_factory=dict)
    """Label (lowercased) → its definition's block tokens."""
    labels: dict[str, str] = field(default_factory=dict)
    """Label (lowercased) → the label as its definition writes it."""
    order: list[str] = field(default_factory=list)
    """Labels in order of first reference."""
    references: dict[str, int] = field(default_factory=dict)


def _token(kind: str, tag: str, nesting: Nesting, level: int) -> Token:
    return Token(kind, tag, nesting, level, True)


def escape_html(raw: str) -> str:
    """markdown-it's ``escapeHtml`` (``&``, ``<``, ``>`` and ``"``; not ``'``), replacing only what the text
    holds: most text holds none of them, and four scans cost less than four copies."""
    if "&" in raw:
        raw = raw.replace("&", "&amp;")
    if "<" in raw:
        raw = raw.replace("<", "&lt;")
    if ">" in raw:
        raw = raw.replace(">", "&gt;")
    if '"' in raw:
        raw = raw.replace('"', "&quot;")
    return raw


_URL_SAFE = re.compile(r"[A-Za-z0-9;/?:@&=+$,\-_.!~*'()#]*")
"""What mdurl never encodes: most targets are only this, and skip it."""


def normalize_link(url: str) -> str:
    """A link's target percent-encoded as CommonMark renderers write it (``%`` escapes kept, an
    international host name in punycode)."""
    return url if _URL_SAFE.fullmatch(url) else normalizeLink(url)


class _Inline:
    """Inline events → the children of one ``inline`` token."""

    __slots__ = ("children", "level", "owner", "plain", "reading", "stack", "text", "token")

    def __init__(self, reading: Reading, token: Token, prefix: str = "", owner: _Blocks | None = None) -> None:
        self.reading = reading
        self.owner = owner
        self.token = token
        self.children: list[Token] = []
        self.stack: list[list[Token]] = []
        self.text: list[str] = [prefix] if prefix else []
        """The pieces of the text run being read (adjacent Text events are one text token)."""
        self.plain: list[str] = []
        """The texts of the top-level text children (not an image's): the ``content`` of the inline."""
        token.children = self.children
        self.level = 0

    def flush(self) -> None:
        if self.text:
            text = "".join(self.text)
            self.text = []
            if text:
                token = Token("text", "", 0, self.level)
                token.content = text
                self.children.append(token)
                if not self.stack:
                    self.plain.append(text)

    def push(self, kind: str, tag: str, nesting: Nesting, content: str = "") -> Token:
        if self.text:
            self.flush()
        if nesting < 0:
            self.level -= 1
        child = Token(kind, tag, nesting, self.level)
        child.content = content
        if nesting > 0:
            self.level += 1
        self.children.append(child)
        return child

    def take(self, kind: str, value: Any) -> bool:
        """Take one inline event (its name and what it holds, see :func:`split`); ``False`` when it is not one."""
        if kind == "Text":
            self.text.append(value)
            return True
        if kind == "Start":
            return self._start(value)
        if kind == "End":
            return self._end(value)
        if kind == "SoftBreak":
            if self.children or self.text:
                self.push("softbreak", "br", 0)
            return True
        if kind == "Code":
            self.push("code_inline", "code", 0, value).markup = "`"
            return True
        if kind == "InlineHtml":
            if value.startswith("<!--ef:") and MARKER.fullmatch(value):
                if self.owner is not None:
                    self.owner.split(self.reading.marked[int(value[7:-3])])
            else:
                self.push("html_inline", "", 0, value)
            return True
        if kind == "HardBreak":
            self.push("hardbreak", "br", 0)
            return True
        if kind == "FootnoteReference":
            self._footnote(value)
            return True
        if kind == "TaskListMarker":
            self._task(bool(value))
            return True
        return False

    def _start(self, start: Any) -> bool:
        if start.__class__ is str:
            tag = _INLINE_TAGS.get(start)
            if tag is None:
                return False
            self.push(tag[0], tag[1], 1)
            return True
        link = start.get("Link")
        if link is not None:
            token = self.push("link_open", "a", 1)
            url = link["dest_url"]
            if link["link_type"] == "Email":
                url = "mailto:" + url
            token.attrs = {"href": normalize_link(url)}
            if link["title"]:
                token.attrs["title"] = link["title"]
            if link["link_type"] in ("Autolink", "Email"):
                token.markup, token.info = "autolink", "auto"
            return True
        image = start.get("Image")
        if image is not None:
            token = self.push("image", "img", 0)
            token.attrs = {"src": normalize_link(image["dest_url"]), "alt": ""}
            if image["title"]:
                token.attrs["title"] = image["title"]
            token.children = []
            self.stack.append(self.children)
            self.children = token.children
            return True
        return False

    def _end(self, end: Any) -> bool:
        if end.__class__ is not str:
            return False
        if end == "Image":
            self.flush()
            image_children = self.children
            self.children = self.stack.pop() if self.stack else self.token.children or []
            image = self.children[-1] if self.children else None
            if image is not None and image.type == "image":
                image.content = "".join(c.content for c in image_children if c.type in ("text", "code_inline"))
            return True
        if end == "Link":
            self.push("link_close", "a", -1)
            return True
        tag = _INLINE_TAGS.get(end)
        if tag is None:
            return False
        self.push(tag[0].replace("_open", "_close"), tag[1], -1)
        return True

    def _task(self, checked: bool) -> None:
        """``- [x] done``: a disabled checkbox, as remark-gfm writes it."""
        owner = self.owner
        if owner is None or not owner.items:
            self.text.append("[x] " if checked else "[ ] ")
            return
        box = '<input class="task-list-item-checkbox"' + (' checked="checked"' if checked else "")
        self.push("html_inline", "", 0, box + ' disabled="disabled" type="checkbox">')
        self.text.append(" ")
        owner.items[-1].attrSet("class", "task-list-item")
        if owner.lists:
            owner.lists[-1].attrSet("class", "contains-task-list")

    def _footnote(self, label: str) -> None:
        reading = self.reading
        key = label.lower()
        if key not in reading.references:
            reading.references[key] = 0
            reading.order.append(key)
        sub = reading.references[key]
        reading.references[key] = sub + 1
        token = self.push("footnote_ref", "", 0)
        token.meta = {"id": reading.order.index(key), "subId": sub, "label": key}

    def close(self) -> None:
        self.flush()
        while self.stack:
            self.children = self.stack.pop()
        # the text of the inline: where eduforge.export.gfm.autolink_literals looks for URLs first
        self.token.content = "".join(self.plain)


_INLINE_TAGS = {
    "Emphasis": ("em_open", "em"),
    "Strong": ("strong_open", "strong"),
    "Strikethrough": ("s_open", "del"),
}
_BLOCK_END_TAGS = {"BlockQuote": "blockquote", "Item": "list_item", "TableHead": "thead", "TableRow": "tr"}


class _Blocks:
    """Block events → block tokens (markdown-it's shapes), with the marked blocks put back."""

    def __init__(self, reading: Reading, tokens: list[Token], depth: int = 0) -> None:
        self.reading = reading
        self.tokens = tokens
        self.level = 0
        self.inline: _Inline | None = None
        self.hidden: Token | None = None
        """The hidden paragraph of a tight list item's text, while it is open."""
        self.containers: list[str] = []
        self.code: Token | None = None
        self.code_text: list[str] = []
        self.html: list[str] | None = None
        self.aligns: list[str] = []
        self.cell = 0
        self.in_head = False
        self.tbody = False
        self.alert = ""
        self.depth = depth
        self.footnote: tuple[str, list[Token]] | None = None
        self.lists: list[Token] = []
        self.items: list[Token] = []
        self.asides: list[int] = []
        self.low = 0
        """The fewest asides open at once (what a reading again closed of the asides open around it)."""
        """How many containers each open aside is in: one left open in a list item or quote ends with it."""

    def push(self, kind: str, tag: str, nesting: Nesting) -> Token:
        if nesting < 0:
            self.level -= 1
        token = Token(kind, tag, nesting, self.level, True)
        if nesting > 0:
            self.level += 1
        self.tokens.append(token)
        return token

    def _open_paragraph(self) -> None:
        self.push("paragraph_open", "p", 1)
        prefix, self.alert = self.alert, ""
        self._open_inline(prefix)

    def _open_inline(self, prefix: str = "") -> _Inline:
        token = self.push("inline", "", 0)
        token.children = []
        self.inline = _Inline(self.reading, token, prefix, self)
        return self.inline

    def _close_inline(self) -> None:
        if self.inline is not None:
            self.inline.close()
            self.inline = None
        if self.hidden is not None:
            closing = self.push("paragraph_close", "p", -1)
            closing.hidden = True
            self.hidden = None

    def feed(self, events: Any) -> None:
        for event in events:
            if event.__class__ is str:
                kind, value = event, PLAIN
            else:
                (kind,) = event
                value = event[kind]
            inline = self.inline
            if inline is not None:  # (never inside code or an HTML block: both close the inline)
                if kind == "Text":
                    inline.text.append(value)  # the commonest events, the shortest ways
                elif kind == "End" and value == "Paragraph":
                    self._end_leaf(value)
                elif not inline.take(kind, value):
                    self._block(kind, value)
                continue
            if self.code is not None:
                if kind == "Text":
                    self.code_text.append(value)
                    continue
                self._end_code()
                continue
            if self.html is not None:
                if kind == "Html" or kind == "Text":
                    self.html.append(value or "")
                    continue
                self._end_html()
                continue
            if kind == "Start" and value == "Paragraph":
                self._close_inline()
                self.containers.append(value)
                self._open_paragraph()
                continue
            if self.containers and self.containers[-1] == "Item" and _is_inline(kind, value):
                self.hidden = self.push("paragraph_open", "p", 1)
                self.hidden.hidden = True
                self._open_inline().take(kind, value)
                continue
            self._block(kind, value)
        self._close_inline()

    def _block(self, kind: str, value: Any) -> None:
        if value is PLAIN:
            self._close_inline()
            if kind == "Rule":
                self.push("hr", "hr", 0).markup = "---"
        elif kind == "Start":
            self._close_inline()
            self._start(value)
        elif kind == "End":
            self._end(value)

    def _start(self, start: Any) -> None:
        if start.__class__ is str:
            self.containers.append(start)
            if start == "Paragraph":
                self._open_paragraph()
            elif start == "Item":
                self.items.append(self.push("list_item_open", "li", 1))
            elif start == "HtmlBlock":
                self.html = []
            elif start == "TableHead":
                self.in_head, self.cell = True, 0
                self.push("thead_open", "thead", 1)
                self.push("tr_open", "tr", 1)
            elif start == "TableRow":
                self.cell = 0
                if not self.tbody:
                    self.tbody = True
                    self.push("tbody_open", "tbody", 1)
                self.push("tr_open", "tr", 1)
            elif start == "TableCell":
                tag = "th" if self.in_head else "td"
                token = self.push(f"{tag}_open", tag, 1)
                align = self.aligns[self.cell] if self.cell < len(self.aligns) else "None"
                if align != "None":
                    token.attrs = {"style": f"text-align:{align.lower()}"}
                self.cell += 1
                self._open_inline()
            return
        (kind,) = start
        value = start[kind]
        self.containers.append(kind)
        if kind == "Heading":
            level = value["level"][1]
            self.push("heading_open", f"h{level}", 1).markup = "#" * int(level)
            self._open_inline()
        elif kind == "List":
            if value is None:
                self.lists.append(self.push("bullet_list_open", "ul", 1))
            else:
                token = self.push("ordered_list_open", "ol", 1)
                self.lists.append(token)
                if value != 1:
                    token.attrs = {"start": value}
        elif kind == "BlockQuote":
            self.push("blockquote_open", "blockquote", 1)
            if value is not None:
                self.alert = f"[!{value.upper()}]\n"
        elif kind == "CodeBlock":
            fenced = value.get("Fenced") if value.__class__ is dict else None
            self.code = _token("fence" if fenced is not None else "code_block", "code", 0, self.level)
            self.code.info = (fenced or "").strip()
            self.code_text = []
        elif kind == "Table":
            self.aligns, self.tbody = list(value), False
            self.push("table_open", "table", 1)
        elif kind == "FootnoteDefinition":
            self.footnote = (value.lower(), self.tokens)
            self.reading.labels.setdefault(value.lower(), value)
            self.tokens = []

    def _end_leaf(self, kind: str) -> None:
        """The end of a block of inline content: a paragraph, a heading or a table cell."""
        if self.containers:
            self.containers.pop()
        inline = self.inline
        if inline is not None:
            inline.close()
            self.inline = None
        if kind == "Paragraph":
            tokens = self.tokens
            if len(tokens) > 1 and not tokens[-1].children and tokens[-2].type == "paragraph_open":
                del tokens[-2:]  # nothing after a marker that split the paragraph
                self.level -= 1
            else:
                self.push("paragraph_close", "p", -1)
        elif kind == "Heading":
            self.push("heading_close", self.tokens[-2].tag if len(self.tokens) > 1 else "h1", -1)
        else:
            tag = "th" if self.in_head else "td"
            self.push(f"{tag}_close", tag, -1)

    def _end(self, end: Any) -> None:
        kind = end if end.__class__ is str else next(iter(end))
        if kind in ("Paragraph", "Heading", "TableCell"):
            self._end_leaf(kind)
            return
        if self.containers:
            self.containers.pop()
        self._close_inline()
        while self.asides and self.asides[-1] > len(self.containers) and kind in ("Item", "BlockQuote"):
            self.asides.pop()
            self.push("aside_close", "aside", -1)
            self.low = min(self.low, len(self.asides))
        if kind in _BLOCK_END_TAGS:
            name = _BLOCK_END_TAGS[kind]
            if kind == "TableHead":
                self.push("tr_close", "tr", -1)
                self.in_head = False
            elif kind == "Item" and self.items:
                self.items.pop()
            self.push(f"{name}_close", name if name != "list_item" else "li", -1)
        elif kind == "List":
            ordered = end[kind] if end.__class__ is dict else False
            if self.lists:
                self.lists.pop()
            self.push("ordered_list_close" if ordered else "bullet_list_close", "ol" if ordered else "ul", -1)
        elif kind == "Table":
            if self.tbody:
                self.push("tbody_close", "tbody", -1)
            self.push("table_close", "table", -1)
        elif kind == "FootnoteDefinition" and self.footnote is not None:
            label, outer = self.footnote
            self.reading.footnotes.setdefault(label, self.tokens)
            self.tokens, self.footnote = outer, None

    def _end_code(self) -> None:
        code = self.code
        assert code is not None
        self.code = None
        content = "".join(self.code_text)
        if code.type == "code_block" and self.reading.mdx and self.depth < _MAX_DEPTH:
            self.containers.pop()
            self._read_again(content)
            return
        code.content = content
        self.tokens.append(code)
        if self.containers:
            self.containers.pop()

    def _read_again(self, content: str) -> None:
        """MDX has no indented code: what the parser read as one is Markdown, one level less indented."""
        inner = _Blocks(self.reading, self.tokens, self.depth + 1)
        inner.level = self.level
        inner.asides = [0] * len(self.asides)  # open out here: closed only by their markers in there
        inner.low = len(inner.asides)
        inner.feed(parser().events(content))
        kept = self.asides[: inner.low]
        self.asides = kept + [len(self.containers)] * (len(inner.asides) - inner.low)

    def _end_html(self) -> None:
        text = "".join(self.html or [])
        self.html = None
        if self.containers:
            self.containers.pop()
        if "<!--ef:" not in text:
            self.push("html_block", "", 0).content = text
            return
        last = 0  # an HTML block that runs on over markers (CommonMark's end at a blank line) ends at each
        for match in MARKER.finditer(text):
            before = text[last : match.start()].rstrip(" \t")
            if before.strip():
                self.push("html_block", "", 0).content = before
            self._marked(self.reading.marked[int(match.group(1))])
            last = match.end() + (1 if text.startswith("\n", match.end()) else 0)
        if text[last:].strip():
            self.push("html_block", "", 0).content = text[last:]

    def split(self, marked: Marked) -> None:
        """A marker the parser read inside a paragraph (indented as its text): the paragraph ends there,
        the marked block comes, and the text after it is a paragraph of its own."""
        inline = self.inline
        if inline is None or not self.containers or self.containers[-1] not in ("Paragraph", "Item"):
            return
        inline.close()
        children = inline.children
        while children and children[-1].type == "softbreak":
            children.pop()
        self.inline = None
        hidden = self.hidden is not None
        closing = self.push("paragraph_close", "p", -1)
        closing.hidden, self.hidden = hidden, None
        self._marked(marked)
        if not hidden:
            self.push("paragraph_open", "p", 1)
            self._open_inline()

    def _marked(self, marked: Marked) -> None:
        kind = marked.kind
        if kind == "none":
            return
        if kind == "inline":
            token = self.push("inline", "", 0)
            token.children = []
            inline = _Inline(self.reading, token)
            first = True
            for event in parser().events("\u200b" + marked.content):
                kind, value = split(event)
                if kind in ("Start", "End") and "Paragraph" in str(value):
                    continue
                if first and kind == "Text":
                    value = value[1:]
                first = False
                inline.take(kind, value)
            inline.close()
            return
        if kind == "fence":
            token = self.push("fence", "code", 0)
            token.info, token.content, token.markup = marked.info, marked.content, "```"
            return
        if kind == "aside_close":
            for _ in range(min(marked.meta.get("count", 1), len(self.asides))):
                self.asides.pop()
                self.push("aside_close", "aside", -1)
            self.low = min(self.low, len(self.asides))
            return
        if kind == "aside_open":
            self.asides.append(len(self.containers))
        nesting: Nesting = 1 if kind.endswith("_open") else -1 if kind.endswith("_close") else 0
        token = self.push(kind, "", nesting)
        token.info, token.meta, token.content = marked.info, marked.meta, marked.content


PLAIN: Any = object()
"""What an event that is only a name holds (``SoftBreak``, ``HardBreak``, ``Rule``)."""


def split(event: Any) -> tuple[str, Any]:
    """A pyromark event as (name, what it holds): ``{"Text": "a"}`` → ``("Text", "a")``, ``"Rule"`` → ``("Rule", PLAIN)``."""
    if event.__class__ is str:
        return event, PLAIN
    (kind,) = event
    return kind, event[kind]


def _is_inline(kind: str, value: Any) -> bool:
    if value is PLAIN:
        return kind in ("SoftBreak", "HardBreak")
    if kind == "Start":
        return value in _INLINE_TAGS if value.__class__ is str else "Link" in value or "Image" in value
    return kind != "End"  # Text, Code, InlineHtml, FootnoteReference, TaskListMarker


def footnote_block(reading: Reading) -> list[Token]:
    """The footnotes referenced in the body, in order of first reference, as mdit-py-plugins' footnote
    plugin shaped them (the render rules in :mod:`eduforge.export.gfm` write remark-rehype's markup)."""
    notes = [label for label in reading.order if label in reading.footnotes]
    if not notes:
        return []
    tokens = [_token("footnote_block_open", "", 1, 0)]
    for label in reading.order:
        body = reading.footnotes.get(label)
        if body is None:
            continue
        index = reading.order.index(label)
        opening = _token("footnote_open", "", 1, 1)
        opening.meta = {"id": index, "label": label}
        tokens.append(opening)
        last = body.pop() if body and body[-1].type == "paragraph_close" else None
        tokens.extend(body)
        for sub in range(reading.references.get(label, 1)):
            anchor = _token("footnote_anchor", "", 0, 1)
            anchor.meta = {"id": index, "subId": sub, "label": label}
            tokens.append(anchor)
        if last is not None:
            tokens.append(last)
        tokens.append(_token("footnote_close", "", -1, 1))
    tokens.append(_token("footnote_block_close", "", -1, 0))
    return tokens


def _undefined_references(tokens: list[Token], reading: Reading) -> None:
    """A reference to a note that is never defined is its text, ``[^label]`` (as remark writes it)."""
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        for index, child in enumerate(token.children):
            if child.type == "footnote_ref" and child.meta["label"] not in reading.footnotes:
                token.children[index] = text_token(f"[^{child.meta['label']}]")
                token.content = "".join(c.content for c in token.children if c.type == "text")


def tokens_of(text: str, marked: list[Marked], mdx: bool) -> list[Token]:
    """The tokens of a body (markers of ``marked`` in it), footnotes at the end."""
    reading = Reading(marked, mdx)
    tokens: list[Token] = []
    _Blocks(reading, tokens).feed(parser().events(text))
    if reading.order:
        missing = [label for label in reading.order if label not in reading.footnotes]
        if missing:
            _undefined_references(tokens, reading)
            _renumber(tokens, reading)
        tokens.extend(footnote_block(reading))
    return tokens


def _renumber(tokens: list[Token], reading: Reading) -> None:
    """Footnote numbers counted over the notes that are defined only."""
    reading.order = [label for label in reading.order if label in reading.footnotes]
    for token in tokens:
        for child in token.children or []:
            if child.type == "footnote_ref":
                child.meta["id"] = reading.order.index(child.meta["label"])


# --- tokens → HTML ---------------------------------------------------------------------

Rule = Callable[[list[Token], int, dict[str, Any]], str]
"""A render rule: the HTML of ``tokens[idx]`` (it may look at its neighbours) for the page's ``env``."""


def render_attrs(token: Token) -> str:
    return "".join(f' {escape_html(name)}="{escape_html(str(value))}"' for name, value in token.attrs.items())


def render_token(tokens: list[Token], idx: int) -> str:
    """A token as markdown-it's default rule writes it (with ``xhtmlOut``: ``<hr />``): its tag and attributes,
    and a line break after a block tag, unless an inline, a hidden paragraph or its own closing tag follows."""
    token = tokens[idx]
    if token.hidden:
        return ""
    nesting = token.nesting
    start = "</" if nesting == -1 else "\n<" if token.block and idx and tokens[idx - 1].hidden else "<"
    out = start + token.tag + (render_attrs(token) if token.attrs else "") + (" /" if nesting == 0 else "")
    if not token.block:
        return out + ">"
    if nesting == 1 and idx + 1 < len(tokens):
        following = tokens[idx + 1]
        if following.type == "inline" or following.hidden or (following.nesting == -1 and following.tag == token.tag):
            return out + ">"
    return out + ">\n"


def render_tokens(tokens: list[Token], rules: Mapping[str, Rule], env: dict[str, Any]) -> str:
    """The HTML of block tokens: each by the rule of its type, else as :func:`render_token` writes it.

    The children of an ``inline`` are drawn the same way, into the same output; text and soft breaks,
    the most of them, are written here as markdown-it writes them (escaped; a line break), never by a rule."""
    out: list[str] = []
    append = out.append
    for idx, token in enumerate(tokens):
        kind = token.type
        if kind == "inline":
            children = token.children
            if children:
                for index, child in enumerate(children):
                    kind = child.type
                    if kind == "text":
                        append(escape_html(child.content))
                    elif kind == "softbreak":
                        append("\n")
                    else:
                        rule = rules.get(kind)
                        append(render_token(children, index) if rule is None else rule(children, index, env))
            continue
        rule = rules.get(kind)
        append(render_token(tokens, idx) if rule is None else rule(tokens, idx, env))
    return "".join(out)


def inline_as_text(children: list[Token] | None) -> str:
    """Inline tokens as plain text, as markdown-it writes an image's ``alt`` (markup left out)."""
    out: list[str] = []
    for token in children or ():
        kind = token.type
        if kind in ("text", "code_inline", "html_inline", "html_block"):
            out.append(token.content)
        elif kind == "image":
            out.append(inline_as_text(token.children))
        elif kind in ("softbreak", "hardbreak"):
            out.append("\n")
    return "".join(out)


def _code_inline(tokens: list[Token], idx: int, env: dict[str, Any]) -> str:
    token = tokens[idx]
    return f"<code{render_attrs(token)}>{escape_html(token.content)}</code>"


BASE_RULES: dict[str, Rule] = {
    "code_inline": _code_inline,
    "hardbreak": lambda tokens, idx, env: "<br />\n",
    "html_block": lambda tokens, idx, env: tokens[idx].content,
    "html_inline": lambda tokens, idx, env: tokens[idx].content,
}
"""markdown-it's own rules for the types it draws other than as :func:`render_token` does (``text`` and
``softbreak``: :func:`render_tokens`); the export's rules (:class:`~eduforge.export.markdown.MarkdownRenderer`)
add to them."""
