"""The static subset of JavaScript/TypeScript, construct by construct: exact values and positions."""

from __future__ import annotations

import math

from jsfiles import Files

from eduforge.project.values import (
    UNDEFINED,
    Call,
    Global,
    ImportRef,
    JSArray,
    JSFunction,
    JSObject,
    Member,
    Param,
    Regex,
    Unknown,
)

CONFIG = "astro.config.mjs"


# --- literals ---------------------------------------------------------------------------------------


def test_literals(js: Files) -> None:
    value = js.default(
        "['a\\n\\'b', \"\\u00e9\\u{1F600}\\x41\", 42, 1.5, 0x10, 1_000, 1e3, 10n, true, false, null, undefined, NaN]"
    )
    assert value[:12] == ["a\n'b", "é😀A", 42, 1.5, 16, 1000, 1000.0, 10, True, False, None, UNDEFINED]
    assert math.isnan(value[12])


def test_surrogate_pair_escapes_join(js: Files) -> None:
    assert js.default("'\\uD83D\\uDE00'") == "😀"


def test_regex_literal(js: Files) -> None:
    assert js.default("/^[a-z]+\\/x$/giu") == Regex("^[a-z]+\\/x$", "giu", js.at(CONFIG, 1, 16))


def test_negative_numbers_not_and_parentheses(js: Files) -> None:
    assert js.default("[-1, -(2.5), +3, !0, !'x', !!null, (('p'))]") == [-1, -2.5, 3, True, False, False, "p"]


def test_string_concatenation_and_arithmetic(js: Files) -> None:
    assert js.default("['/a' + '/b', 'v' + 2, 1 + 2, 6 / 4, 2 ** 3, 'a' === 'a', 1 !== 1, 2 > 1]") == [
        "/a/b",
        "v2",
        3,
        1.5,
        8,
        True,
        False,
        True,
    ]


# --- template literals ------------------------------------------------------------------------------


def test_template_without_substitutions(js: Files) -> None:
    assert js.default("`line\\n${''}two`") == "line\ntwo"
    assert js.default("`plain`") == "plain"


def test_template_with_known_substitutions(js: Files) -> None:
    before = "const base = '/docs';\nconst n = 2;\n"
    assert js.default("`${base}/v${n}/${true}`", before=before) == "/docs/v2/true"


def test_template_with_unknown_substitution(js: Files) -> None:
    value = js.default("`${process.env.BASE}/x`")
    assert value == Unknown("reads the environment variable BASE", js.at(CONFIG, 1, 16))
    assert not value.has_fallback


def test_template_with_fallback_substitution(js: Files) -> None:
    value = js.default("`${process.env.BASE || '/docs'}/x`")
    assert value.has_fallback and value.fallback == "/docs/x"


# --- objects ----------------------------------------------------------------------------------------


def test_object_keys_and_positions(js: Files) -> None:
    source = "export default {\n  plain: 1,\n  'quoted-key': 'q',\n  [\"computed\"]: true,\n  2: 'two',\n};\n"
    value = js.load(CONFIG, source).default
    assert value == {"plain": 1, "quoted-key": "q", "computed": True, "2": "two"}
    assert isinstance(value, JSObject)
    assert value.position == js.at(CONFIG, 1, 16)
    assert value.key_positions == {
        "plain": js.at(CONFIG, 2, 3),
        "quoted-key": js.at(CONFIG, 3, 3),
        "computed": js.at(CONFIG, 4, 3),
        "2": js.at(CONFIG, 5, 3),
    }
    assert value.value_positions["plain"] == js.at(CONFIG, 2, 10)
    assert value.value_positions["computed"] == js.at(CONFIG, 4, 17)


def test_columns_count_characters_not_bytes(js: Files) -> None:
    value = js.load(CONFIG, "export default { 'é日本': 'ü', next: 1 };\n").default
    assert value.key_positions["next"] == js.at(CONFIG, 1, 30)
    assert value.value_positions["é日本"] == js.at(CONFIG, 1, 25)


def test_shorthand_and_method(js: Files) -> None:
    value = js.default("{ base, m() { return 1 } }", before="const base = '/b';\n")
    assert value["base"] == "/b"
    assert isinstance(value["m"], JSFunction) and value["m"].returns() == 1


