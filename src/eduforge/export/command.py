"""``eduforge export``: the curriculum as JSON or as a self-contained HTML site.

    eduforge export --format json -o curriculum.json
    eduforge export --format html -o dist/kursus [--include-drafts] [PATHS...]
    eduforge export --format imscc -o course.imscc
    eduforge export --format scorm12 -o course.zip [--scorm-sco lesson|section]

Pages with errors are exported anyway (the errors are listed on stderr) unless
``--strict``, which then exports nothing and exits 1.  What the renderer could
not show (an unknown MDX component, a link to a page left out) is a warning on
stderr.  Refusals (``OUT`` in the content folder, a foreign non-empty ``OUT``
without ``--force``) exit 2; nothing is written then.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from eduforge.config import Settings, load_settings
from eduforge.errors import EduforgeError, UsageError, error_boundary
from eduforge.report.escape import visible

if TYPE_CHECKING:
    from eduforge.curriculum import Curriculum
    from eduforge.problem import Problem
    from eduforge.site.frontmatter import KeptFrontmatter
    from eduforge.site.page import Page

FORMATS = ("json", "html", "imscc", "scorm12")
PACKAGE_FORMATS = ("imscc", "scorm12")
"""LMS packages: one zip file each (see export/lms.py)."""


class ExportRefused(EduforgeError):
    """``--strict`` and the pages have errors: nothing is exported (exit 1)."""

    exit_code = 1


@dataclass
class ExportResult:
    lessons: int
    curricula: int
    problems: list[Problem]
    warnings: dict[str, list[str]]


def root_lang(settings: Settings) -> str:
    """The root locale's language: eduforge.toml's ``lang``, else the config's root (or only) locale's."""
    if settings.lang:
        return settings.lang
    root = next((locale for locale in settings.locale_info if locale.key == ""), None)
    if root is not None:
        return root.lang
    if settings.default_locale is not None:
        default = next((lo for lo in settings.locale_info if lo.key == settings.default_locale), None)
        if default is not None:
            return default.lang
    return "en"  # astro.config names no language (its reader fills lang and locale_info)


def site_title(settings: Settings, lang: str) -> str:
    """Starlight's ``title`` in ``lang`` (the default locale's when it has none), else the project folder's name."""
    from eduforge.export.data import title_for

    default = settings.default_locale or ""
    default_lang = next((lo.lang for lo in settings.locale_info if lo.key == default), lang)
    return title_for(settings.title, lang, default_lang, settings.project_root.name or "Curriculum")


def site_titles(settings: Settings, curricula: list[Curriculum], root: str) -> dict[str, str]:
    """The site title of each curriculum's locale, by locale key (``""``: root)."""
    langs = {lo.key: lo.lang for lo in settings.locale_info}
    return {
        (c.locale or ""): site_title(settings, langs.get(c.locale or "", root) if c.locale else root) for c in curricula
    }


def _logo(written: str | None, settings: Settings, err: TextIO) -> Path | None:
    """Starlight's logo file: relative to the project (``./src/…``, or ``/src/…`` from its root, as
    Vite reads it); None, with a warning, when it is not a file in the project."""
    if not written:
        return None
    file = (settings.project_root / written.lstrip("/")).resolve()
    if not file.is_file() or not file.is_relative_to(settings.project_root.resolve()):
        err.write(f"eduforge: warning: the logo {visible(written)} is not a file in the project; it is left out\n")
        return None
    return file


