"""Generated documentation: the README's rule and config tables, and eduforge.toml's JSON Schema.

Everything here comes from one declaration (the rule catalogue, the config keys), so the
documentation cannot drift from the code: ``python -m eduforge.docs`` rewrites the README's
generated sections and ``schemas/eduforge.schema.json``; a test fails when they are stale.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from eduforge.config_keys import config_json_schema, config_reference
from eduforge.rules import RULES

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
CONFIG_SCHEMA = ROOT / "schemas" / "eduforge.schema.json"


def rules_table() -> str:
    rows = ["| rule | family | default | what it checks |", "| --- | --- | --- | --- |"]
    rows.extend(f"| `{r.id}` | {r.family} | {r.severity or 'off'} | {r.summary} |" for r in RULES.values())
    return "\n".join(rows)


SECTIONS = {"rules": rules_table, "config": config_reference}


def render(readme: str) -> str:
    """The README with every ``<!-- generated: NAME -->`` … ``<!-- end: NAME -->`` section made anew."""
    for name, make in SECTIONS.items():
        start, end = f"<!-- generated: {name} -->\n", f"<!-- end: {name} -->"
        pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
        readme = pattern.sub(start.replace("\\", "\\\\") + make().replace("\\", "\\\\") + "\n" + end, readme)
    return readme


def schema_text() -> str:
    return json.dumps(config_json_schema(), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    README.write_text(render(README.read_text(encoding="utf-8")), encoding="utf-8")
    CONFIG_SCHEMA.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {README.name} and {CONFIG_SCHEMA.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
