"""Imports: packages stay symbolic; relative files are read (JS, TS, JSON), loops, depth and missing files reported."""

from __future__ import annotations

from jsfiles import Files

from eduforge.project.js import MAX_IMPORT_DEPTH, find_calls, load_module
from eduforge.project.values import Call, ImportRef, JSObject, ReadProblem, Unknown

CONFIG = "astro.config.mjs"


def test_package_imports_are_import_refs(js: Files) -> None:
    source = (
        "import starlight from '@astrojs/starlight';\n"
        "import { z as zod, defineCollection } from 'astro:content';\n"
        "import * as ns from 'pkg';\n"
        "export default [starlight, zod, defineCollection, ns];\n"
    )
    value = js.load(CONFIG, source).default
    assert value == [
        ImportRef("@astrojs/starlight", "default", js.at(CONFIG, 1, 8), "starlight"),
        ImportRef("astro:content", "z", js.at(CONFIG, 2, 10), "zod"),
        ImportRef("astro:content", "defineCollection", js.at(CONFIG, 2, 20), "defineCollection"),
        ImportRef("pkg", "*", js.at(CONFIG, 3, 8), "ns"),
    ]


def test_relative_default_and_named_imports(js: Files) -> None:
    js.write("config/sidebar.ts", "export const sidebar = [{ label: 'A', slug: 'a' }];\nexport default 'dflt';\n")
    source = "import d, { sidebar as s } from './config/sidebar.ts';\nexport default { d, s };\n"
    module = js.load(CONFIG, source)
    assert module.problems == []
    assert module.default == {"d": "dflt", "s": [{"label": "A", "slug": "a"}]}
    assert module.default["s"][0].position == js.at("config/sidebar.ts", 1, 25)


def test_extensionless_and_index_imports(js: Files) -> None:
    js.write("locales.mjs", "export default { root: { label: 'English' } };\n")
    js.write("sidebar/index.ts", "export default ['intro'];\n")
    js.write("twin.ts", "export const t = 'ts twin';\n")
    source = "import l from './locales';\nimport s from './sidebar';\nimport { t } from './twin.js';\nexport default [l, s, t];\n"
    assert js.load(CONFIG, source).default == [{"root": {"label": "English"}}, ["intro"], "ts twin"]


def test_json_imports_with_positions(js: Files) -> None:
    js.write("locales.json", '{\n  "root": { "label": "English", "lang": "en" },\n  "fr": { "label": "Français" }\n}\n')
    source = "import locales from './locales.json' with { type: 'json' };\nexport default locales;\n"
    value = js.load(CONFIG, source).default
    assert value == {"root": {"label": "English", "lang": "en"}, "fr": {"label": "Français"}}
    assert value.key_positions["fr"] == js.at("locales.json", 3, 3)
    assert value["fr"].value_positions["label"] == js.at("locales.json", 3, 20)


def test_namespace_and_star_reexports(js: Files) -> None:
    js.write("a.mjs", "export const one = 1;\nexport * from './b.mjs';\nexport { three as drei } from './c.mjs';\n")
    js.write("b.mjs", "export const two = 2;\n")
    js.write("c.mjs", "export const three = 3;\nexport * as all from './b.mjs';\n")
    module = js.load(CONFIG, "import * as ns from './a.mjs';\nexport default ns;\n")
    assert module.problems == []
    assert dict(module.default) == {"one": 1, "two": 2, "drei": 3, "default": module.default["default"]}
    assert isinstance(module.default["default"], Unknown)
    assert load_module(js.root / "c.mjs").exports["all"]["two"] == 2