def test_spreads_merge_in_order(js: Files) -> None:
    before = "const common = { a: 1, b: 2 };\n"
    value = js.default("{ b: 0, ...common, c: 3, a: 9 }", before=before)
    assert list(value.items()) == [("b", 2), ("a", 9), ("c", 3)]
    assert value.value_positions["b"] == js.at(CONFIG, 1, 27)
    assert value.unknown == []


def test_spread_of_unknown_is_recorded(js: Files) -> None:
    value = js.default("{ a: 1, ...process.env }")
    assert value == {"a": 1}
    assert value.unknown == [
        Unknown("the spread `...process.env` is process.env, which cannot be read statically", js.at(CONFIG, 1, 24))
    ]


def test_computed_key_that_cannot_be_read(js: Files) -> None:
    value = js.default("{ [key]: 1, ok: 2 }")
    assert value == {"ok": 2}
    assert value.unknown == [
        Unknown("the computed key `[key]` is key, which cannot be read statically", js.at(CONFIG, 1, 18))
    ]


def test_getter_is_unknown(js: Files) -> None:
    value = js.default("{ get x() { return 1 } }")
    assert value["x"] == Unknown("`get x() { return 1 }` is a getter or setter", js.at(CONFIG, 1, 18))


# --- arrays -----------------------------------------------------------------------------------------


def test_array_spreads_flatten_with_positions(js: Files) -> None:
    value = js.load(CONFIG, "const a = ['x', 'y'];\nexport default ['w', ...a, 'z'];\n").default
    assert value == ["w", "x", "y", "z"]
    assert isinstance(value, JSArray)
    assert value.positions == [js.at(CONFIG, 2, 17), js.at(CONFIG, 1, 12), js.at(CONFIG, 1, 17), js.at(CONFIG, 2, 28)]


def test_array_spread_of_unknown_is_an_unknown_element(js: Files) -> None:
    value = js.default("['w', ...more()]")
    assert value == ["w", Unknown("the spread `...more()` is what more(…) returns", js.at(CONFIG, 1, 22))]


# --- TypeScript -------------------------------------------------------------------------------------


def test_typescript_wrappers(js: Files) -> None:
    source = (
        "import type { AstroUserConfig } from 'astro';\n"
        "interface Extra { a: string }\n"
        "type T = string;\n"
        "const locales: Record<string, { label: string }> = { root: { label: 'English' } } as const;\n"
        "const base = <string>'/b';\n"
        "const site = ('https://x.org' as string)!;\n"
        "export default { locales, base, site, n: 1 satisfies number } satisfies AstroUserConfig;\n"
    )
    module = js.load("astro.config.ts", source)
    assert module.problems == []
    assert module.default == {"locales": {"root": {"label": "English"}}, "base": "/b", "site": "https://x.org", "n": 1}


def test_typescript_enum_is_an_object(js: Files) -> None:
    module = js.load(
        "content.config.ts", "export enum Level { Easy = 'easy', Hard = 'hard' }\nexport enum N { A, B = 5, C }\n"
    )
    assert module.exports == {"Level": {"Easy": "easy", "Hard": "hard"}, "N": {"A": 0, "B": 5, "C": 6}}


def test_js_file_with_typescript_syntax_is_read_as_typescript(js: Files) -> None:
    module = js.load(CONFIG, "const base: string = '/b';\nexport default { base } satisfies object;\n")
    assert module.problems == []
    assert module.default == {"base": "/b"}


# --- bindings and exports ---------------------------------------------------------------------------


def test_define_config_call(js: Files) -> None:
    source = "import { defineConfig } from 'astro/config';\nexport default defineConfig({ base: '/b' });\n"
    value = js.load(CONFIG, source).default
    assert value == Call(
        ImportRef("astro/config", "defineConfig", js.at(CONFIG, 1, 10), "defineConfig"),
        ({"base": "/b"},),
        js.at(CONFIG, 2, 16),
    )
    assert value.name == "defineConfig"


def test_config_in_a_const_exported_later(js: Files) -> None:
    source = "const config = defineConfig({ site });\nexport default config;\nconst site = 'https://x.org';\n"
    value = js.load(CONFIG, source).default
    assert value == Call(
        Global("defineConfig", js.at(CONFIG, 1, 16)), ({"site": "https://x.org"},), js.at(CONFIG, 1, 16)
    )