def run_export(
    settings: Settings,
    output_format: str,
    out: str,
    paths: tuple[Path, ...] = (),
    *,
    include_drafts: bool = False,
    jsonld: bool = False,
    strict: bool = False,
    force: bool = False,
    lang: str | None = None,
    title: str | None = None,
    stderr: TextIO | None = None,
    stdout: TextIO | None = None,
    scorm_sco: str | None = None,
) -> ExportResult:
    """Check, build the curriculum, and write it; raises :class:`UsageError` or :class:`ExportRefused`."""
    # loaded here, not at import: `eduforge lint` imports this module and must stay quick to start
    from eduforge.curriculum import build_curricula
    from eduforge.engine import lint, select
    from eduforge.export import output
    from eduforge.export.data import with_frontmatter
    from eduforge.export.json import ExportOptions, check_assets_folder, write_json
    from eduforge.problem import Severity

    err = stderr if stderr is not None else sys.stderr
    if output_format not in FORMATS:
        raise UsageError(f"--format {output_format}: choose one of {', '.join(FORMATS)}")
    to_stdout = out == "-"
    if to_stdout and output_format != "json":
        raise UsageError("-o -: only the JSON export can go to stdout; give the HTML export a folder")
    if scorm_sco is not None and output_format != "scorm12":
        raise UsageError(f"--scorm-sco {scorm_sco}: only for --format scorm12")
    if output_format in PACKAGE_FORMATS:
        from eduforge.export import lms

        lms.check_target(Path(out), settings, force)
    elif not to_stdout:
        output.check_target(Path(out), settings, output_format, force)
        if output_format == "json":
            check_assets_folder(Path(out))
    kept: dict[str, KeptFrontmatter] = {}  # each page's frontmatter as the checks read it: parsed once
    result = lint(settings, paths, ("schema", "links"), kept=kept)
    site = result.site
    selected = select(site, paths)
    errors = [p for p in result.problems if p.severity is Severity.ERROR]
    for problem in errors:
        err.write(
            f"{visible(problem.path)}:{problem.line}:{problem.column}: {problem.severity} {problem.rule} "
            f"{visible(problem.message)}\n"
        )
    if errors:
        pages = len({p.path for p in errors})
        if strict:
            raise ExportRefused(
                f"{len(errors)} error{'s' * (len(errors) != 1)} in {pages} page{'s' * (pages != 1)}; "
                "nothing exported (--strict); fix them or drop --strict"
            )
        err.write(
            f"eduforge: warning: {pages} page{'s' * (pages != 1)} with errors exported anyway; run eduforge lint for details\n"
        )
    if output_format == "html" or output_format in PACKAGE_FORMATS:  # packages hold <slug>/index.html too
        selected = _writable_pages(selected, err)
    with_frontmatter(selected, kept)
    kept.clear()
    curricula = build_curricula(site, include_drafts=include_drafts, pages=selected)
    from eduforge.export.data import load_site_strings

    root = lang or root_lang(settings)
    i18n = (settings.src_dir / "content" / "i18n") if settings.src_dir is not None else None
    site_strings, unread = load_site_strings(settings.content, i18n)
    for message in unread:
        err.write(f"eduforge: warning: src/content/i18n/{visible(message)}\n")
    options = ExportOptions(
        title=title or site_title(settings, root),
        lang=root,
        include_drafts=include_drafts,
        jsonld=jsonld,
        titles={} if title else site_titles(settings, curricula, root),
        logo=_logo(settings.logo, settings, err),
        logo_dark=_logo(settings.logo_dark, settings, err),
        logo_alt=settings.logo_alt,
        logo_replaces_title=settings.logo_replaces_title,
        site_strings=site_strings,
    )
    warnings: dict[str, list[str]] = {}
    packaged: int | None = None
    if output_format == "json":
        warnings.update(write_json(site, curricula, options, out, stdout if stdout is not None else sys.stdout))
    elif output_format in PACKAGE_FORMATS:
        from eduforge.export.lms import merge_warnings

        if output_format == "imscc":
            from eduforge.export.imscc import export_imscc

            data, package = export_imscc(site, curricula, options)
        else:
            from eduforge.export.scorm import export_scorm12

            data, package = export_scorm12(site, curricula, options, scorm_sco or "lesson")
        merge_warnings(warnings, package)
        output.write_file(Path(out), data)
        packaged = len(package.lessons)
    else:
        from eduforge.export.html import export_html

        def build(folder: Path) -> None:
            warnings.update(export_html(site, curricula, options, folder))

        output.write_folder(Path(out), build)
    _print_warnings(warnings, err)
    lessons = packaged if packaged is not None else sum(len(c.all_lessons) for c in curricula)
    return ExportResult(lessons, len(curricula), result.problems, warnings)


def _print_warnings(warnings: dict[str, list[str]], err: TextIO) -> None:
    """Each page's warnings; a component notice (info) once for the whole site, at its first page."""
    from eduforge.export.components import NOTICE, is_notice

    noticed: set[str] = set()
    for path in sorted(warnings):
        for message in warnings[path]:
            if not is_notice(message):
                err.write(f"{visible(path)}: warning: {visible(message)}\n")
            elif message not in noticed:
                noticed.add(message)
                err.write(f"{visible(path)}: info: component-unknown {visible(message.removeprefix(NOTICE))}\n")


def _writable_pages(pages: list[Page], err: TextIO) -> list[Page]:
    """The pages whose slug is a safe path for ``<slug>/index.html``; the others are left out, with a warning."""
    from eduforge.rules.slugs import slug_problem

    kept = []
    for page in pages:
        problem = slug_problem(page.slug)
        if problem is None:
            kept.append(page)
        else:
            err.write(f"{visible(page.path)}: warning: not exported: its slug {visible(problem)}\n")
    return kept


@click.command("export", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    required=True,
    help="json: one file for apps; html: a static site that works from file://; "
    "imscc: an IMS Common Cartridge 1.1; scorm12: a SCORM 1.2 package.",
)
@click.option(
    "-o", "--output", "out", required=True, metavar="OUT", help="The JSON file (- for stdout) or the HTML folder."
)
@click.option(
    "--scorm-sco",
    type=click.Choice(("lesson", "section")),
    default=None,
    help="SCORM 1.2: one SCO per lesson (default) or per section.",
)
@click.option("--include-drafts", is_flag=True, help="Export draft pages too (marked as drafts).")
@click.option("--jsonld", is_flag=True, help="Add schema.org Course/LearningResource markup.")
@click.option("--strict", is_flag=True, help="Export nothing and exit 1 when a page has errors.")
@click.option(
    "--force",
    is_flag=True,
    help="Let the JSON export replace a file that is not an earlier export. A folder is only ever replaced when it "
    "is empty or an earlier eduforge export; a folder that holds .git, the project's config, content, public/ or "
    "src/ is never replaced, whatever the flags.",
)
@click.option(
    "--lang",
    default=None,
    help="Language of the root locale (default: lang in eduforge.toml, else astro.config's, else en).",
)
@click.option("--title", default=None, help="Site title (default: Starlight's title, per locale).")
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="Config file (default: found upwards).")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@error_boundary
def export_command(
    paths: tuple[Path, ...],
    output_format: str,
    out: str,
    include_drafts: bool,
    jsonld: bool,
    strict: bool,
    force: bool,
    lang: str | None,
    title: str | None,
    config_path: Path | None,
    scorm_sco: str | None = None,
) -> int:
    """Export the curriculum as JSON or as a self-contained HTML site.

    PATHS limit the export to the pages under those files or folders.
    """
    settings = load_settings(config_path)
    result = run_export(
        settings,
        output_format,
        out,
        paths,
        include_drafts=include_drafts,
        jsonld=jsonld,
        strict=strict,
        force=force,
        lang=lang,
        title=title,
        scorm_sco=scorm_sco,
    )
    if out != "-":
        click.echo(f"exported {result.lessons} lesson{'s' * (result.lessons != 1)} to {out}", err=True)
    return 0
