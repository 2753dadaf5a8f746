"""What both LMS packages share: self-contained lesson pages, the package tree, reproducible zips.

A package holds one curriculum (the root locale's, else the default locale's) laid
out as the HTML export lays it out, so links between lessons keep working::

    imsmanifest.xml            written by imscc.py or scorm.py
    <slug>/index.html          one lean page per lesson: title, description, body (no sidebar,
                               no search: the LMS gives the navigation)
    _sco/<n>.html              SCORM with --scorm-sco section: one launch page per section
    _static/                   style.css, pygments.css, lms.css, app.js (and scorm-api.js)
    assets/<project path>      images and files the lessons use

Nothing in a lesson is loaded from outside the package: links between lessons
point to the lesson files (anchors kept), an ``src`` that leads to another host
is disabled, and a link still written with the site's base (a page left out of
the package, such as a draft) is made inert.  Each removal is a warning.
"""

from __future__ import annotations

import io
import os
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup

from eduforge.config import Settings
from eduforge.curriculum import Curriculum, Lesson
from eduforge.errors import UsageError
from eduforge.export import output
from eduforge.export.data import GENERATOR, description, render_lessons, strings_for
from eduforge.export.html import STATIC, STATIC_DIR, HtmlExport, pygments_css
from eduforge.export.json import ExportOptions, lang_of
from eduforge.export.links import ROOT, HtmlLinks, lesson_file, up
from eduforge.export.markdown import MarkdownRenderer
from eduforge.site.index import Site

PACKAGE_FORMATS = ("imscc", "scorm12")
ZIP_COMMENT = b"eduforge package"
"""Marks an archive as an eduforge package, so a later export may replace it without --force."""
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
"""Every entry's timestamp: the same input gives the same bytes."""
LMS_STATIC = Path(__file__).parent / "lms-static"
"""lms.css and scorm-api.js: in every package's ``_static/`` (the runtime only in SCORM ones)."""
SCORM_JS = "scorm-api.js"
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "dv", "yi", "ku", "sd", "ug"})
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EXTERNAL_LOAD = re.compile(
    r"""(\s)(src|srcset|poster|data|background)(\s*=\s*)(["'])\s*((?:https?:)?//[^"']*)\4""", re.IGNORECASE
)
_ABSOLUTE_PATH = re.compile(r"""(\s)(href|src)(\s*=\s*)(["'])(/(?!/)[^"']*)\4""", re.IGNORECASE)


SHARED = "RES-SHARED"


def qname(namespace: str, tag: str) -> str:
    return f"{{{namespace}}}{tag}"


def subelement(parent: ET.Element, namespace: str, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, qname(namespace, tag), attributes)
    if text is not None:
        element.text = text
    return element


@dataclass
class PackageLesson:
    """A lesson in the package: its file, and the identifiers the manifest gives it."""

    lesson: Lesson
    file: str
    number: int
    """1-based, in package order (the reading order, then pages outside it)."""

    @property
    def title(self) -> str:
        return xml_text(self.lesson.title)

    @property
    def label(self) -> str:
        return xml_text(self.lesson.label)

    @property
    def description(self) -> str:
        return xml_text(description(self.lesson))

    @property
    def ident(self) -> str:
        return f"L{self.number:04d}"


@dataclass
class Package:
    """Everything a manifest writer needs, and the files that go beside the manifest."""

    title: str
    lang: str
    description: str
    curriculum: Curriculum
    lessons: list[PackageLesson]
    files: dict[str, bytes] = field(default_factory=dict)
    """Path in the package → contents (lesson pages, static files, assets)."""
    shared: list[str] = field(default_factory=list)
    """The files every lesson depends on (static files and assets), sorted."""
    warnings: dict[str, list[str]] = field(default_factory=dict)

    def of(self, lesson: Lesson) -> PackageLesson:
        return self._by_id[id(lesson)]

    def __post_init__(self) -> None:
        self._by_id = {id(entry.lesson): entry for entry in self.lessons}

    @property
    def unordered(self) -> list[PackageLesson]:
        """Pages the curriculum does not order (hidden pages): resources outside the organization."""
        return [self.of(lesson) for lesson in self.curriculum.hidden]


