"""``eduforge export --format scorm12``: a SCORM 1.2 package.

One SCO per lesson (its page is the launch file), or with ``--scorm-sco section``
one per section: a launch page (``_sco/<n>.html``) showing the section's lessons
in a frame, completed when every lesson has been read to its end.  Lessons at
the top of the tree (in no section) stay SCOs of their own.  Each SCO's resource
carries a LOM with its title and description; pages the curriculum does not
order are ``asset`` resources outside the organization.  The runtime is
``_static/scorm-api.js`` (see there).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from eduforge.curriculum import Curriculum, Entry, Lesson, Section
from eduforge.export.json import ExportOptions
from eduforge.export.lms import (
    SHARED,
    Package,
    PackageBuilder,
    PackageLesson,
    manifest_identifier,
    package_builder,
    qname,
    subelement,
    xml_bytes,
    xml_text,
    zip_bytes,
)
from eduforge.site.index import Site

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
MD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML = "http://www.w3.org/XML/1998/namespace"
SCHEMA_LOCATION = f"{CP} imscp_rootv1p1p2.xsd {MD} imsmd_rootv1p2p1.xsd {ADLCP} adlcp_rootv1p2.xsd"


def _lom(parent: ET.Element, lang: str, title: str, description: str) -> None:
    general = subelement(subelement(parent, MD, "lom"), MD, "general")
    subelement(subelement(general, MD, "title"), MD, "langstring", title, **{qname(XML, "lang"): lang})
    subelement(general, MD, "language", lang)
    if description:
        subelement(subelement(general, MD, "description"), MD, "langstring", description, **{qname(XML, "lang"): lang})


class _Sco:
    """One SCO: its launch file, the lessons it shows, its manifest identifiers."""

    def __init__(self, number: int, href: str, title: str, description: str, lessons: list[PackageLesson]) -> None:
        self.ident = f"SCO{number:04d}"
        self.href = href
        self.title = title
        self.description = description
        self.lessons = lessons


class _Plan:
    """The organization: which entries become SCOs, and the launch pages of section SCOs."""

    def __init__(self, package: Package, builder: PackageBuilder, mode: str) -> None:
        self.package = package
        self.builder = builder
        self.mode = mode
        self.scos: list[_Sco] = []
        self.section_numbers: dict[int, int] = {}

    def lesson_sco(self, lesson: Lesson) -> _Sco:
        entry = self.package.of(lesson)
        sco = _Sco(len(self.scos) + 1, entry.file, entry.title, entry.description, [entry])
        self.scos.append(sco)
        return sco

    def section_sco(self, section: Section, lessons: list[Lesson]) -> _Sco:
        number = len(self.scos) + 1
        entries = [self.package.of(lesson) for lesson in lessons]
        title = xml_text(section.label)
        href = f"_sco/{number:04d}.html"
        self.package.files[href] = self.builder.sco_page(title, entries)
        sco = _Sco(number, href, title, "", entries)
        self.scos.append(sco)
        return sco

    def items(self, parent: ET.Element, entries: list[Entry]) -> None:
        for entry in entries:
            if isinstance(entry, Lesson):
                self._item(parent, self.lesson_sco(entry), self.package.of(entry).label)
                continue
            if not any(True for _ in entry.lessons()):
                continue
            number = self.section_numbers.setdefault(id(entry), len(self.section_numbers) + 1)
            direct = [child for child in entry.children if isinstance(child, Lesson)]
            if self.mode == "section" and direct and len(direct) == len(entry.children):
                self._item(parent, self.section_sco(entry, direct), xml_text(entry.label))
                continue
            item = subelement(parent, CP, "item", identifier=f"S{number:04d}")
            subelement(item, CP, "title", xml_text(entry.label))
            if self.mode == "section" and direct:
                # a section holding both lessons and sections: its own lessons are one SCO, first
                self._item(item, self.section_sco(entry, direct), xml_text(entry.label))
                self.items(item, [child for child in entry.children if isinstance(child, Section)])
            else:
                self.items(item, entry.children)

    @staticmethod
    def _item(parent: ET.Element, sco: _Sco, title: str) -> None:
        item = subelement(parent, CP, "item", identifier=f"I{sco.ident}", identifierref=f"R{sco.ident}")
        subelement(item, CP, "title", title)


def manifest(package: Package, plan: _Plan) -> bytes:
    ET.register_namespace("", CP)
    ET.register_namespace("adlcp", ADLCP)
    ET.register_namespace("imsmd", MD)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(
        qname(CP, "manifest"),
        {
            "identifier": manifest_identifier(package, f"scorm12-{plan.mode}"),
            "version": "1.0",
            qname(XSI, "schemaLocation"): SCHEMA_LOCATION,
        },
    )
    metadata = subelement(root, CP, "metadata")
    subelement(metadata, CP, "schema", "ADL SCORM")
    subelement(metadata, CP, "schemaversion", "1.2")
    _lom(metadata, package.lang, package.title, package.description)
    organizations = subelement(root, CP, "organizations", default="ORG")
    organization = subelement(organizations, CP, "organization", identifier="ORG")
    subelement(organization, CP, "title", package.title)
    plan.items(organization, package.curriculum.entries)
    resources = subelement(root, CP, "resources")
    scorm_type = qname(ADLCP, "scormtype")
    for sco in plan.scos:
        resource = subelement(
            resources,
            CP,
            "resource",
            identifier=f"R{sco.ident}",
            type="webcontent",
            href=sco.href,
            **{scorm_type: "sco"},
        )
        _lom(subelement(resource, CP, "metadata"), package.lang, sco.title, sco.description)
        subelement(resource, CP, "file", href=sco.href)
        for lesson in sco.lessons:
            if lesson.file != sco.href:
                subelement(resource, CP, "file", href=lesson.file)
        subelement(resource, CP, "dependency", identifierref=SHARED)
    for lesson in package.unordered:
        resource = subelement(
            resources,
            CP,
            "resource",
            identifier=f"R{lesson.ident}",
            type="webcontent",
            href=lesson.file,
            **{scorm_type: "asset"},
        )
        subelement(resource, CP, "file", href=lesson.file)
        subelement(resource, CP, "dependency", identifierref=SHARED)
    shared = subelement(resources, CP, "resource", identifier=SHARED, type="webcontent", **{scorm_type: "asset"})
    for file in package.shared:
        subelement(shared, CP, "file", href=file)
    return xml_bytes(root)


def export_scorm12(
    site: Site, curricula: list[Curriculum], options: ExportOptions, sco: str = "lesson"
) -> tuple[bytes, Package]:
    """The package's bytes (a reproducible zip) and what went into it; ``sco`` is lesson or section."""
    builder, package = package_builder(site, curricula, options, scorm=True)
    plan = _Plan(package, builder, sco)
    files = package.files
    files["imsmanifest.xml"] = manifest(package, plan)
    return zip_bytes(files), package
