"""A whole Starlight config as real sites write one (tests/project/fixtures/site), and mutations of it."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from jsfiles import Files

from eduforge.project.js import find_calls, load_module
from eduforge.project.values import ImportRef, Position, Unknown

SITE = Path(__file__).parent / "fixtures" / "site"


def test_the_fixture_site_reads_as_starlight_would_see_it(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    config_file = root / "astro.config.mjs"
    module = load_module(config_file, root=root)
    assert module.problems == []
    config = module.default.args[0]
    assert config["site"] == Unknown("reads the environment variable CONTEXT", Position(config_file, 9, 14))
    assert config["site"].fallback == "https://belajar.example.org/"
    assert config["base"].fallback == "/pusat-belajar"
    assert config["trailingSlash"] == "always"
    assert config["redirects"] == {"/lama/": "/baru/"}
    assert [unknown.reason for unknown in config["redirects"].unknown] == ["reads the environment variable BASE_PATH"]
    starlight = next(
        find_calls(
            config,
            lambda call: (
                call.callee == ImportRef("@astrojs/starlight", "default", Position(config_file, 3, 8), "starlight")
            ),
        )
    )
    options = starlight.args[0]
    assert options["locales"] == {
        "root": {"label": "Bahasa Indonesia", "lang": "id"},
        "en": {"label": "English", "lang": "en"},
    }
    assert options["locales"].key_positions["en"] == Position(root / "config" / "locales.json", 3, 3)
    assert options["sidebar"][1]["items"] == [
        {"label": "GIT", "autogenerate": {"directory": "tutorials/git"}},
        {"label": "BACKEND", "autogenerate": {"directory": "tutorials/backend"}},
    ]
    assert options["sidebar"][0].position == Position(root / "config" / "sidebar.ts", 6, 2)
    assert [plugin.name for plugin in options["plugins"]] == ["starlightBlog"]
    assert options["pagination"] == Unknown(
        "reads the environment variable NO_PAGINATION", Position(config_file, 31, 16)
    )


_TOKENS = [
    b"{",
    b"}",
    b"[",
    b"]",
    b"(",
    b")",
    b"...",
    b"`${",
    b"'",
    b'"',
    b"\\",
    b"=>",
    b"=",
    b"?",
    b",",
    b"\xff",
    b"\n",
    b"/*",
]


def test_mutated_configs_never_raise(js: Files) -> None:
    """Deleted, inserted and duplicated bytes: every reading ends with values and problems, never an exception."""
    original = (SITE / "astro.config.mjs").read_bytes()
    sidebar = (SITE / "config" / "sidebar.ts").read_bytes()
    rnd = random.Random(2026)
    for round_ in range(150):
        data = bytearray(rnd.choice([original, sidebar]))
        for _ in range(rnd.randint(1, 6)):
            at = rnd.randrange(len(data) + 1)
            choice = rnd.random()
            if choice < 0.4:
                del data[at : at + rnd.randint(1, 30)]
            elif choice < 0.8:
                data[at:at] = rnd.choice(_TOKENS)
            else:
                data[at:at] = data[rnd.randrange(len(data)) :][: rnd.randint(1, 120)]
        js.write("config/locales.json", bytes(data[: len(data) // 3]))
        js.write("config/sidebar.ts", bytes(data[len(data) // 3 :]))
        module = js.load(f"astro.config.{rnd.choice(['mjs', 'ts', 'cjs', 'tsx'])}", bytes(data))
        assert isinstance(module.problems, list), round_
        list(find_calls(module.default, lambda call: True))
        repr(module.default)