def xml_text(text: str) -> str:
    """Text XML 1.0 can carry (control characters dropped); escaping is the XML writer's job."""
    return _XML_INVALID.sub("", text)


def text_dir(lang: str) -> str:
    return "rtl" if lang.lower().replace("_", "-").split("-")[0] in RTL_LANGUAGES else "ltr"


def package_curriculum(curricula: list[Curriculum]) -> Curriculum | None:
    """The curriculum a package holds: the root locale's, else the default locale's."""
    for curriculum in curricula:
        if curriculum.locale is None:
            return curriculum
    return next((c for c in curricula if c.default), curricula[0] if curricula else None)


# --- the output file ----------------------------------------------------------------------


def check_target(out: Path, settings: Settings, force: bool) -> None:
    """Refuse what the other formats refuse; an existing file is replaced only if it is an eduforge package."""
    target = Path(os.path.realpath(out))  # Path.resolve raises on a link that loops
    if target.is_dir():
        raise UsageError(f"-o {out}: is a folder; a package is one file (e.g. -o {out}/course.zip)")
    output.check_target(out, settings, "json", True)  # content, project, home: refused whatever the flags
    if target.exists() and not force and target.stat().st_size and not is_package(target):
        raise UsageError(f"-o {out}: the file exists and is not an earlier eduforge package; use --force to replace it")


