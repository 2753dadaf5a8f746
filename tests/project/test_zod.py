"""zod → JSON Schema, on values built the way the JS reader builds them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from zod_values import arr, coerce, m, obj, z

from eduforge.project.values import Call, ImportRef, JSFunction, Member, Param, Position, Regex, Unknown
from eduforge.project.zod import Translator, Z, fields_of, schema_of
from eduforge.validation import compile_schema, validate

AT = Position(Path("src/content.config.ts"), 7, 12)


def translate(value: Any) -> tuple[Z, Translator]:
    translator = Translator()
    return translator.node(value), translator


def errors(value: Any, data: dict[str, Any]) -> list[str]:
    node, _ = translate(value)
    return [e.message for e in validate(compile_schema(schema_of(node), Path.cwd()), data)]


LEVEL = z("object", obj(level=z("enum", arr("pemula", "menengah", "mahir"))))


def test_enum_lists_its_values() -> None:
    assert errors(LEVEL, {"level": "ahli"}) == [
        'level must be one of "pemula", "menengah", "mahir"; got the text "ahli"; did you mean "mahir"?'
    ]
    assert errors(LEVEL, {"level": "mahir"}) == []


def test_a_required_field_is_named() -> None:
    assert errors(LEVEL, {}) == ['the frontmatter is missing the required key "level"']


def test_number_not_text() -> None:
    duration = z("object", obj(duration=m(z("number"), "positive")))
    assert errors(duration, {"duration": "30"}) == [
        'duration must be a number, not the text "30"; remove the quotes so YAML reads it as a number'
    ]
    assert errors(duration, {"duration": 0}) == ["duration must be more than 0; got the number 0"]


def test_ya_and_tidak_are_text() -> None:
    quiz = z("object", obj(quiz=z("boolean")))
    assert errors(quiz, {"quiz": "ya"}) == [
        'quiz must be true or false, not the text "ya"; write true (unquoted: YAML 1.2 reads ya as text)'
    ]
    assert errors(quiz, {"quiz": "tidak"})[0].endswith("write false (unquoted: YAML 1.2 reads tidak as text)")


@pytest.mark.parametrize(
    ("value", "good", "bad"),
    [
        (m(z("string"), "optional"), [{}, {"x": "a"}], [{"x": None}, {"x": 1}]),
        (m(z("string"), "nullable"), [{"x": None}], [{}]),
        (m(z("string"), "nullish"), [{}, {"x": None}], [{"x": 2}]),
        (m(z("number"), "default", 3), [{}], [{"x": None}]),
        (m(z("number"), "catch", 3), [{}, {"x": "no"}], []),
        (z("any"), [{"x": None}], [{}]),
        (m(m(z("string"), "min", 2), "max", 3), [{"x": "ab"}], [{"x": "a"}, {"x": "abcd"}]),
        (m(z("string"), "length", 2), [{"x": "ab"}], [{"x": "abc"}]),
        (m(z("string"), "url"), [{"x": "https://x.id/a"}, {"x": "mailto:a@b.c"}], [{"x": "/relative"}]),
        (m(z("string"), "email"), [{"x": "a@b.co"}], [{"x": "a@b"}]),
        (m(z("string"), "startsWith", "a.b"), [{"x": "a.bc"}], [{"x": "axb"}]),
        (m(z("string"), "endsWith", "?"), [{"x": "why?"}], [{"x": "why"}]),
        (m(z("number"), "int"), [{"x": 3}], [{"x": 3.5}, {"x": 1e20}]),
        (m(z("number"), "nonnegative"), [{"x": 0}], [{"x": -1}]),
        (z("date"), [{"x": dt.date(2024, 1, 2)}], [{"x": "2024-01-02"}]),
        (z("literal", "a"), [{"x": "a"}], [{"x": "b"}]),
        (z("nativeEnum", obj(A="a", B="b")), [{"x": "b"}], [{"x": "A"}]),
        (m(z("string"), "array"), [{"x": ["a"]}], [{"x": "a"}, {"x": [1]}]),
        (m(z("array", z("string")), "nonempty"), [{"x": ["a"]}], [{"x": []}]),
        (
            z("tuple", arr(z("string"), m(z("number"), "optional"))),
            [{"x": ["a"]}, {"x": ["a", 1]}],
            [{"x": ["a", 1, 2]}],
        ),
        (z("union", arr(z("string"), z("number"))), [{"x": "a"}, {"x": 1}], [{"x": True}]),
        (z("record", z("string"), z("number")), [{"x": {"a": 1}}], [{"x": {"a": "b"}}, {"x": dt.date(2024, 1, 1)}]),
        (z("record", z("enum", arr("a", "b")), z("number")), [{"x": {"a": 1, "b": 2}}], [{"x": {"a": 1}}]),
        (coerce("number"), [{"x": "30"}, {"x": 3}, {"x": True}, {"x": ""}], [{"x": "abc"}, {"x": {}}, {}]),
        (coerce("boolean"), [{"x": "no"}], [{}]),
    ],
)
def test_constructs(value: Any, good: list[dict[str, Any]], bad: list[dict[str, Any]]) -> None:
    schema = z("object", obj(x=value))
    for data in good:
        assert errors(schema, data) == [], data
    for data in bad:
        assert errors(schema, data) != [], data


def test_object_chains() -> None:
    base = z("object", obj(a=z("string"), b=z("number")))
    assert errors(m(base, "partial"), {}) == []
    assert errors(m(base, "pick", obj(a=True)), {"a": "x"}) == []
    assert errors(m(base, "omit", obj(a=True)), {"b": 1}) == []
    assert errors(m(base, "extend", obj(c=z("boolean"))), {"a": "x", "b": 1, "c": "x"}) != []
    assert errors(m(base, "merge", z("object", obj(a=z("number")))), {"a": 1, "b": 1}) == []
    strict = z("object", obj(o=m(z("object", obj(a=z("string"))), "strict")))
    assert errors(strict, {"o": {"a": "x", "b": 1}}) == ['unknown key "b" in o; allowed: a']
    assert errors(m(base, "passthrough"), {"a": "x", "b": 1, "c": 1}) == []


def test_an_object_with_no_required_key_accepts_a_date_as_zod_does() -> None:
    schema = z("object", obj(o=z("object", obj(a=m(z("string"), "optional")))))
    assert errors(schema, {"o": dt.date(2024, 1, 1)}) == []


def test_refine_keeps_the_checks_before_it_and_notes_the_rest() -> None:
    refined = z("object", obj(level=m(z("string"), "refine", Unknown("a function"), at=AT)))
    _, translator = translate(refined)
    assert [str(n) for n in translator.notes] == [
        "field level is not fully checked: .refine() runs code eduforge does not run;"
        " only the checks before it apply (src/content.config.ts:7)"
    ]
    assert errors(refined, {"level": 3}) == ["level must be text, not the number 3"]


def test_what_cannot_be_read_accepts_anything() -> None:
    schema = z("object", obj(a=z("custom"), b=Unknown("reads a variable", AT), c=ImportRef("./x", "shared")))
    node, translator = translate(schema)
    assert errors(schema, {}) == []
    assert errors(schema, {"a": 1, "b": [], "c": None}) == []
    assert [n.field for n in translator.notes] == ["a", "b", "c"]
    assert str(translator.notes[1]) == (
        "field b is not fully checked: its schema cannot be read statically: reads a variable (src/content.config.ts:7)"
    )
    assert fields_of(node) == frozenset({"a", "b", "c"})


def test_context_image_is_a_string() -> None:
    cover = z("object", obj(cover=Call(Member(Param("context"), "image"), ()), icon=Call(Param("image"), ())))
    assert errors(cover, {"cover": "./a.png", "icon": "./b.svg"}) == []
    assert errors(cover, {"cover": 3, "icon": "x"}) == ["cover must be text, not the number 3"]


def test_reference_is_a_string() -> None:
    reference = Call(ImportRef("astro:content", "reference"), ("docs",))
    assert errors(z("object", obj(next=reference)), {"next": "guides/intro"}) == []


def test_shape_access_and_functions() -> None:
    base = z("object", obj(a=z("number")))
    shaped = z("object", obj(copy=Member(Member(base, "shape"), "a")))
    assert errors(shaped, {"copy": "x"}) != []
    fn = JSFunction(("ctx",), None, lambda: base)
    assert errors(Call(fn, ()), {"a": 1}) == []


def test_checks_after_trim_are_not_kept() -> None:
    schema = z("object", obj(x=m(m(m(z("string"), "min", 1), "trim"), "max", 3)))
    _, translator = translate(schema)
    assert errors(schema, {"x": " abc "}) == []  # zod trims before .max(3): valid
    assert errors(schema, {"x": ""}) == ["x must not be empty"]  # .min(1) ran before .trim()
    assert [n.why for n in translator.notes] == [
        "its .max() check applies to rewritten text (.trim() and the like): not checked"
    ]


def test_regex_literals_as_the_reader_gives_them() -> None:
    schema = z("object", obj(v=m(z("string"), "regex", Regex("^v(?<major>\\d+)$", "i"))))
    assert errors(schema, {"v": "V12"}) == []
    assert errors(schema, {"v": "x"}) == ['v must be text matching /^v(?<major>\\d+)$/i; got the text "x"']


def test_string_formats_are_text() -> None:
    schema = z("object", obj(id=z("uuidv4")))
    _, translator = translate(schema)
    assert errors(schema, {"id": "not-a-uuid"}) == []
    assert errors(schema, {"id": 4}) == ["id must be text, not the number 4"]
    assert [n.why for n in translator.notes] == ["its format (z.uuidv4()) is not checked, only that it is text"]