def test_commonjs_exports(js: Files) -> None:
    module = js.load("astro.config.cjs", "module.exports = { base: '/b' };\nexports.extra = 1;\n")
    assert module.default == {"base": "/b"}
    assert module.exports == {"extra": 1}


def test_named_exports_and_binding(js: Files) -> None:
    source = (
        "export const a = 1, b = [a];\n"
        "const hidden = 'h';\n"
        "function helper(x) { return x; }\n"
        "export { hidden as shown, helper };\n"
    )
    module = js.load("x.mjs", source)
    assert module.exports["a"] == 1 and module.exports["b"] == [1] and module.exports["shown"] == "h"
    assert isinstance(module.exports["helper"], JSFunction)
    assert module.binding("hidden") == "h"
    assert module.binding("nope") == Unknown("the file declares no top-level nope", js.at("x.mjs", 1, 1))
    assert module.default == Unknown("the file has no default export", js.at("x.mjs", 1, 1))


def test_destructuring(js: Files) -> None:
    source = (
        "const obj = { a: 1, b: { c: 2 }, d: 3 };\n"
        "const { a, b: { c }, e = 'dflt', ...rest } = obj;\n"
        "const [first, , third = 't', ...others] = ['f', 's', undefined, 'x'];\n"
        "export default [a, c, e, rest, first, third, others];\n"
    )
    assert js.load(CONFIG, source).default == [1, 2, "dflt", {"d": 3}, "f", "t", ["x"]]


def test_a_binding_changed_later_is_unknown(js: Files) -> None:
    source = "const plugins = [];\nif (x) {\n  plugins.push(a());\n}\nexport default { plugins };\n"
    value = js.load(CONFIG, source).default
    assert value["plugins"] == Unknown("plugins is changed at line 3 (`plugins.push(a())`)", js.at(CONFIG, 5, 18))


def test_a_change_only_astro_dev_makes_is_not_one_the_build_sees(js: Files) -> None:
    source = (
        "const sidebar = ['a'];\n"
        "if (import.meta.env.DEV) {\n  sidebar.push('dummy');\n}\n"
        "if (!import.meta.env.PROD) sidebar.push('more');\n"
        "const plugins = [];\nif (import.meta.env.DEV) {} else { plugins.push('built'); }\n"
        "export default { sidebar, plugins };\n"
    )
    value = js.load(CONFIG, source).default
    assert value["sidebar"] == ["a"]
    assert value["plugins"] == Unknown("plugins is changed at line 7 (`plugins.push('built')`)", js.at(CONFIG, 8, 27))


def test_self_reference_is_unknown(js: Files) -> None:
    value = js.default("a", before="const a = { self: a };\n")
    assert value == {"self": Unknown("a refers to itself", js.at(CONFIG, 1, 19))}


# --- members and calls ------------------------------------------------------------------------------


def test_member_access_on_known_values(js: Files) -> None:
    before = "const o = { a: { b: 'x' } };\nconst arr = ['p', 'q'];\n"
    assert js.default("[o.a.b, o['a'].b, arr[1], arr.length, o.missing, 'abc'.length]", before=before) == [
        "x",
        "x",
        "q",
        2,
        UNDEFINED,
        3,
    ]


def test_member_access_on_symbolic_values(js: Files) -> None:
    value = js.load(
        "content.config.ts", "import { z } from 'astro:content';\nexport default z.object({}).optional();\n"
    ).default
    z = ImportRef("astro:content", "z", js.at("content.config.ts", 1, 10), "z")
    inner = Call(Member(z, "object", js.at("content.config.ts", 2, 18)), ({},), js.at("content.config.ts", 2, 16))
    assert value == Call(
        Member(inner, "optional", js.at("content.config.ts", 2, 29)), (), js.at("content.config.ts", 2, 16)
    )
    assert value.name == "z.object().optional"


