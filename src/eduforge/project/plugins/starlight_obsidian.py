"""starlight-obsidian's ``starlightObsidianSchema()``: the frontmatter an Obsidian vault's notes keep
(``starlight-obsidian/schema``).

Mirrors ``packages/starlight-obsidian/schema.ts`` of starlight-obsidian 0.11 (HiDeoo/starlight-obsidian):
``z.object({ tags: z.array(z.string()) }).partial()``, so ``tags`` is optional.
"""

from __future__ import annotations

from collections.abc import Callable

from eduforge.project.zod import Z

SOURCE = "starlight-obsidian/schema"
VERSION = "0.11.0"


def obsidian_schema() -> Z:
    """``starlightObsidianSchema()``: the note's ``tags``, a list of texts."""
    return Z("object", shape={"tags": Z("array", item=Z("string"), optional=True)})


SCHEMAS: dict[str, Callable[[], Z]] = {"starlightObsidianSchema": obsidian_schema}
