"""Code blocks as Starlight's Expressive Code shows them: frames, titles, line and text markers, diffs.

The meta string after a fence's language (`````js title="app.js" {2-3} ins="x" /y+/`````) is read
as Expressive Code reads it (``@expressive-code/core`` ``MetaOptions``, the ``frames`` and
``text-markers`` plugins):

* ``title="…"`` names the frame; without one, a file-name comment in the first four lines
  (``// src/app.js``, ``# deploy.sh``, ``<!-- page.html -->``) becomes the title and leaves the code;
  ``frame="code" | "terminal" | "none" | "auto"`` picks the frame (shell languages are terminals);
* line markers ``{1, 4-6}`` (``mark``), ``ins={…}``, ``del={…}`` (``add``/``rem`` too), with an
  optional label ``{"A":2-3}``;
* text markers: ``"text"`` / ``'text'`` (plain text) and ``/regex/`` (only its capture groups when
  it has any), each optionally as ``mark=``, ``ins=``, ``del=``; overlaps resolve as Expressive Code
  resolves them (``ins`` over ``del`` over ``mark``);
* ``diff``: lines starting with ``+``/``-`` are marked inserted/deleted and lose the prefix (unless
  the code looks like a real diff); ``diff lang="js"`` highlights the rest as JavaScript.

Colours come from Pygments. A regex is JavaScript's, run by Python's ``re``: one whose repetition
nests (``(a+)+``), which can take exponential time, is not used, with a warning.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from eduforge.export.rawcode import IDENTIFIER, RawImports, ec_code, prop_value
from eduforge.export.render import escape_html

MARKER_ORDER = ("mark", "del", "ins")
"""When markers overlap, a later type wins (Expressive Code's ``MarkerTypeOrder``)."""
_MARKER_KEYS = {"": "mark", "mark": "mark", "ins": "ins", "del": "del", "add": "ins", "rem": "del"}
FRAMES = ("code", "terminal", "none", "auto")

SHELLS = frozenset(
    [
        "ansi",
        "bash",
        "bat",
        "batch",
        "cmd",
        "console",
        "fish",
        "nu",
        "nushell",
        "powershell",
        "ps",
        "ps1",
        "psd1",
        "psm1",
        "pwsh",
        "sh",
        "shell",
        "shellscript",
        "shellsession",
        "terminal",
        "zsh",
    ]
)
"""Expressive Code's terminal languages: their blocks get a terminal frame."""
_LANGUAGE_GROUPS = (
    frozenset(
        [
            "astro",
            "cjs",
            "htm",
            "html",
            "js",
            "jsx",
            "mjs",
            "svelte",
            "ts",
            "tsx",
            "typescript",
            "vb",
            "vue",
            "vue-html",
        ]
    ),
    SHELLS,
    frozenset(["csv", "env", "ini", "json", "toml", "xml", "yaml", "yml"]),
    frozenset(["css", "less", "sass", "scss", "styl", "stylus", "xsl"]),
    frozenset(["markdown", "md", "mdx"]),
)
_FRONTMATTER_LANGUAGES = frozenset(["astro", "markdown", "md", "mdx", "toml", "yaml", "yml"])
LEXER_ALIASES = {
    "astro": "html",
    "svelte": "html",
    "vue": "html",
    "mdx": "markdown",
    "jsonc": "json",
    "terminal": "bash",
    "shellscript": "bash",
    "env": "bash",
    "dotenv": "bash",
}
MAX_PATTERN = 300
"""Longer text-marker regexes are not used (no real marker is near it)."""
MAX_MARKED_LINE = 5_000
"""Lines longer than this get no regex markers: the cost of a regex stays bounded per block."""

Warn = Callable[[str], None]


@dataclass
class CodeMeta:
    """What a code block's meta string asks for."""

    language: str
    title: str | None = None
    frame: str = "auto"
    lines: dict[int, tuple[str, str | None]] = field(default_factory=dict)
    """1-based line number → (marker type, label of the range it starts, or None)."""
    terms: list[tuple[str, str | re.Pattern[str] | _LookbehindPattern]] = field(default_factory=list)
    diff: bool = False


# --- reading the meta string ----------------------------------------------------------------------

_KEY = r"(?:([^\s'\"/{=]+)\s*=\s*)?"
_DELIMITED = re.compile(
    "|".join(
        rf"(?:\s|^){_KEY}{re.escape(start)}((?:[^\\]|\\.)*?){re.escape(end)}(?=\s|$)"
        for start, end in (("'", "'"), ('"', '"'), ("/", "/"), ("{", "}"))
    ),
    re.S,
)
_SIMPLE = re.compile(r"([^\s=]+)(?:\s*=\s*(\S+))?")
_RANGE_LABEL = re.compile(r"""^\s*?(["'])((?:(?!\1).)+?)\1:\s*?""")
_DELIMITERS = ("'", '"', "/", "{")
_CLOSE = {"{": "}"}


def meta_options(meta: str) -> list[tuple[str, str, Any]]:
    """``(key, kind, value)`` in order; kind is ``string``, ``range``, ``regexp`` (value: the source) or ``boolean``."""
    found: list[tuple[int, str, str, Any]] = []
    rest = list(meta)
    for match in _DELIMITED.finditer(meta):
        group = next(index for index, value in enumerate(match.groups()) if value is not None)
        kind_index = group // 2
        key, value = match.group(kind_index * 2 + 1) or "", match.group(kind_index * 2 + 2)
        start = _DELIMITERS[kind_index]
        end = _CLOSE.get(start, start)
        value = re.sub(r"\\(\\|" + re.escape(end) + ")", r"\1", value)
        kind = {"/": "regexp", "{": "range"}.get(start, "string")
        found.append((match.start(), key, kind, value))
        rest[match.start() : match.end()] = " " * (match.end() - match.start())
    for match in _SIMPLE.finditer("".join(rest)):
        key, value = match.group(1), match.group(2)
        if value in (None, "true", "false"):
            found.append((match.start(), key, "boolean", value != "false"))
        else:
            found.append((match.start(), key, "string", value))
    found.sort(key=lambda option: option[0])
    return [(key, kind, value) for _, key, kind, value in found]


def line_numbers(text: str) -> list[int]:
    """``1, 3-5`` as parse-numeric-range reads it (``3..5`` too), in order."""
    numbers: list[int] = []
    for part in text.replace(" ", "").split(","):
        bounds = re.fullmatch(r"(\d+)(?:(-|\.\.)(\d+))?", part)
        if bounds is None:
            continue
        first = int(bounds.group(1))
        last = int(bounds.group(3)) if bounds.group(3) else first
        if last - first < 10_000:
            numbers.extend(range(first, last + 1))
    return numbers


def parse_meta(info: str, warn: Warn) -> CodeMeta:
    """The language and meta options of a fence's info string."""
    language, _, meta = info.strip().partition(" ")
    result = CodeMeta(language.lower())
    options = meta_options(meta)
    for key, kind, value in options:
        name = key.lower()
        if name == "title" and kind == "string":
            result.title = value
        elif name == "frame" and kind == "string":
            frame = {"": "none", "editor": "code", "shell": "terminal"}.get(value, value)
            if frame in FRAMES:
                result.frame = frame
            else:
                warn(
                    f'frame="{value}" is not a frame Expressive Code has ({", ".join(FRAMES)}); the frame is chosen by language'
                )
        elif name == "lang" and kind == "string" and result.language == "diff":
            result.language, result.diff = value.lower(), True
        elif name == "usediffsyntax" and kind == "boolean":
            result.diff = bool(value)
        elif name in _MARKER_KEYS:
            add_marker(result, _MARKER_KEYS[name], kind, value, warn)
    if result.language == "diff":
        result.diff = True
    return result


def add_marker(result: CodeMeta, marker: str, kind: str, value: Any, warn: Warn) -> None:
    """One ``mark``/``ins``/``del`` definition: a line range, a plain text or a regex."""
    if kind == "range":
        label = None
        found = _RANGE_LABEL.match(value)
        if found:
            label, value = found.group(2), value[found.end() :]
        previous = None
        for number in line_numbers(value):
            result.lines[number] = (marker, label if previous is None or number - previous != 1 else None)
            previous = number
    elif kind == "string" and value:
        result.terms.append((marker, value))
    elif kind == "regexp":
        pattern = js_regex(value, warn)
        if pattern is not None:
            result.terms.append((marker, pattern))


_QUANTIFIER = re.compile(r"[*+]|\{\d+(?:,\d*)?\}")
"""A repetition (``{`` alone is a literal brace in JavaScript regexes)."""


def _nested_repetition(source: str) -> bool:
    """Whether a group holding a repetition or an alternative is itself repeated: ``(a+)+``, ``(a|ab)*``."""
    stack: list[bool] = []
    index, in_class, last_group_risky = 0, False, False
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            last_group_risky = False
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            stack.append(False)
        elif char == ")" and stack:
            last_group_risky = stack.pop()
            if stack:
                stack[-1] = stack[-1] or last_group_risky
            index += 1
            if last_group_risky and _QUANTIFIER.match(source, index):
                return True
            continue
        elif stack and (char in "*+|" or (char == "{" and _QUANTIFIER.match(source, index))):
            stack[-1] = True
        index += 1
    return False


def js_regex(source: str, warn: Warn) -> re.Pattern[str] | _LookbehindPattern | None:
    """A JavaScript regex source as a Python pattern, or None (with a warning) when it cannot be used."""
    if len(source) > MAX_PATTERN or _nested_repetition(source):
        warn(f"the text marker /{source[:60]}/ repeats a repetition (slow on long lines); it is not used")
        return None
    python = re.sub(r"\(\?<([A-Za-z_]\w*)>", r"(?P<\1>", source)
    python = re.sub(r"\\k<([A-Za-z_]\w*)>", r"(?P=\1)", python)
    try:
        return re.compile(python)
    except (re.error, RecursionError, OverflowError):
        pass
    import regex  # JavaScript's lookbehinds may be of any width, `re`'s not: (?<!//.*)import

    try:
        return _LookbehindPattern(regex.compile(python))
    except (regex.error, RecursionError, OverflowError):
        warn(f"the text marker /{source[:60]}/ is not a regular expression eduforge can read; it is not used")
        return None


class _LookbehindPattern:
    """A marker regex only the ``regex`` module reads: matched on lines of at most ``MAX_LOOKBEHIND_LINE``
    characters (a lookbehind reads back to the line's start from every position), within ``LOOKBEHIND_TIMEOUT``."""

    def __init__(self, pattern: Any) -> None:
        self.pattern = pattern
        self.groups: int = pattern.groups

    def finditer(self, text: str) -> Iterator[Any]:
        if len(text) > MAX_LOOKBEHIND_LINE:
            return iter(())
        try:
            return iter(list(self.pattern.finditer(text, timeout=LOOKBEHIND_TIMEOUT)))
        except TimeoutError:
            return iter(())


MAX_LOOKBEHIND_LINE = 1_000
LOOKBEHIND_TIMEOUT = 0.05
"""Seconds a line's matches of a :class:`_LookbehindPattern` may take (a real line takes microseconds)."""


# --- file names in comments (Expressive Code's frames plugin) ---------------------------------------

_ALL_EXTENSIONS = "|".join(sorted({language for group in _LANGUAGE_GROUPS for language in group}))
_FILE_NAME_COMMENT = re.compile(
    r"^\s*(?://|#(?!!)|<!--|/\*)\s*(?:((?![a-z]:).*?)(?:\uff1a|:(?!//)))?\s*"
    rf"((?:[a-z]:)?[\w./~%\[\]+\\-]*(?:\.(?:{_ALL_EXTENSIONS}))?)\s*(?:-->|\*/)?\s*$",
    re.I,
)


def file_name_in_comment(line: str, language: str) -> str | None:
    """The file name a comment line gives (``// src/app.js``), as Expressive Code accepts it."""
    match = _FILE_NAME_COMMENT.match(line)
    before, name = (match.group(1) or "", match.group(2)) if match else ("", "")
    if not name or before.strip().lower() == "@filename":
        return None
    if not re.search(r"[^.:/\\~]", name) or re.match(r"^\.{2,}(?!/|\\)", name):
        return None
    group = next((g for g in _LANGUAGE_GROUPS if language in g), None)
    base = re.sub(r"^.*[/\\]", "", name)
    extension_match = re.search(r"\.([^.]+)$", base)
    extension = extension_match.group(1) if extension_match else None
    typical = (
        re.match(r"^(/|\\|\.[/\\]|~|[a-z]:).+", name, re.I)
        or base.startswith(".")
        or (re.search(r"[/\\]", name) and re.search(r"[^/\\0-9.]", name) and name == name.lower())
    )
    if typical and (not before or group is SHELLS):
        return name
    if not extension or (group is not None and extension not in group):
        return None
    return name


def take_file_name(lines: list[str], language: str) -> str | None:
    """Find a file-name comment in the first four lines; remove it (and what it leaves empty) from ``lines``."""
    index = next((i for i, line in enumerate(lines[:4]) if file_name_in_comment(line, language)), None)
    if index is None:
        return None
    name = file_name_in_comment(lines[index], language)
    del lines[index]
    if language in _FRONTMATTER_LANGUAGES and 0 < index < len(lines):
        opening, closing = lines[index - 1].strip(), lines[index].strip()
        if opening == closing and opening in ("---", "+++"):
            index -= 1
            del lines[index : index + 2]
    if index < len(lines) and not lines[index].strip():
        del lines[index]
    return name


# --- diff syntax ----------------------------------------------------------------------------------

_REAL_DIFF = re.compile(r"^([*+-]{3}\s|@@\s|[0-9,]+[acd][0-9,]+\s*$)")
_DIFF_LINE = re.compile(r"^(([+-](?![+-]))?\s*)(.*)$")


def apply_diff(lines: list[str], meta: CodeMeta) -> list[str]:
    """Lines prefixed ``+``/``-`` become inserted/deleted lines without the prefix (not in a real diff)."""
    if any(_REAL_DIFF.match(line) for line in lines[:4]):
        return lines
    parsed = []
    indent = None
    for line in lines:
        match = _DIFF_LINE.match(line)
        assert match is not None  # the pattern matches every line
        marker = {"+": "ins", "-": "del"}.get(match.group(2) or "")
        if match.group(3).strip() and (indent is None or len(match.group(1)) < indent):
            indent = len(match.group(1))
        parsed.append((line, marker))
    result = []
    for number, (line, marker) in enumerate(parsed, start=1):
        cut = indent or (1 if marker else 0)
        result.append(line[cut:])
        if marker:
            meta.lines.setdefault(number, (marker, None))
    return result


# --- text markers ---------------------------------------------------------------------------------


def term_ranges(
    text: str, terms: list[tuple[str, str | re.Pattern[str] | _LookbehindPattern]]
) -> list[tuple[int, int, str]]:
    """Where the text markers match one line: ``(start, end, marker)``, by marker order."""
    found: list[tuple[int, int, str]] = []
    for marker in MARKER_ORDER:
        for kind, term in terms:
            if kind != marker:
                continue
            if isinstance(term, str):
                at = text.find(term)
                while at > -1:
                    found.append((at, at + len(term), marker))
                    at = text.find(term, at + len(term))
            elif len(text) <= MAX_MARKED_LINE:
                for match in term.finditer(text):
                    spans = [match.span(g) for g in range(1, (term.groups or 0) + 1) if match.span(g)[0] >= 0]
                    for start, end in spans or [match.span()]:
                        if end > start:
                            found.append((start, end, marker))
    return found


def flatten(ranges: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping ranges: each character takes the strongest marker over it (``ins`` over ``del``
    over ``mark``), and same markers that overlap or touch become one range.

    A sweep over the range ends (n log n): Expressive Code's result, except that it keeps two
    same-type ranges that only touch apart.
    """
    events = sorted(
        (position, delta, MARKER_ORDER.index(marker))
        for start, end, marker in ranges
        for position, delta in ((start, 1), (end, -1))
    )
    counts = [0] * len(MARKER_ORDER)
    flat: list[list[Any]] = []
    index = 0
    while index < len(events):
        position = events[index][0]
        while index < len(events) and events[index][0] == position:
            counts[events[index][2]] += events[index][1]
            index += 1
        if flat and flat[-1][1] is None:
            flat[-1][1] = position
        strongest = max((kind for kind, count in enumerate(counts) if count > 0), default=None)
        if strongest is None:
            continue
        marker = MARKER_ORDER[strongest]
        if flat and flat[-1][2] == marker and flat[-1][1] == position:
            flat[-1][1] = None  # the same marker goes on
        else:
            flat.append([position, None, marker])
    return [(start, end, marker) for start, end, marker in flat if end is not None and end > start]


_SEGMENT = re.compile(r'<span class="([^"]*)">([^<]*)</span>|([^<]+)')


def mark_line(line_html: str, ranges: list[tuple[int, int, str]]) -> str:
    """One highlighted line with ``<mark>``/``<ins>``/``<del>`` around the text ranges (columns of its text).

    ``ranges`` are sorted and do not overlap (:func:`flatten`); one pass over the line's pieces.
    """
    out: list[str] = []
    column = 0
    current = 0  # the first range that does not end before the text being written
    open_marker: str | None = None
    for match in _SEGMENT.finditer(line_html):
        css, inner, bare = match.groups()
        text = html.unescape(inner if bare is None else bare)
        position = 0
        while position < len(text):
            at = column + position
            while current < len(ranges) and ranges[current][1] <= at:
                current += 1
            if current < len(ranges) and ranges[current][0] <= at:
                marker, stop = ranges[current][2], ranges[current][1] - column
            else:
                marker = None
                stop = ranges[current][0] - column if current < len(ranges) else len(text)
            stop = min(stop, len(text))
            if marker != open_marker:
                out.append((f"</{open_marker}>" if open_marker else "") + (f"<{marker}>" if marker else ""))
                open_marker = marker
            chunk = escape_html(text[position:stop])
            out.append(f'<span class="{css}">{chunk}</span>' if css else chunk)
            position = stop
        column += len(text)
    if open_marker:
        out.append(f"</{open_marker}>")
    return "".join(out)


# --- highlighting ---------------------------------------------------------------------------------


@lru_cache(maxsize=256)
def _lexer(language: str) -> Any:
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    name = LEXER_ALIASES.get(language, language)
    try:
        return get_lexer_by_name(name, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None


_FENCE_LANGUAGE = (re.compile(r"```+[ \t]*([^\s`]+)"), re.compile(r"~~~+[ \t]*([^\s`]+)"))
"""A fence and its language, the first word of its info string (as :func:`parse_meta` reads it): each
pattern starts with a literal, which the regex engine looks for fast (a pattern starting at ``^``
is tried at every character of a site's text); :func:`fence_languages` checks the line start."""
_FENCE_INDENT = re.compile(r"[ \t>]*")


def fence_languages(text: str) -> Iterator[str]:
    """The languages the fenced code blocks of ``text`` name (lowercased): a fence after nothing but
    spaces, tabs and ``>`` on its line."""
    for pattern in _FENCE_LANGUAGE:
        for found in pattern.finditer(text):
            start = found.start()
            line = text.rfind("\n", 0, start) + 1
            if line == start or _FENCE_INDENT.fullmatch(text, line, start):
                yield found.group(1).lower()


def warm_up(texts: Iterable[str]) -> None:
    """Make the highlighters of the languages the fenced code blocks of ``texts`` name, before worker
    processes fork: each worker would make them again (Pygments compiles a lexer's patterns on first
    use, tens of milliseconds a language).  A language missed here is made when a block needs it."""
    named = Counter(language for text in texts for language in fence_languages(text))
    for language, _ in named.most_common(WARM_LANGUAGES):
        _lexer(language)
    _formatter()


WARM_LANGUAGES = 64
"""At most this many languages are made ahead (the most used): a name no lexer has costs a search too."""


@lru_cache(maxsize=1)
def _formatter() -> Any:
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(nowrap=True)


def _colour(code: str, language: str) -> str:
    lexer = _lexer(language) if language else None
    if lexer is None:
        return escape_html(code)
    from pygments import highlight as pygments_highlight

    body: str = pygments_highlight(code, lexer, _formatter())
    return body[:-1] if body.endswith("\n") and not code.endswith("\n") else body


def _line(line_html: str, number: int, meta: CodeMeta, text: str) -> str:
    ranges = flatten(term_ranges(text, meta.terms)) if meta.terms else []
    if ranges:
        line_html = mark_line(line_html, ranges)
    marked = meta.lines.get(number)
    if marked is None:
        return line_html
    kind, label = marked
    classes = "hll" if kind == "mark" else f"hll {kind}"
    label_attr = f' data-label="{escape_html(label)}"' if label else ""
    return f'<span class="{classes}"{label_attr}>{line_html}</span>'


def render_code(code: str, meta: CodeMeta, strings: dict[str, str]) -> str:
    """A code block in a frame: title bar (or terminal dots), Pygments colours, markers, copy button."""
    if code.endswith("\n"):
        code = code[:-1]
    lines = code.split("\n")
    if meta.title is None and meta.frame != "none":
        meta.title = take_file_name(lines, meta.language)
    if meta.diff:
        lines = apply_diff(lines, meta)
    code = "\n".join(lines)
    body = _colour(code, meta.language)
    if meta.lines or meta.terms:
        body = "\n".join(
            _line(line_html, number, meta, text)
            for number, (line_html, text) in enumerate(zip(body.split("\n"), lines, strict=False), start=1)
        )
    terminal = meta.frame == "terminal" or (meta.frame == "auto" and meta.language in SHELLS)
    title = meta.title or ""
    classes = "code terminal" if terminal else "code"
    head = ""
    if meta.frame != "none" and (title or terminal):
        head = f'<figcaption class="code-title"><span>{escape_html(title)}</span></figcaption>'
    lang_attr = f' data-lang="{escape_html(meta.language)}"' if meta.language else ""
    copy = escape_html(strings["copy"])
    return (
        f'<figure class="{classes}"{lang_attr}>{head}<pre class="highlight"><code>{body}</code></pre>'
        f'<button type="button" class="copy" aria-label="{copy}" title="{copy}" hidden>{COPY_ICON}</button></figure>\n'
    )


def highlight(code: str, info: str, strings: dict[str, str], warn: Warn | None = None) -> str:
    """A fenced block's code and info string (```` ```js title="x" {2} ````) as a framed, marked block;
    the code trimmed as Expressive Code trims every block (markers count the lines it keeps)."""
    return render_code(ec_code(code), parse_meta(info, warn or (lambda _: None)), strings)


_PROP_ITEM = re.compile(
    r"""\{([^{}]*)\}|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|`((?:[^`\\$]|\\.)*)`|/((?:[^/\\\n]|\\.)+)/[dgimsuvy]*|(\d+)"""
)
_OBJECT_FIELD = re.compile(r"""(range|label)\s*:\s*(?:"([^"]*)"|'([^']*)'|(\d+))""")


def _prop_markers(result: CodeMeta, marker: str, value: Any, warn: Warn) -> None:
    """A ``mark``/``ins``/``del`` prop of ``<Code>``: text, a line number, a regex, an object or an array of them.

    ``{3}`` and ``"3"`` reach here alike, so a text of digits and ranges is read as line numbers.
    """
    if isinstance(value, str):
        if re.fullmatch(r"[\d,\s-]+", value):
            add_marker(result, marker, "range", value, warn)
        else:
            add_marker(result, marker, "string", value, warn)
        return
    source = getattr(value, "source", None)
    if not isinstance(source, str):
        return
    items = list(_PROP_ITEM.finditer(source))
    if not items:
        warn(f"<Code {marker}={{{source[:60]}}}>: the markers cannot be read; the code is shown without them")
    for item in items:
        obj, double, single, template, regex, number = item.groups()
        if obj is not None:
            fields = {m.group(1): next(g for g in m.groups()[1:] if g is not None) for m in _OBJECT_FIELD.finditer(obj)}
            if "range" in fields:
                label = fields.get("label")
                add_marker(result, marker, "range", (f'"{label}":' if label else "") + fields["range"], warn)
        elif regex is not None:
            add_marker(result, marker, "regexp", regex, warn)
        elif number is not None:
            add_marker(result, marker, "range", number, warn)
        else:
            add_marker(
                result, marker, "string", next(text for text in (double, single, template) if text is not None), warn
            )


def code_component(attrs: dict[str, Any], strings: dict[str, str], warn: Warn, raw: RawImports | None = None) -> str:
    """Starlight's ``<Code code lang meta title frame mark ins del>``.

    ``code`` is shown when its value is known: a string (or a template literal without ``${…}``), or a
    name ``raw`` binds to one (``export const``) or to a file's text (``?raw``); any other expression is
    shown as a placeholder, with a notice. The other props may name an ``export const`` string too
    (``title={fileName}``).
    """

    def prop(name: str) -> Any:
        return prop_value(attrs, name, raw)

    def text(name: str) -> str:
        value = prop(name)
        return value if isinstance(value, str) else ""

    meta = parse_meta(f"{text('lang') or 'text'} {text('meta')}", warn)
    if text("title"):
        meta.title = text("title")
    if text("frame") in FRAMES:
        meta.frame = text("frame")
    for marker in ("mark", "ins", "del"):
        if marker in attrs:
            _prop_markers(meta, marker, prop(marker), warn)
    code = attrs.get("code")
    source = getattr(code, "source", "")
    why = ""
    if raw is not None and isinstance(source, str) and IDENTIFIER.fullmatch(source):
        code, why = raw.text(source)
    if isinstance(code, str):
        return render_code(ec_code(code), meta, strings)
    warn(f"<Code code={{{source[:60]}}}>: {why or 'the code comes from an expression'}; it is shown as a placeholder")
    title = meta.title or ""
    head = f'<figcaption class="code-title"><span>{escape_html(title)}</span></figcaption>' if title else ""
    return (
        f'<figure class="code code-missing">{head}<pre class="highlight"><code>'
        f"{escape_html('{' + source + '}')}</code></pre></figure>\n"
    )


COPY_ICON = (
    '<svg aria-hidden="true" viewBox="0 0 24 24"><path d="M8 8V5a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-3'
    'M5 8h9a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-9a2 2 0 0 1 2-2z"/></svg>'
)