def test_object_builtins_fold(js: Files) -> None:
    before = "const langs = ['en', 'de'];\nconst o = { a: 1, b: 2 };\n"
    value = js.default(
        "[Object.fromEntries(langs.map((l) => [l, { label: l.toUpperCase() }])), Object.keys(o), Object.values(o),"
        " Object.entries(o), Object.assign({}, o, { c: 3 }), JSON.parse('{\"k\": [1]}'), Object.freeze(['f'])]",
        before=before,
    )
    assert value == [
        {"en": {"label": "EN"}, "de": {"label": "DE"}},
        ["a", "b"],
        [1, 2],
        [["a", 1], ["b", 2]],
        {"a": 1, "b": 2, "c": 3},
        {"k": [1]},
        ["f"],
    ]
    assert value[0].key_positions["de"] == js.at(CONFIG, 3, 54)  # the `l` of `[l, {...}]`


def test_array_builtins_fold(js: Files) -> None:
    before = "const xs = ['a', 'b', 'c'];\n"
    value = js.default("[xs.filter((x) => x !== 'b'), xs.concat(['d']), xs.join('/'), xs.includes('c')]", before=before)
    assert value == [["a", "c"], ["a", "b", "c", "d"], "a/b/c", True]


def test_same_file_function_call_folds(js: Files) -> None:
    before = "function item(slug, label = slug.toUpperCase()) {\n  const prefix = 'guides/';\n  return { slug: prefix + slug, label };\n}\n"
    assert js.default("[item('a'), item('b', 'Bee')]", before=before) == [
        {"slug": "guides/a", "label": "A"},
        {"slug": "guides/b", "label": "Bee"},
    ]


def test_run_time_paths_and_urls_are_unknown(js: Files) -> None:
    before = "import path from 'node:path';\nimport { fileURLToPath } from 'node:url';\n"
    value = js.default(
        "[path.join('a', 'b'), fileURLToPath(new URL('./src', import.meta.url)), new URL('og.jpg', 'https://x.org').href]",
        before=before,
    )
    assert value == [
        Unknown("`path.join('a', 'b')` computes a file path at run time", js.at(CONFIG, 3, 17)),
        Unknown("`fileURLToPath(new URL('./src', import.m…` computes a file path at run time", js.at(CONFIG, 3, 38)),
        Unknown("`new URL('og.jpg', 'https://x.org')` builds a URL at run time", js.at(CONFIG, 3, 88)),
    ]


def test_other_calls_stay_symbolic(js: Files) -> None:
    value = js.default("starlight({ title: 'T' }, ...[1, 2])")
    assert value == Call(Global("starlight", js.at(CONFIG, 1, 16)), ({"title": "T"}, 1, 2), js.at(CONFIG, 1, 16))


# --- environment, fallbacks, conditions -------------------------------------------------------------


def test_environment_variables(js: Files) -> None:
    value = js.default("[process.env.BASE, import.meta.env.PUBLIC_SITE, process.env['X']]")
    assert value == [
        Unknown("reads the environment variable BASE", js.at(CONFIG, 1, 17)),
        Unknown("reads the environment variable PUBLIC_SITE", js.at(CONFIG, 1, 35)),
        Unknown("reads the environment variable X", js.at(CONFIG, 1, 64)),
    ]


def test_or_and_nullish_fallbacks(js: Files) -> None:
    value = js.default("[process.env.B || '/x', process.env.B ?? '/y', '' || 'z', 0 ?? 'n', null ?? 'm', 'a' || 'b']")
    assert value[0] == Unknown("reads the environment variable B", js.at(CONFIG, 1, 17))
    assert (value[0].fallback, value[1].fallback) == ("/x", "/y")
    assert value[2:] == ["z", 0, "m", "a"]


def test_and_with_unknown_left_has_no_fallback(js: Files) -> None:
    value = js.default("[process.env.X && 'y', true && 'y', 0 && 'y']")
    assert value[0] == Unknown("reads the environment variable X", js.at(CONFIG, 1, 17))
    assert not value[0].has_fallback
    assert value[1:] == ["y", 0]


def test_ternary_with_unknown_test_falls_back_to_the_else_branch(js: Files) -> None:
    value = js.default("isDev ? '/' : '/docs/'")
    assert value == Unknown(
        "chooses `'/'` or `'/docs/'` by `isDev`, which cannot be read statically", js.at(CONFIG, 1, 16)
    )
    assert value.fallback == "/docs/"


