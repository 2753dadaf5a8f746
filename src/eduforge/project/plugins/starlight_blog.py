"""starlight-blog's ``blogSchema(context)``: the blog post fields (``starlight-blog/schema``).

Mirrors ``packages/starlight-blog/schema.ts`` of starlight-blog 0.29 (HiDeoo/starlight-blog):
``blogEntrySchema(context).partial()``, so every field is optional, ``date`` included.
``cover`` images are ``image()`` or a URL string: both are text in frontmatter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from eduforge.project.zod import URL_LABEL, Z, url_pattern

SOURCE = "starlight-blog/schema"
VERSION = "0.29.0"


def _text(**keywords: int) -> Z:
    return Z("string", keywords=dict(keywords))


def author() -> Z:
    """``blogAuthorSchema``: an author written out in a post."""
    return Z(
        "object",
        shape={
            "name": _text(minLength=1),
            "title": Z("string", optional=True),
            "picture": Z("string", optional=True),
            "url": Z("string", patterns=((url_pattern(), URL_LABEL),), optional=True),
        },
    )


def _cover() -> Z:
    single = Z("object", shape={"alt": Z("string"), "image": Z("string")})
    themed = Z("object", shape={"alt": Z("string"), "dark": Z("string"), "light": Z("string")})
    return Z("union", options=(single, themed), optional=True, description="Cover image of the post.")


def blog_entry_schema() -> Z:
    """``blogEntrySchema(context)``: the blog entry fields as written (``date`` required)."""
    one_author = Z("union", options=(Z("string"), author()))
    metrics = {"readingTime": Z("number", optional=True), "words": Z("number", optional=True)}
    return Z(
        "object",
        shape={
            "authors": Z("union", options=(Z("string"), author(), Z("array", item=one_author)), optional=True),
            "date": Z("date", description="Date of the blog post (an unquoted YAML date)."),
            "excerpt": Z("string", optional=True),
            "metrics": Z("object", shape=metrics, optional=True),
            "tags": Z("array", item=Z("string"), optional=True),
            "cover": _cover(),
            "featured": Z("boolean", optional=True),
        },
    )


def blog_schema() -> Z:
    """``blogSchema(context)``: ``blogEntrySchema(context).partial()``, every field optional."""
    entry = blog_entry_schema()
    return replace(entry, shape={key: replace(value, optional=True) for key, value in entry.shape.items()})


SCHEMAS: dict[str, Callable[[], Z]] = {"blogSchema": blog_schema, "blogEntrySchema": blog_entry_schema}
