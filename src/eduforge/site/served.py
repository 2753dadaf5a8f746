"""Which local files the built site serves: what lint accepts as a linked file and the export copies.

Astro serves images and files from the content folder and ``src/assets`` (it
bundles what pages import) and everything in ``public/``.  Nothing else of a
project is ever published: not ``../.git/config`` (where ``actions/checkout``
leaves the job's token), not ``../.env``, not a file a symlink leads to outside
those folders.  Lint (``link-asset``) and the exporter ask the same
:meth:`ServedFiles.refusal`, so a file lint accepts is exactly a file the
export copies.

Images are served from wherever a page shows them (Astro processes and bundles
them), but a *link* to a file (``[data](./data.csv)``) is left as written:
only a file in ``public/`` is there on the built site
(:meth:`ServedFiles.link_refusal`, the ``link-file`` rule).
"""

from __future__ import annotations

import os
from pathlib import Path

from eduforge.config import Settings
from eduforge.site.index import inside, posix_relative

ASSET_FOLDERS = ("src/assets",)
"""Folders of the project, besides the content folder and ``public/``, whose files the site bundles."""


class ServedFiles:
    """The serving folders of one site, resolved once."""

    def __init__(self, settings: Settings) -> None:
        self.project_root = os.path.realpath(settings.project_root)
        self.base = settings.base
        self.public = os.path.realpath(settings.public) if settings.public is not None else None
        roots = [settings.content, *(settings.project_root / folder for folder in ASSET_FOLDERS)]
        if settings.public is not None:
            roots.append(settings.public)
        self.roots = [os.path.realpath(root) for root in roots]

    def refusal(self, file: str | Path) -> str | None:
        """Why the site would not serve ``file`` (absolute), ending where a fix may follow; None if it does."""
        name = os.path.normpath(str(file))
        reason = self._refusal(name)
        if reason is None:
            real = os.path.realpath(name)
            if real != name:
                reason = self._refusal(real)
                if reason is not None:
                    return f"is a link to a file the site does not serve: {reason}"
        return reason

    def _refusal(self, name: str) -> str | None:
        if not inside(name, self.project_root):
            return "points outside the project; eduforge never reads files there"
        relative = posix_relative(name, self.project_root)
        root = next((root for root in self.roots if inside(name, root)), None)
        if root is None:
            return (
                f"{relative} is outside the content folder, src/assets and public/, so the site does not serve it; "
                "move the file into one of them"
            )
        below = name[len(root) :].split(os.sep)
        if any(part.startswith(".") for part in below if part):
            return f"{relative} is a hidden file (a dot-file or inside a dot-folder); the site never publishes it"
        return None

    def link_refusal(self, file: str | Path) -> str | None:
        """Why a link (not an image) to the existing ``file`` is a 404 on the built site; None if it is not.

        Astro copies no linked file: a page's relative link to ``data.csv`` next to it is requested
        from the page's URL, where nothing is served.  Only ``public/`` is published as is.
        """
        refusal = self.refusal(file)
        if refusal is not None:
            return refusal
        real = os.path.realpath(os.path.normpath(str(file)))
        if self.public is not None and inside(real, self.public):
            return None
        relative = posix_relative(real, self.project_root)
        return (
            f"links to {relative}, which the built site does not serve (Astro publishes pages, the images "
            f'pages show and public/, never a linked file); move it to public/ and link "{self.base}/{os.path.basename(real)}"'
        )