def test_require_in_commonjs(js: Files) -> None:
    js.write("base.cjs", "module.exports = { base: '/b' };\n")
    js.write("data.json", '{"k": 1}')
    source = (
        "const { defineConfig } = require('astro/config');\n"
        "const { base } = require('./base.cjs');\n"
        "const data = require('./data.json');\n"
        "module.exports = defineConfig({ base, data });\n"
    )
    value = js.load("astro.config.cjs", source).default
    assert value.callee == ImportRef("astro/config", "defineConfig", js.at("astro.config.cjs", 1, 9), "defineConfig")
    assert value.name == "defineConfig"
    assert value.args == ({"base": "/b", "data": {"k": 1}},)


def test_imports_two_steps_deep(js: Files) -> None:
    js.write("a.mjs", "import { b } from './b.mjs';\nexport const a = { b };\n")
    js.write("b.mjs", "export const b = ['deep'];\n")
    module = js.load(CONFIG, "import { a } from './a.mjs';\nexport default a;\n")
    assert module.default == {"b": ["deep"]}


def test_import_depth_is_bounded(js: Files) -> None:
    for index in range(MAX_IMPORT_DEPTH + 2):
        js.write(f"m{index}.mjs", f"import x from './m{index + 1}.mjs';\nexport default [x];\n")
    js.write(f"m{MAX_IMPORT_DEPTH + 2}.mjs", "export default 'bottom';\n")
    module = js.load("m0.mjs")
    last = f"m{MAX_IMPORT_DEPTH + 1}.mjs"
    assert module.problems == [
        ReadProblem(
            js.at(f"m{MAX_IMPORT_DEPTH}.mjs", 1, 15),
            f"imports are nested more than {MAX_IMPORT_DEPTH} files deep; {js.root / last} is not read",
        )
    ]
    value = module.default
    for _ in range(MAX_IMPORT_DEPTH + 1):
        value = value[0]
    assert value == Unknown(f"{js.root / last} is too many imports deep", js.at(f"m{MAX_IMPORT_DEPTH}.mjs", 1, 15))


def test_import_loop_is_reported_and_unknown(js: Files) -> None:
    js.write("a.mjs", "import { b } from './b.mjs';\nexport const a = ['a', b];\n")
    js.write("b.mjs", "import { a } from './a.mjs';\nexport const b = ['b', a];\n")
    module = js.load("a.mjs")
    assert module.problems == [
        ReadProblem(
            js.at("b.mjs", 1, 19), f"import loop: {js.root / 'a.mjs'} → {js.root / 'b.mjs'} → {js.root / 'a.mjs'}"
        )
    ]
    assert module.exports["a"] == [
        "a",
        ["b", Unknown(f"import loop between {js.root / 'b.mjs'} and {js.root / 'a.mjs'}", js.at("b.mjs", 1, 19))],
    ]


def test_self_import_is_a_loop(js: Files) -> None:
    module = js.load("a.mjs", "import x from './a.mjs';\nexport default [x];\n")
    assert module.problems == [
        ReadProblem(js.at("a.mjs", 1, 15), f"import loop: {js.root / 'a.mjs'} → {js.root / 'a.mjs'}")
    ]


def test_missing_import(js: Files) -> None:
    module = js.load(
        CONFIG, "import locales from './locales';\nimport x from './gone.json';\nexport default [locales, x];\n"
    )
    assert module.problems == [
        ReadProblem(
            js.at(CONFIG, 1, 21),
            'imports "./locales", which does not exist (tried locales with .ts, .mts, .cts, .js, .mjs, .cjs, .tsx, .jsx, .json and index files)',
        ),
        ReadProblem(js.at(CONFIG, 2, 15), 'imports "./gone.json", which does not exist'),
    ]
    assert module.default == [
        Unknown("the imported file ./locales does not exist", js.at(CONFIG, 1, 21)),
        Unknown("the imported file ./gone.json does not exist", js.at(CONFIG, 2, 15)),
    ]


def test_missing_named_export(js: Files) -> None:
    js.write("a.mjs", "export const here = 1;\n")
    module = js.load(CONFIG, "import { there } from './a.mjs';\nexport default there;\n")
    message = f"{js.root / 'a.mjs'} has no export named there"
    assert module.problems == [ReadProblem(js.at(CONFIG, 1, 10), message)]
    assert module.default == Unknown(message, js.at(CONFIG, 1, 10))