def is_package(file: Path) -> bool:
    try:
        with zipfile.ZipFile(file) as archive:
            return archive.comment == ZIP_COMMENT
    except (OSError, zipfile.BadZipFile):
        return False


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A reproducible zip: entries sorted, one fixed timestamp, fixed permissions, deflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the permission bits below are read
            info.external_attr = (0o100644 & 0xFFFF) << 16
            archive.writestr(info, files[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
        archive.comment = ZIP_COMMENT
    return buffer.getvalue()


# --- the lesson pages -----------------------------------------------------------------------


class PackageBuilder(HtmlExport):
    """Renders one curriculum's lessons as lean, self-contained pages (the HTML export's rendering)."""

    def __init__(self, site: Site, curriculum: Curriculum, options: ExportOptions, scorm: bool) -> None:
        super().__init__(site, [curriculum], options)
        self.curriculum = curriculum
        self.scorm = scorm
        self.lesson_template = self.env.get_template("lms-lesson.html")
        self.sco_template = self.env.get_template("lms-sco.html")
        self.lang = lang_of(curriculum, options)

    def build_package(self) -> Package:
        renderer = MarkdownRenderer(strings_for(self.lang))
        lessons = self.curriculum.all_lessons
        self.bodies = render_lessons(
            lessons, lambda lesson: renderer, lambda lesson, found: HtmlLinks(self.targets, lesson, found), self.targets
        )
        home = next((lesson for lesson in lessons if lesson.slug == ""), None)
        package = Package(
            title=xml_text(self.options.title),
            lang=self.lang,
            description=xml_text(description(home)) if home is not None else "",
            curriculum=self.curriculum,
            lessons=[PackageLesson(lesson, lesson_file(lesson), n) for n, lesson in enumerate(lessons, start=1)],
        )
        for entry in package.lessons:
            package.files[entry.file] = self._package_page(entry.lesson).encode("utf-8")
        sources = [*sorted(STATIC.iterdir()), *sorted(LMS_STATIC.iterdir())]
        static = {
            f"{STATIC_DIR}/{source.name}": source.read_bytes()
            for source in sources
            if source.is_file() and (self.scorm or source.name != SCORM_JS)
        }
        static[f"{STATIC_DIR}/pygments.css"] = pygments_css().encode("utf-8")
        for source, relative in sorted(self.targets.assets.items(), key=lambda item: item[1]):
            static[relative] = source.read_bytes()
        package.files.update(static)
        package.shared = sorted(static)
        package.warnings = self.warnings
        return package

    def _package_page(self, lesson: Lesson) -> str:
        body = self.bodies[id(lesson)]
        self._warn(lesson.page.path, body.warnings)
        depth = lesson.depth
        hero = self._hero(lesson)
        if hero is not None:
            for action in hero["actions"]:
                if str(action["href"]).startswith("/"):
                    action["href"] = "#"
        trail = [section.label for section in lesson.section.trail] if lesson.section is not None else []
        html = self.lesson_template.render(
            lang=self.lang,
            dir=text_dir(self.lang),
            s=strings_for(self.lang),
            root=up(depth),
            static=up(depth) + STATIC_DIR + "/",
            generator=GENERATOR,
            title=lesson.title,
            description=description(lesson),
            hero=hero,
            trail=trail,
            body=Markup(body.rendered.html),
            scorm=self.scorm,
        ).replace(ROOT, up(depth))
        return self._self_contained(lesson, html)

    def _self_contained(self, lesson: Lesson, html: str) -> str:
        """Disable what would load from another host, and links left with an absolute path."""
        found: list[str] = []

        def external(match: re.Match[str]) -> str:
            found.append(f'"{match.group(5)}" is not loaded: a package loads nothing from outside it')
            return f"{match.group(1)}data-eduforge-external-{match.group(2).lower()}{match.group(3)}{match.group(4)}{match.group(5)}{match.group(4)}"

        def absolute(match: re.Match[str]) -> str:
            found.append(
                f'"{match.group(5)}" leads outside the package (a page or file it does not hold); it is made inert'
            )
            name = match.group(2).lower()
            quote_char = match.group(4)
            if name == "href":
                return f"{match.group(1)}href={quote_char}#{quote_char} data-eduforge-removed={quote_char}{match.group(5)}{quote_char}"
            return f"{match.group(1)}data-eduforge-removed-src={quote_char}{match.group(5)}{quote_char}"

        html = _EXTERNAL_LOAD.sub(external, html)
        html = _ABSOLUTE_PATH.sub(absolute, html)
        if found:
            self._warn(lesson.page.path, found)
        return html

    def sco_page(self, title: str, lessons: list[PackageLesson]) -> bytes:
        """The launch page of a section SCO (at ``_sco/<n>.html``): the section's lessons in a frame."""
        html = self.sco_template.render(
            lang=self.lang,
            dir=text_dir(self.lang),
            title=title,
            static=up(1) + STATIC_DIR + "/",
            generator=GENERATOR,
            lessons=[{"href": up(1) + quote(entry.file, safe="/"), "title": entry.title} for entry in lessons],
        )
        return html.encode("utf-8")


def build_package(site: Site, curricula: list[Curriculum], options: ExportOptions, scorm: bool) -> Package:
    """Render the package's lessons; an empty site is a usage error (exit 2), never an empty archive."""
    return package_builder(site, curricula, options, scorm)[1]


def package_builder(
    site: Site, curricula: list[Curriculum], options: ExportOptions, scorm: bool
) -> tuple[PackageBuilder, Package]:
    curriculum = package_curriculum(curricula)
    if curriculum is None or not curriculum.all_lessons:
        content = site.settings.content
        raise UsageError(
            f"no published lessons in {content} to package; add a page there (drafts count only with --include-drafts)"
        )
    builder = PackageBuilder(site, curriculum, options, scorm)
    package = builder.build_package()
    left_out = [c.locale for c in curricula if c is not curriculum and c.locale is not None]
    if left_out:
        package.warnings.setdefault("eduforge", []).append(
            f"the package holds one language ({package.lang}); the locale{'s' * (len(left_out) != 1)} "
            f"{', '.join(left_out)} {'are' if len(left_out) != 1 else 'is'} left out"
        )
    return builder, package


def manifest_identifier(package: Package, kind: str) -> str:
    """A stable identifier: the same course gives the same one in every export."""
    import hashlib

    digest = hashlib.sha256()
    digest.update(f"{kind}\n{package.title}\n{package.lang}\n".encode())
    for entry in package.lessons:
        digest.update(entry.lesson.slug.encode("utf-8") + b"\n")
    return f"eduforge-{kind}-{digest.hexdigest()[:16]}"


def merge_warnings(into: dict[str, list[str]], package: Package) -> None:
    for path, messages in package.warnings.items():
        found = into.setdefault(path, [])
        found.extend(message for message in messages if message not in found)


def xml_bytes(root: ET.Element) -> bytes:
    """An ElementTree element as a UTF-8 document with a declaration, indented."""
    ET.indent(root, space="  ")
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"