def test_ternary_on_production_takes_the_production_branch(js: Files) -> None:
    value = js.default("process.env.NODE_ENV === 'production' ? '/prod/' : '/'")
    assert value.reason == (
        "chooses `'/prod/'` or `'/'` by `process.env.NODE_ENV === 'production'`, "
        "which reads the environment variable NODE_ENV"
    )
    assert value.fallback == "/prod/"
    assert js.default("process.env.CONTEXT !== 'production' ? 'preview' : 'live'").fallback == "live"


def test_production_test_chains_through_and_or(js: Files) -> None:
    before = "const PREVIEW = process.env.CONTEXT !== 'production' && process.env.URL;\n"
    value = js.default("PREVIEW || 'https://x.org/'", before=before)
    assert value == Unknown("reads the environment variable CONTEXT", js.at(CONFIG, 2, 16))
    assert value.fallback == "https://x.org/"


def test_known_ternary_takes_its_branch(js: Files) -> None:
    assert js.default("1 > 2 ? 'a' : 'b'") == "b"


def test_fallback_flows_through_concatenation(js: Files) -> None:
    value = js.default("base + '/x'", before="const base = process.env.BASE || '/docs';\n")
    assert value.fallback == "/docs/x"


# --- what is not read -------------------------------------------------------------------------------


def test_unsupported_constructs_are_unknown_with_a_reason(js: Files) -> None:
    source = "export default [await load(), class A {}, this, (a, b), x = 1, i++];\n"
    value = js.load(CONFIG, source).default
    assert value == [
        Unknown("`await load()` waits for a promise (await)", js.at(CONFIG, 1, 17)),
        Unknown("`class A {}` is a class", js.at(CONFIG, 1, 31)),
        Unknown("`this` reads `this`", js.at(CONFIG, 1, 43)),
        Unknown("`a, b` is a comma sequence", js.at(CONFIG, 1, 50)),
        Unknown("`x = 1` is an assignment", js.at(CONFIG, 1, 57)),
        Unknown("`i++` changes a variable (++/--)", js.at(CONFIG, 1, 64)),
    ]


def test_function_returns(js: Files) -> None:
    source = (
        "import { z } from 'astro:content';\n"
        "export const a = ({ image }) => z.object({ cover: image() });\n"
        "export const b = function (ctx) { const s = z.string(); return { s, ctx }; };\n"
        "export const c = () => { if (x) return 1; return 2; };\n"
        "export const d = async () => 1;\n"
    )
    module = js.load("content.config.ts", source)
    a, b, c, d = (module.exports[name] for name in "abcd")
    assert a.params == ("image",)
    image = Param("image", js.at("content.config.ts", 2, 21))
    cover = a.returns().args[0]["cover"]
    assert cover == Call(image, (), js.at("content.config.ts", 2, 51))
    assert b.returns()["ctx"] == Param("ctx", js.at("content.config.ts", 3, 28))
    assert b.returns()["s"].name == "z.string"
    assert c.returns() == Unknown(
        "the function runs an if statement at line 4 before it returns", js.at("content.config.ts", 4, 18)
    )
    assert d.returns() == Unknown("the function is async: it returns a promise", js.at("content.config.ts", 5, 18))


def test_default_export_forms(js: Files) -> None:
    assert js.load("a.ts", "const x = { a: 1 };\nexport = x;\n").default == {"a": 1}
    assert js.load("b.mjs", "const x = 1;\nexport { x as default };\n").default == 1
    assert js.load("c.mjs", "export default function config() { return { a: 1 }; }\n").default.returns() == {"a": 1}
    assert js.load("d.mjs", "export default class A {}\n").default == Unknown("A is a class", js.at("d.mjs", 1, 16))


def test_tsx_grammar(js: Files) -> None:
    module = js.load("x.tsx", "const el = <div a='1'>x</div>;\nexport default { n: 1 as number, el };\n")
    assert module.problems == []
    assert module.default == {"n": 1, "el": Unknown("`<div a='1'>x</div>` is a JSX element", js.at("x.tsx", 1, 12))}


