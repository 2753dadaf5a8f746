"""The hostile corpus through both exports: nothing crashes or hangs, nothing leaves OUT, nothing unsafe is published.

Every generated site (see hostile_corpus.py; it holds ``.env``, ``.git/config`` and ``docs/.env``
next to the content, and pages whose slugs, images and links attack the export) is exported as a
user would, ``eduforge export --format json -o OUT`` and ``--format html -o OUT``. Each run must:
exit 0 (the export goes on past lint errors), take under its CPU budget (workers included; see Site.cpu_budget), change
nothing in the file tree around OUT but OUT itself, publish no byte of a secret, and put no URL that
runs code (``javascript:``, ``vbscript:``, ``data:`` other than an image) in any ``href`` or ``src``
of the exported HTML (the pages of the HTML export, the ``html`` fields of the JSON export), as an
HTML parser reads the attributes and as :mod:`eduforge.urlscheme` decides schemes.
"""

from __future__ import annotations

import json
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from hostile_corpus import BAD_SLUGS, DEEP_OUTSIDE, SECRETS, Site, sites, write

from eduforge.urlscheme import unsafe_scheme
from helpers import run

CORPUS = sites(seed=13)
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "poster", "xlink:href"})


_PARSER = lxml.html.HTMLParser(huge_tree=True)


def unsafe_urls(html: str) -> list[tuple[str, str, str]]:
    """The URL attributes of ``html`` (decoded as a browser decodes attributes) that :func:`unsafe_scheme` refuses.

    libxml2's HTML parser, not ``html.parser``: Python 3.11's is quadratic on unclosed start tags
    (fixed in later CPython releases), and the tag bomb ``<div <a <a …`` is exported as written.
    """
    if not html.strip():
        return []
    found = []
    for element in lxml.html.document_fromstring(html, parser=_PARSER).iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        for name, url in element.attrib.items():
            if name.lower() in URL_ATTRIBUTES and unsafe_scheme(url, image=(element.tag, name) == ("img", "src")):
                found.append((element.tag, name, url))
    return found


def _html_fields(value: Any, html: bool = False) -> Iterator[str]:
    """Every HTML string of the JSON export: the values of ``html`` keys and of the ``safe`` forms.

    (``markdown`` is the page's source, data an app must not render as HTML: the schema says so.)
    """
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _html_fields(item, html or key in ("html", "safe"))
    elif isinstance(value, list):
        for item in value:
            yield from _html_fields(item, html)
    elif isinstance(value, str) and html:
        yield value


def tree(top: Path, skip: Path) -> dict[str, tuple[int, int, int]]:
    """(mode, size, mtime) of everything under ``top`` but ``skip``, links not followed.

    A folder counts by its entries (its own mtime changes when OUT appears in it).
    """
    found: dict[str, tuple[int, int, int]] = {}
    for folder, names, files in os.walk(top):
        here = Path(folder)
        names[:] = [name for name in names if here / name != skip]
        for name in (*names, *files):
            path = here / name
            if path != skip:
                info = path.lstat()
                folder_mode = stat.S_ISDIR(info.st_mode)
                found[path.relative_to(top).as_posix()] = (
                    (info.st_mode, 0, 0) if folder_mode else (info.st_mode, info.st_size, info.st_mtime_ns)
                )
    return found


def _cpu() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


@pytest.mark.parametrize("site", CORPUS, ids=[site.name for site in CORPUS])
def test_a_hostile_site_exports_safely_in_seconds(site: Site, tmp_path: Path) -> None:
    root = tmp_path / "site"
    write(site, root)
    outside = Path("/tmp") / Path(DEEP_OUTSIDE).name
    for fmt, out in (("json", root / "out" / "curriculum.json"), ("html", root / "out" / "html")):
        (root / "out").mkdir(exist_ok=True)
        before = tree(tmp_path, skip=out)
        started, cpu_started = time.perf_counter(), _cpu()
        result = run(root, "export", "--format", fmt, "-o", str(out))
        seconds, cpu = time.perf_counter() - started, _cpu() - cpu_started
        assert result.exit_code == 0, (fmt, result.output[-2000:])
        assert cpu < site.cpu_budget, f"{site.name} --format {fmt} took {cpu:.1f} s of CPU"
        assert seconds < 30.0, f"{site.name} --format {fmt} took {seconds:.1f} s"
        assert tree(tmp_path, skip=out) == before, f"--format {fmt} wrote outside {out}"
        assert not outside.exists()
        for slug in (slug.lstrip("/") for slug in BAD_SLUGS if ".." in slug):  # where a careless exporter writes
            assert not (out / slug).exists() and not (out.parent / slug).exists(), slug
        files = [out] if fmt == "json" else [path for path in out.rglob("*") if path.is_file()]
        assert files
        published = b"".join(path.read_bytes() for path in files)
        for name, secret in SECRETS.items():
            assert secret.strip().encode() not in published, f"--format {fmt} published {name}"
            assert secret.split("=")[-1].strip().encode() not in published, f"--format {fmt} published {name}"
        if fmt == "json":
            documents = list(_html_fields(json.loads(out.read_text(encoding="utf-8"))))
        else:
            documents = [path.read_text(encoding="utf-8") for path in files if path.suffix == ".html"]
        assert documents
        for document in documents:
            assert unsafe_urls(document) == [], f"--format {fmt}"


def test_the_checks_see_what_they_look_for() -> None:
    """The URL check finds every disguise a browser decodes; the tree check sees a write beside OUT."""
    html = (
        '<a href="java&#9;script:x">a</a><a href=" &#x01;javascript:x">b</a><img src="data:text/html,x">'
        '<img src="data:image/png;base64,AA"><a href="/ok/">c</a><form action="vbscript:x"></form>'
    )
    assert unsafe_urls(html) == [
        ("a", "href", "java\tscript:x"),
        ("a", "href", " \x01javascript:x"),
        ("img", "src", "data:text/html,x"),
        ("form", "action", "vbscript:x"),
    ]
    assert "eduforge-hostile-secret-git" in SECRETS[".git/config"]
    corpus_classes = {page.klass for site in CORPUS for page in site.pages}
    assert {"export-slug", "export-secret", "export-script"} <= corpus_classes
