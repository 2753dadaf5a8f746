"""``eduforge export --format imscc``: an IMS Common Cartridge 1.1, thin (``webcontent`` resources only).

The manifest's organization is the curriculum's tree: a section is an item with
a ``<title>`` and children, a lesson an item pointing to its page's resource.
Pages the curriculum does not order (``sidebar.hidden``) are resources outside
the organization.  The course title and language are in the manifest's LOM;
every page depends on one resource holding the styles, scripts and images.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from eduforge.curriculum import Curriculum, Entry, Section
from eduforge.export.json import ExportOptions
from eduforge.export.lms import (
    SHARED,
    Package,
    build_package,
    manifest_identifier,
    qname,
    subelement,
    xml_bytes,
    xml_text,
    zip_bytes,
)
from eduforge.site.index import Site

CP = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
LOMM = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
LOMR = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (
    f"{CP} http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd "
    f"{LOMM} http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lommanifest_v1p0.xsd "
    f"{LOMR} http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lomresource_v1p0.xsd"
)


def _lom(parent: ET.Element, package: Package) -> None:
    general = subelement(subelement(parent, LOMM, "lom"), LOMM, "general")
    subelement(subelement(general, LOMM, "title"), LOMM, "string", package.title, language=package.lang)
    subelement(general, LOMM, "language", package.lang)
    if package.description:
        subelement(subelement(general, LOMM, "description"), LOMM, "string", package.description, language=package.lang)


def _items(parent: ET.Element, entries: list[Entry], package: Package, sections: dict[int, int]) -> None:
    for entry in entries:
        if isinstance(entry, Section):
            if not any(True for _ in entry.lessons()):
                continue
            number = sections.setdefault(id(entry), len(sections) + 1)
            item = subelement(parent, CP, "item", identifier=f"S{number:04d}")
            subelement(item, CP, "title", xml_text(entry.label))
            _items(item, entry.children, package, sections)
        else:
            lesson = package.of(entry)
            item = subelement(parent, CP, "item", identifier=f"I{lesson.ident}", identifierref=f"R{lesson.ident}")
            subelement(item, CP, "title", lesson.label)


def manifest(package: Package) -> bytes:
    ET.register_namespace("", CP)
    ET.register_namespace("lomimscc", LOMM)
    ET.register_namespace("lom", LOMR)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(
        qname(CP, "manifest"),
        {"identifier": manifest_identifier(package, "imscc"), qname(XSI, "schemaLocation"): SCHEMA_LOCATION},
    )
    metadata = subelement(root, CP, "metadata")
    subelement(metadata, CP, "schema", "IMS Common Cartridge")
    subelement(metadata, CP, "schemaversion", "1.1.0")
    _lom(metadata, package)
    organization = subelement(
        subelement(root, CP, "organizations"), CP, "organization", identifier="ORG", structure="rooted-hierarchy"
    )
    _items(subelement(organization, CP, "item", identifier="ROOT"), package.curriculum.entries, package, {})
    resources = subelement(root, CP, "resources")
    for lesson in package.lessons:
        resource = subelement(
            resources, CP, "resource", identifier=f"R{lesson.ident}", type="webcontent", href=lesson.file
        )
        subelement(resource, CP, "file", href=lesson.file)
        subelement(resource, CP, "dependency", identifierref=SHARED)
    shared = subelement(resources, CP, "resource", identifier=SHARED, type="webcontent")
    for file in package.shared:
        subelement(shared, CP, "file", href=file)
    return xml_bytes(root)


def export_imscc(site: Site, curricula: list[Curriculum], options: ExportOptions) -> tuple[bytes, Package]:
    """The cartridge's bytes (a reproducible zip) and what went into it."""
    package = build_package(site, curricula, options, scorm=False)
    files = dict(package.files)
    files["imsmanifest.xml"] = manifest(package)
    return zip_bytes(files), package
