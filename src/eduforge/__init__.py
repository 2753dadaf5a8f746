"""eduforge: lint and export Markdown/MDX curricula with YAML frontmatter."""

__version__ = "0.2.0"
