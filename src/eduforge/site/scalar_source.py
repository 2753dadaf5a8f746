"""Where each character of a YAML string value is written in the source.

A YAML scalar's value is not its source text: quotes, escapes, indentation and
line folding come between them.  :func:`source_offsets` reads the source of
one scalar the way YAML does (plain, single- and double-quoted, literal ``|``
and folded ``>`` block scalars) and returns, for each character of the value,
its offset in the source, so that a URL inside ``hero.image.html`` is reported
at its own line and column rather than at the start of the value.

A character that an escape produced (``\\"``, ``\\u00e9``) maps to the
backslash that starts the escape; a space or line break that folding produced
maps to the line break it replaces.  When the reading does not reproduce the
parser's value exactly (an explicit indentation indicator, a case this reader
does not know), ``None`` is returned and the caller keeps the value's start.
"""

from __future__ import annotations

_WHITE = " \t"
_SIMPLE_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


def source_offsets(text: str, start: int, end: int, style: str | None, value: str) -> list[int] | None:
    """Offsets in ``text`` of each character of ``value``, the scalar written in ``text[start:end]``.

    ``style`` is the scalar's style as the YAML composer reports it: ``None``
    or ``""`` (plain), ``"'"``, ``'"'``, ``"|"`` or ``">"``.
    """
    if style in ("|", ">"):
        read = _block(text, start, end, folded=style == ">")
        if read is None:
            return None
        chars, offsets = read
        core = len(value.rstrip("\n"))  # the final line breaks are chomping's, not the source's
        if "".join(chars).rstrip("\n") != value[:core]:
            return None
        offsets += [offsets[-1] if offsets else start] * (len(value) - len(offsets))
        return offsets[: len(value)]
    quoted = style in ("'", '"')
    read = _flow(text, start + quoted, end - quoted, quote=style or "")
    if read is None or "".join(read[0]) != value:
        return None
    return read[1]


def _flow(text: str, start: int, end: int, quote: str) -> tuple[list[str], list[int]] | None:
    """A plain or quoted scalar: escapes (double quotes), ``''`` (single quotes), line folding."""
    chars: list[str] = []
    offsets: list[int] = []
    kept = 0  # chars before this index are not stripped at a line break (escapes)
    i = start
    while i < end:
        c = text[i]
        if c == "\n":
            while len(chars) > kept and chars[-1] in _WHITE:  # trailing white space before a break goes
                chars.pop()
                offsets.pop()
            breaks = [i]
            i += 1
            while True:  # leading white space of the next lines goes; empty lines count
                while i < end and text[i] in _WHITE:
                    i += 1
                if i < end and text[i] == "\n":
                    breaks.append(i)
                    i += 1
                    continue
                break
            if len(breaks) == 1:
                chars.append(" ")
                offsets.append(breaks[0])
            else:
                chars.extend("\n" * (len(breaks) - 1))
                offsets.extend(breaks[1:])
            continue
        if quote == "'" and c == "'" and i + 1 < end and text[i + 1] == "'":
            chars.append("'")
            offsets.append(i)
            i += 2
            continue
        if quote == '"' and c == "\\":
            if i + 1 >= end:
                return None
            escape = text[i + 1]
            if escape == "\n":  # an escaped line break: joins the lines, leading white space of the next goes
                i += 2
                while i < end and text[i] in _WHITE:
                    i += 1
                kept = len(chars)
                continue
            if escape in _SIMPLE_ESCAPES:
                chars.append(_SIMPLE_ESCAPES[escape])
                width = 2
            elif escape in _HEX_ESCAPES:
                width = 2 + _HEX_ESCAPES[escape]
                try:
                    chars.append(chr(int(text[i + 2 : i + width], 16)))
                except ValueError:
                    return None
            else:
                return None
            offsets.append(i)
            kept = len(chars)
            i += width
            continue
        chars.append(c)
        offsets.append(i)
        i += 1
    return chars, offsets


def _block(text: str, start: int, end: int, folded: bool) -> tuple[list[str], list[int]] | None:
    """A literal or folded block scalar, with an auto-detected indentation (else ``None``)."""
    header_end = text.find("\n", start, end)
    if header_end < 0:
        return [], []
    header = text[start + 1 : header_end].split("#", 1)[0].strip()
    if any(ch.isdigit() for ch in header):
        return None  # an explicit indentation indicator counts from the parent's indentation
    lines: list[tuple[int, str]] = []  # (offset of the line, the line)
    position = header_end + 1
    while position < end:
        line_end = text.find("\n", position, end)
        line_end = end if line_end < 0 else line_end
        lines.append((position, text[position:line_end]))
        position = line_end + 1
    indent = next((len(line) - len(line.lstrip(" ")) for _, line in lines if line.strip(" ")), 0)
    chars: list[str] = []
    offsets: list[int] = []
    pending: list[int] = []  # offsets of the line breaks of empty lines not yet written
    previous: str | None = None  # "normal" or "more" (more indented): how the last content line folds
    last_break = start
    for offset, line in lines:
        if len(line) <= indent and not line.strip(" "):
            pending.append(offset + len(line))
            continue
        if line[:indent].strip(" "):
            break  # less indented: the scalar has ended
        content = line[indent:]
        kind = "more" if content[:1] in _WHITE else "normal"
        if previous is not None:
            if not folded or previous == "more" or kind == "more":
                chars.append("\n")
                offsets.append(last_break)
                chars.extend("\n" * len(pending))
                offsets.extend(pending)
            elif pending:
                chars.extend("\n" * len(pending))
                offsets.extend(pending)
            else:
                chars.append(" ")
                offsets.append(last_break)
        else:
            chars.extend("\n" * len(pending))
            offsets.extend(pending)
        pending = []
        chars.extend(content)
        offsets.extend(range(offset + indent, offset + len(line)))
        last_break = offset + len(line)
        previous = kind
    if previous is not None:  # the final line breaks, as many as the value keeps (chomping)
        chars.append("\n")
        offsets.append(last_break)
    chars.extend("\n" * len(pending))
    offsets.extend(pending)
    return chars, offsets