def test_reasons_name_the_function_and_keep_the_inner_reason(js: Files) -> None:
    before = "function routes(from) {\n  const r = {};\n  r[from] = 1;\n  return r;\n}\n"
    value = js.default("{ ...routes('/a'), ...process.env.X }", before=before)
    assert value.unknown == [
        Unknown("routes() runs an expression statement at line 3 before it returns", js.at(CONFIG, 6, 18)),
        Unknown("reads the environment variable X", js.at(CONFIG, 6, 35)),
    ]


def test_every_kind_of_change_is_noticed_and_only_changes(js: Files) -> None:
    source = (
        "const a = 1, b = [], c = {}, d = {}, e = 0, f = {}, g = 0, h = 'kept', i = 'kept too';\n"
        "[a] = [2];\n"
        "b.push(1);\n"
        "c.x.y = 2;\n"
        "delete d.k;\n"
        "e++;\n"
        "Object.assign(f, { k: 1 });\n"
        "for (g of [1]) {}\n"
        "for (const h of [1]) {}\n"
        "const text = 'i = 2; i.push(3)';\n"
        "export default [a, b, c, d, e, f, g, h, i];\n"
    )
    value = js.load(CONFIG, source).default
    lines = [item.reason.split(" (")[0] if isinstance(item, Unknown) else item for item in value]
    assert lines == [
        "a is changed at line 2",
        "b is changed at line 3",
        "c is changed at line 4",
        "d is changed at line 5",
        "e is changed at line 6",
        "f is changed at line 7",
        "g is changed at line 8",
        "kept",
        "kept too",
    ]


def test_typeof_and_unreadable_unary(js: Files) -> None:
    assert js.default("[typeof 'a', typeof 1, typeof {}, typeof null, typeof (() => 1), typeof undefined]") == [
        "string",
        "number",
        "object",
        "object",
        "function",
        "undefined",
    ]
    assert js.default("-x") == Unknown("`-x` is x, which cannot be read statically", js.at(CONFIG, 1, 16))


def test_build_mode_test_on_a_parameter(js: Files) -> None:
    config = js.default("defineConfig(({ mode }) => ({ base: mode === 'production' ? '/x/' : '/' }))")
    base = config.args[0].returns()["base"]
    assert base.reason == "chooses `'/x/'` or `'/'` by `mode === 'production'`, which depends on the build mode"
    assert base.fallback == "/x/"


def test_a_call_whose_body_cannot_be_read_is_unknown_where_it_is_called(js: Files) -> None:
    module = js.load(CONFIG, "function scan() {\n  for (const x of []) {}\n  return 1;\n}\nconst dates = scan();\n")
    assert module.binding("dates") == Unknown("scan() runs a loop at line 2 before it returns", js.at(CONFIG, 5, 15))


def test_an_unreadable_spread_leaves_a_gap(js: Files) -> None:
    before = "const xs = ['a', ...load(), 'b'];\nconst [first, ...rest] = xs;\n"
    value = js.default("[xs[0], xs[2], xs.length, first, rest, { ...xs }, xs.map((x) => x)[0]]", before=before)
    gap = "a spread that cannot be read (the spread `...load()` is what load(…) returns)"
    assert value[0] == "a" and value[3] == "a"
    assert value[1].reason == f"the array's 2 depends on {gap}"
    assert value[2].reason == f"the array's length depends on {gap}"
    assert value[4].gap == 0
    assert value[5] == {"0": "a"} and value[5].unknown == [Unknown(gap, js.at(CONFIG, 3, 57))]
    assert value[6] == "a"


def test_changes_are_found_past_the_first_names_too(js: Files) -> None:
    names = [f"n{index}" for index in range(60)]
    source = "".join(f"const {name} = {index};\n" for index, name in enumerate(names)) + "n59 += 1;\n"
    value = js.default(f"[{', '.join(names)}]", before=source)
    assert value[:59] == list(range(59))
    assert value[59].reason == "n59 is changed at line 61 (`n59 += 1`)"


def test_fallback_after_a_call_names_the_call(js: Files) -> None:
    before = "import { loadEnv } from 'vite';\nconst { BASE } = loadEnv('production', '.', '');\n"
    value = js.default("BASE || '/docs/'", before=before)
    assert value == Unknown("depends on loadEnv().BASE, which cannot be read statically", js.at(CONFIG, 3, 16))
    assert value.fallback == "/docs/"
