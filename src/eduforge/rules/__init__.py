"""The rule catalogue: every rule id, its default severity and what it checks.

The core (``eduforge.engine``) runs the check functions of each family and
stamps every problem with the severity the config gives its rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from eduforge.problem import Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


# Rule ids: code names a rule by its constant, never by a bare string.
FILE_UNREADABLE = "file-unreadable"
ENCODING = "encoding"
FRONTMATTER_FENCE = "frontmatter-fence"
YAML_SYNTAX = "yaml-syntax"
YAML_DUPLICATE_KEY = "yaml-duplicate-key"
FRONTMATTER_TYPE = "frontmatter-type"
FRONTMATTER_DATE = "frontmatter-date"
FILE_SKIPPED = "file-skipped"
ASTRO_CONFIG = "astro-config"
CONTENT_CONFIG = "content-config"
INTERNAL_ERROR = "internal-error"
SUPPRESSION = "suppression"
SCHEMA = "schema"
UNKNOWN_KEY = "unknown-key"
SLUG = "slug"
NAV_TARGET = "nav-target"
LINK_TARGET = "link-target"
LINK_DRAFT = "link-draft"
LINK_ANCHOR = "link-anchor"
LINK_ASSET = "link-asset"
LINK_FILE = "link-file"
LINK_TRAILING_SLASH = "link-trailing-slash"
LINK_UNSAFE = "link-unsafe"
LINK_LOCALE = "link-locale"
REDIRECT_TARGET = "redirect-target"
DUPLICATE_URL = "duplicate-url"
NAV_CHAIN = "nav-chain"
SIDEBAR_SLUG = "sidebar-slug"
SIDEBAR_LINK = "sidebar-link"
SIDEBAR_AUTOGENERATE = "sidebar-autogenerate"
ORPHAN_PAGE = "orphan-page"
COMPONENT_UNKNOWN = "component-unknown"
EXTERNAL_BROKEN = "external-broken"
EXTERNAL_UNVERIFIED = "external-unverified"


@dataclass(frozen=True)
class RuleInfo:
    """One rule: what `eduforge rules`, the README's rule table and SARIF's rule metadata show."""

    id: str
    severity: Severity | None
    """The default level; ``None``: off unless ``[rules]`` turns it on."""
    family: str
    """``load`` (always on), ``schema``, ``links``, ``external``: which commands run it."""
    summary: str
    doc: str = ""
    """Longer user documentation: why it matters and how to fix it (SARIF ``fullDescription``)."""


_CATALOGUE = [
    # reading files and frontmatter
    RuleInfo(
        FILE_UNREADABLE,
        E,
        "load",
        "the file cannot be read as a page (binary, too large, unreadable, not a regular file)",
    ),
    RuleInfo(ENCODING, E, "load", "the file is not valid UTF-8"),
    RuleInfo(FRONTMATTER_FENCE, E, "load", "the frontmatter's opening --- has no closing ---"),
    RuleInfo(
        YAML_SYNTAX,
        E,
        "load",
        "the frontmatter is not valid YAML as js-yaml reads it (tags, alias bombs, deep nesting, control characters)",
    ),
    RuleInfo(YAML_DUPLICATE_KEY, E, "load", "a key appears twice in one mapping"),
    RuleInfo(FRONTMATTER_TYPE, E, "load", "the frontmatter is not a mapping"),
    RuleInfo(FRONTMATTER_DATE, W, "load", "an impossible date (2024-02-30) that JavaScript silently rolls over"),
    RuleInfo(
        FILE_SKIPPED,
        W,
        "load",
        "a page file eduforge will not read (a symlink out of the content root or into a loop, a FIFO, a non-UTF-8 name)",
    ),
    RuleInfo(
        ASTRO_CONFIG,
        W,
        "load",
        "a value of astro.config that eduforge cannot read statically (or read with a fallback)",
    ),
    RuleInfo(
        CONTENT_CONFIG,
        W,
        "load",
        "the content config's docs schema (or Astro's generated one) cannot be read as written: fewer fields checked",
    ),
    RuleInfo(
        SUPPRESSION,
        W,
        "load",
        "an eduforge-disable comment names a rule eduforge does not have (it silences nothing)",
        doc="Directives (<!-- eduforge-disable-next-line RULE -->, {/* … */} in MDX, # … in frontmatter) count only in real comments, never in code. A rule id that is not in `eduforge rules` (a typo such as link-targte) silences nothing, so eduforge warns at the id and suggests the nearest rule.",
    ),
    RuleInfo(
        INTERNAL_ERROR, E, "load", "eduforge itself failed on this page (a bug: please report it); the run goes on"
    ),
    # schema
    RuleInfo(SCHEMA, E, "schema", "the frontmatter does not match its JSON Schema (Starlight's by default)"),
    RuleInfo(UNKNOWN_KEY, W, "schema", "a key the schema does not know; Starlight silently drops it (did-you-mean)"),
    RuleInfo(
        SLUG, E, "schema", "a slug with ./.. segments, a leading /, NUL, backslashes, a reserved or overlong name"
    ),
    # links (navigation, body, anchors, assets)
    RuleInfo(
        NAV_TARGET, E, "links", "prev/next link is not a page, misses the base, is a draft, or is the page itself"
    ),
    RuleInfo(
        LINK_TARGET, E, "links", "an internal link (body, hero action, frontmatter HTML) does not resolve to a page"
    ),
    RuleInfo(LINK_DRAFT, E, "links", "a published page links to a draft page (a 404 in production)"),
    RuleInfo(LINK_ANCHOR, E, "links", "a #fragment matches no heading or id on the target page"),
    RuleInfo(LINK_ASSET, E, "links", "a linked image or file does not exist"),
    RuleInfo(
        LINK_FILE,
        E,
        "links",
        "a link to a local file the built site does not serve (not a page, not an image, not in public/)",
        doc="Astro publishes pages, the images pages show (it processes and bundles them) and the files in public/. A link to any other file, such as [data](./data.csv) next to the page, is left as written and requested from the page's URL, where nothing is served: a 404. Move the file to public/ and link it with the site base (/<base>/data.csv).",
    ),
    RuleInfo(LINK_TRAILING_SLASH, E, "links", "a link's trailing slash contradicts trailing_slash"),
    RuleInfo(LINK_UNSAFE, E, "links", "a javascript:/vbscript:/data: link or a malformed URL"),
    RuleInfo(
        LINK_LOCALE,
        None,
        "links",
        "a translated page links into another locale although its own locale has the page (off by default, as "
        "starlight-links-validator's errorOnInconsistentLocale)",
    ),
    RuleInfo(REDIRECT_TARGET, E, "links", "an Astro redirect goes to no page or route of the site"),
    RuleInfo(DUPLICATE_URL, E, "links", "two pages are served at the same URL"),
    RuleInfo(NAV_CHAIN, W, "links", "prev/next overrides contradict each other (A's next is B but B's prev is not A)"),
    # the sidebar of astro.config (positioned in the config file) and the pages it reaches
    RuleInfo(
        SIDEBAR_SLUG,
        E,
        "links",
        "a sidebar slug item (or string) is no page, or a draft: Starlight's build fails on it",
        doc="A string or {slug} item of Starlight's sidebar names a page by its slug: its path below the content folder without extension, each segment lowercased and slugged (tutorials/Git/instalasi-git.mdx is tutorials/git/instalasi-git). When no page has that slug, or the page is a draft (left out of production builds), or the slug starts or ends with a slash, `astro build` stops with an error. Fix the slug (the message suggests the nearest page) or remove the item.",
    ),
    RuleInfo(
        SIDEBAR_LINK,
        E,
        "links",
        "an internal sidebar link leads to no page and no public/ file (Starlight adds the base to it)",
        doc="A {link} item that does not start with a scheme (https:, mailto:) is internal: Starlight adds the current locale and the site base to it, so write it without the base (/pengenalan, not /pusat-belajar/pengenalan). eduforge reports an internal link that then leads to no page, no other route of the site and no file in public/, and one that leads to a draft page.",
    ),
    RuleInfo(
        SIDEBAR_AUTOGENERATE,
        E,
        "links",
        "an autogenerate directory is missing or holds no pages, or its syntax is not the project's Starlight version's",
        doc="An autogenerate item lists the pages of one folder below the content folder, matched against the file paths as written (case matters). A folder that does not exist, or that holds no page files, gives an empty group. Starlight 0.39 changed the syntax: before it, {label, autogenerate: {directory}} is a group and a label is required; from 0.39 the item is {autogenerate: {directory}} inside a group's items, and a label beside it fails the build. The project's version comes from package.json.",
    ),
    RuleInfo(
        ORPHAN_PAGE,
        W,
        "links",
        "a published page no sidebar entry reaches: no prev/next, and learners cannot find it",
        doc="With a sidebar config, only the pages its entries reach get prev/next links, and a learner can find the others only by a link or a search. eduforge warns about each published page no entry reaches, except home pages, splash pages, 404 pages and pages with sidebar.hidden: true (set it when a page is meant to be reached by links only). Nothing is said when the sidebar holds values eduforge cannot read, or a plugin or a component override changes it.",
    ),
    # MDX components
    RuleInfo(
        COMPONENT_UNKNOWN,
        INFO,
        "links",
        "an MDX page uses a component it never imports (astro build fails), or imports one Starlight does not have",
        doc="MDX turns <Steps> into a reference to the variable Steps, so every component a page uses must be imported (import { Steps } from '@astrojs/starlight/components';), exported by the page itself, or be Fragment; otherwise astro build stops on the page. The same happens for an import of a name @astrojs/starlight/components does not export. A site's own component imported from its .astro file is fine for Astro and never reported by lint; with astro-auto-import, components without an import are not reported. The export reports, once per name, each component it cannot draw (it shows the component's children and text props).",
    ),
    # external URLs
    RuleInfo(
        EXTERNAL_BROKEN, E, "external", "an external URL is definitely broken (404, 410, unknown host, redirect loop)"
    ),
    RuleInfo(
        EXTERNAL_UNVERIFIED, W, "external", "an external URL could not be verified (timeout, 403, 429, 5xx, offline)"
    ),
]

RULES: dict[str, RuleInfo] = {rule.id: rule for rule in _CATALOGUE}