def test_imports_outside_the_root_are_not_read(js: Files) -> None:
    js.write("shared.mjs", "export default 'outside';\n")
    js.write("site/astro.config.mjs", "import s from '../shared.mjs';\nexport default s;\n")
    module = load_module(js.root / "site" / "astro.config.mjs", root=js.root / "site")
    assert module.problems == [
        ReadProblem(
            js.at("site/astro.config.mjs", 1, 15),
            f'imports "../shared.mjs", which is outside {js.root / "site"}; it is not read',
        )
    ]
    assert load_module(js.root / "site" / "astro.config.mjs").default == "outside"


def test_non_module_imports_stay_symbolic(js: Files) -> None:
    js.write("src/styles.css", "body {}\n")
    module = js.load(CONFIG, "import css from './src/styles.css';\nimport './src/styles.css';\nexport default css;\n")
    assert module.problems == []
    assert module.default == ImportRef("./src/styles.css", "default", js.at(CONFIG, 1, 8), "css")


def test_problems_of_imported_files_are_reported(js: Files) -> None:
    js.write("broken.mjs", "export const a = {;\n")
    module = js.load(CONFIG, "import { a } from './broken.mjs';\nexport default a;\n")
    assert [problem.position for problem in module.problems] == [js.at("broken.mjs", 1, 19)]


def test_cache_follows_the_content_of_imported_files(js: Files) -> None:
    js.write("a.mjs", "export default 1;\n")
    js.write(CONFIG, "import a from './a.mjs';\nexport default a;\n")
    first = js.load(CONFIG)
    assert js.load(CONFIG) is first
    js.write("a.mjs", "export default 2;\n")
    assert js.load(CONFIG).default == 2
    js.write("b.mjs", "export default 3;\n")
    js.write(CONFIG, "import b from './b';\nexport default b;\n")
    assert js.load(CONFIG).default == 3


def test_cache_notices_a_missing_import_appearing(js: Files) -> None:
    assert isinstance(js.load(CONFIG, "import b from './b';\nexport default b;\n").default, Unknown)
    js.write("b.ts", "export default 'now here';\n")
    assert js.load(CONFIG).default == "now here"


def test_find_calls_finds_the_integration(js: Files) -> None:
    source = (
        "import starlight from '@astrojs/starlight';\n"
        "import sitemap from '@astrojs/sitemap';\n"
        "export default defineConfig({ integrations: [sitemap(), starlight({ plugins: [blog()] })] });\n"
    )
    config = js.load(CONFIG, source).default
    found = list(
        find_calls(
            config, lambda call: isinstance(call.callee, ImportRef) and call.callee.source == "@astrojs/starlight"
        )
    )
    assert [call.position for call in found] == [js.at(CONFIG, 3, 57)]
    assert isinstance(found[0].args[0], JSObject)
    names = [call.name for call in find_calls(config, lambda call: True)]
    assert names == ["defineConfig", "sitemap", "starlight", "blog"]
    assert all(isinstance(call, Call) for call in find_calls(config, lambda call: True))


def test_names_re_exported_from_a_package(js: Files) -> None:
    js.write("one.mjs", "export * from 'pkg';\nexport const own = 1;\n")
    js.write("two.mjs", "export * from 'pkg';\nexport * from 'other';\n")
    source = "import { own, thing } from './one.mjs';\nimport { what } from './two.mjs';\nexport default [own, thing, what];\n"
    module = js.load(CONFIG, source)
    assert module.problems == []
    assert module.default == [
        1,
        ImportRef("pkg", "thing", js.at(CONFIG, 1, 15), "thing"),
        Unknown(
            f"what may come from any of the packages {js.root / 'two.mjs'} re-exports (pkg, other)",
            js.at(CONFIG, 2, 10),
        ),
    ]
