"""The static evaluation of JavaScript/TypeScript expressions into :mod:`eduforge.project.values`.

Nothing is executed.  Literals fold to Python values, object and array literals to JSObject/JSArray,
names to what the file binds them to (lazily, so order of declaration does not matter), and all the
rest stays symbolic (Call, Member, ImportRef, Global) or becomes an :class:`Unknown` saying why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from eduforge.project import jsbuiltins
from eduforge.project.jsarrays import extend, gap_reason
from eduforge.project.jsbind import (
    MAX_DEPTH,
    MAX_STEPS,
    SYNTAX_ERROR,
    Binding,
    Declarations,
    Host,
    Scope,
    broken,
    explain,
    named,
    short,
    why,
)
from eduforge.project.jsops import MAX_ITEMS, MAX_TEXT, binary, js_string, logical, member, truth, typeof
from eduforge.project.jssyntax import Changes, Node, Source, number_value, string_value, unescape
from eduforge.project.values import (
    UNDEFINED,
    Call,
    Global,
    JSArray,
    JSFunction,
    JSObject,
    Position,
    Regex,
    Unknown,
)

_WRAPPERS = frozenset(
    {"parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression", "type_assertion"}
)
_UNSUPPORTED = {
    "await_expression": "waits for a promise (await)",
    "class": "is a class",
    "jsx_element": "is a JSX element",
    "jsx_self_closing_element": "is a JSX element",
    "assignment_expression": "is an assignment",
    "augmented_assignment_expression": "is an assignment",
    "update_expression": "changes a variable (++/--)",
    "yield_expression": "is a yield",
    "sequence_expression": "is a comma sequence",
    "this": "reads `this`",
    "super": "reads `super`",
    "generator_function": "is a generator function",
    "import": "is a dynamic import()",
}


class Evaluator(Declarations):
    """Evaluates the expressions of one parsed file; ``scope`` holds its top-level names."""

    def __init__(self, source: Source, host: Host) -> None:
        self.source = source
        self.host = host
        self.scope = Scope()
        self.changes = Changes(source)

    def position(self, node: Node) -> Position:
        return self.source.position(node)

    def text(self, node: Node) -> str:
        return self.source.text(node)

    def snippet(self, node: Node, limit: int = 40) -> str:
        """The code of ``node`` for a message, whitespace collapsed, at most ``limit`` characters (read no further)."""
        end = min(node.end_byte, node.start_byte + 8 * limit)
        return short(self.source.slice(node.start_byte, end), limit, cut=end < node.end_byte)

    # --- expressions -------------------------------------------------------------------------------

    def eval(self, node: Node | None, scope: Scope, cost: int = 1) -> Any:
        """The value of an expression node; never raises for any input tree."""
        if node is None:
            return UNDEFINED
        if broken(node):
            return Unknown(SYNTAX_ERROR, self.position(node))
        host = self.host
        host.steps += 1
        if host.steps > MAX_STEPS:
            return host.stop(self, node)
        host.depth += cost
        try:
            if host.depth > MAX_DEPTH:
                return Unknown(f"the expression is nested more than {MAX_DEPTH} levels deep", self.position(node))
            handler = _HANDLERS.get(node.type)
            if handler is not None:
                return handler(self, node, scope)
            reason = _UNSUPPORTED.get(node.type, f"is a {node.type.replace('_', ' ')}")
            return Unknown(f"`{self.snippet(node)}` {reason}", self.position(node))
        finally:
            host.depth -= cost

    def _wrapped(self, node: Node, scope: Scope) -> Any:
        """``(x)``, ``x as T``, ``x satisfies T``, ``x!``: the value of ``x`` (the first child); ``<T>x``: the last."""
        inner = list(named(node))
        if not inner:
            return Unknown(SYNTAX_ERROR, self.position(node))
        return self.eval(inner[-1] if node.type == "type_assertion" else inner[0], scope, cost=0)

    def _string(self, node: Node, scope: Scope) -> Any:
        return string_value(self.source, node)

    def _number(self, node: Node, scope: Scope) -> Any:
        value = number_value(self.text(node))
        if value is None:
            return Unknown(
                f"the number {self.text(node)} is written in a form eduforge does not read", self.position(node)
            )
        return value

    def _template(self, node: Node, scope: Scope) -> Any:
        """A template literal: a str when every ``${}`` is known, else an Unknown (with a fallback when it has one)."""
        parts: list[str] = []  # the text, with each Unknown's fallback in its place
        unknown: Unknown | None = None
        complete = True  # every Unknown has a fallback
        at = node.start_byte + 1
        for child in node.children:
            if child.type != "template_substitution":
                continue  # literal text is read from the bytes between substitutions, escapes and all
            parts.append(unescape(self.source.slice(at, child.start_byte)))
            at = child.end_byte
            inner = list(named(child))
            value = self.eval(inner[0] if inner else None, scope)
            text = js_string(value)
            if text is None:
                unknown = unknown or Unknown(explain(value, f"`{self.snippet(child)}`", "string"))
                text = js_string(value.fallback) if isinstance(value, Unknown) and value.has_fallback else None
                complete = complete and text is not None
            parts.append(text or "")
        parts.append(unescape(self.source.slice(at, max(at, node.end_byte - 1))))
        if sum(map(len, parts)) > MAX_TEXT:
            return Unknown(f"the template makes a text longer than {MAX_TEXT:,} characters", self.position(node))
        if unknown is None:
            return "".join(parts)
        if not complete:
            return Unknown(unknown.reason, self.position(node))
        return Unknown(unknown.reason, self.position(node), fallback="".join(parts))

    def _regex(self, node: Node, scope: Scope) -> Any:
        pattern = node.child_by_field_name("pattern")
        flags = node.child_by_field_name("flags")
        return Regex(self.text(pattern) if pattern else "", self.text(flags) if flags else "", self.position(node))

    def _identifier(self, node: Node, scope: Scope) -> Any:
        name = self.text(node)
        binding = scope.lookup(name)
        if binding is None:
            return _GLOBAL_CONSTANTS.get(name, Global(name, self.position(node)))
        return self.name_value(name, binding, self.position(node))

    def name_value(self, name: str, binding: Binding, position: Position) -> Any:
        """A bound name's value, unless the file changes it after declaring it."""
        changed = self.changes.first(name)
        if changed is not None:
            line = changed.start_point[0] + 1
            return Unknown(f"{name} is changed at line {line} (`{self.snippet(changed)}`)", position)
        self.host.depth += 1
        try:
            return binding.value(position)
        finally:
            self.host.depth -= 1

    def _object(self, node: Node, scope: Scope) -> Any:
        result = JSObject(self.position(node))
        for child in named(node):
            kind = child.type
            if kind == "pair":
                key = self._key(child.child_by_field_name("key"), scope)
                value_node = child.child_by_field_name("value")
                if isinstance(key, Unknown):
                    result.unknown.append(key)
                    continue
                value = Unknown(SYNTAX_ERROR, self.position(child)) if broken(child) else self.eval(value_node, scope)
                self._set(result, key, value, child, value_node, self._origin(value_node, scope))
            elif kind == "shorthand_property_identifier":
                origin = self._origin(child, scope)
                self._set(result, self.text(child), self._identifier(child, scope), child, child, origin)
            elif kind == "method_definition":
                key = self._key(child.child_by_field_name("name"), scope)
                if isinstance(key, Unknown):
                    result.unknown.append(key)
                    continue
                self._set(result, key, self._method(child, scope), child, child)
            elif kind == "spread_element":
                self._spread_into(result, child, scope)
            else:
                entry = self.eval(child, scope)
                if not isinstance(entry, Unknown):
                    entry = Unknown(f"`{self.snippet(child)}` is not an object entry", self.position(child))
                result.unknown.append(entry)
        return result

    def _set(
        self,
        result: JSObject,
        key: str,
        value: Any,
        key_node: Node,
        value_node: Node | None,
        origin: Position | None = None,
    ) -> None:
        result[key] = value
        result.key_positions[key] = self.position(key_node)
        result.value_positions[key] = origin or self.position(value_node or key_node)

    def _origin(self, node: Node | None, scope: Scope) -> Position | None:
        """For a value that is a parameter's name (``({ label, link })`` in a helper): where the call
        wrote the argument, so a problem with it points at the call, not at the helper."""
        if node is None or node.type not in ("identifier", "shorthand_property_identifier"):
            return None
        binding = scope.lookup(self.text(node))
        return binding.origin if binding is not None else None

    def _key(self, node: Node | None, scope: Scope) -> str | Unknown:
        if node is None:
            return Unknown(SYNTAX_ERROR)
        if node.type in ("property_identifier", "identifier", "private_property_identifier"):
            return self.text(node)
        if node.type == "computed_property_name":
            inner = list(named(node))
            value = self.eval(inner[0] if inner else None, scope)
        else:
            value = self.eval(node, scope)
        key = js_string(value) if isinstance(value, str | int | float) and not isinstance(value, bool) else None
        if key is None:
            return Unknown(explain(value, f"the computed key `{self.snippet(node)}`", "string"), self.position(node))
        return key

    def _spread_into(self, result: JSObject, node: Node, scope: Scope) -> None:
        inner = list(named(node))
        value = self.eval(inner[0] if inner else None, scope)
        if isinstance(value, JSObject):
            for key, item in value.items():
                result[key] = item  # a key set before keeps its place, as in JavaScript
                if key in value.key_positions:
                    result.key_positions[key] = value.key_positions[key]
                    result.value_positions[key] = value.value_positions[key]
            result.unknown.extend(value.unknown)
        elif isinstance(value, JSArray):
            for index, item in enumerate(value[: value.gap]):
                result[str(index)] = item
            if value.gap is not None:
                result.unknown.append(Unknown(gap_reason(value), self.position(node)))
        elif value is None or value is UNDEFINED or isinstance(value, bool | int | float):
            return
        else:
            result.unknown.append(
                Unknown(explain(value, f"the spread `{self.snippet(node)}`", "object"), self.position(node))
            )

    def _array(self, node: Node, scope: Scope) -> Any:
        result = JSArray(self.position(node))
        for child in named(node):
            if child.type != "spread_element":
                result.append(self.eval(child, scope))
                result.positions.append(self.position(child))
                continue
            inner = list(named(child))
            value = self.eval(inner[0] if inner else None, scope)
            if isinstance(value, JSArray) and len(result) + len(value) > MAX_ITEMS:
                return Unknown(f"the array gets more than {MAX_ITEMS:,} elements", self.position(node))
            if isinstance(value, JSArray):
                extend(result, value)
            else:
                if result.gap is None:
                    result.gap = len(result)
                result.append(
                    Unknown(
                        explain(value, f"the spread `{self.snippet(child)}`", "array"),
                        self.position(child),
                        spread=value,
                    )
                )
                result.positions.append(self.position(child))
        return result

    def _member_expression(self, node: Node, scope: Scope) -> Any:
        obj_node = node.child_by_field_name("object")
        obj = self.eval(obj_node, scope)
        prop = node.child_by_field_name("property")
        if prop is None:
            return Unknown(SYNTAX_ERROR, self.position(node))
        if prop.type == "private_property_identifier":
            return Unknown(f"`{self.snippet(node)}` reads a private field", self.position(node))
        optional = node.child_by_field_name("optional_chain") is not None
        if optional and (obj is None or obj is UNDEFINED):
            return UNDEFINED
        value = member(obj, self.text(prop), self.position(prop))
        if isinstance(value, Unknown) and obj_node is not None:
            return Unknown(value.reason, self.position(node))  # `process.env.X` is unknown from `process` on
        return value

    def _subscript(self, node: Node, scope: Scope) -> Any:
        obj = self.eval(node.child_by_field_name("object"), scope)
        index = self.eval(node.child_by_field_name("index"), scope)
        if node.child_by_field_name("optional_chain") is not None and (obj is None or obj is UNDEFINED):
            return UNDEFINED
        if isinstance(index, float) and index.is_integer():
            index = int(index)
        if isinstance(index, str) or (isinstance(index, int) and not isinstance(index, bool)):
            return member(obj, str(index), self.position(node))
        return Unknown(explain(index, f"the index of `{self.snippet(node)}`", "key"), self.position(node))

    def _arguments(self, node: Node | None, scope: Scope) -> tuple[Any, ...]:
        args: list[Any] = []
        for child in named(node) if node is not None else ():
            if child.type != "spread_element":
                args.append(self.eval(child, scope))
                continue
            inner = list(named(child))
            value = self.eval(inner[0] if inner else None, scope)
            if isinstance(value, JSArray) and len(args) + len(value) <= MAX_ITEMS:
                args.extend(value)
            else:
                args.append(
                    Unknown(
                        explain(value, f"the spread `{self.snippet(child)}`", "array"),
                        self.position(child),
                        spread=value,
                    )
                )
        return tuple(args)

    def _argument_positions(self, node: Node | None) -> tuple[Position | None, ...]:
        """Where each argument of a call is written, up to the first spread (whose items have none)."""
        where: list[Position | None] = []
        for child in named(node) if node is not None else ():
            if child.type == "spread_element":
                break
            where.append(self.position(child))
        return tuple(where)

    def _call(self, node: Node, scope: Scope) -> Any:
        function = node.child_by_field_name("function")
        arguments = node.child_by_field_name("arguments")
        position = self.position(node)
        if arguments is not None and arguments.type == "template_string":
            return Unknown(f"`{self.snippet(node)}` is a tagged template", position)
        if function is not None and function.type == "import":
            return Unknown(f"`{self.snippet(node)}` is a dynamic import()", position)
        callee = self.eval(function, scope)
        args = self._arguments(arguments, scope)
        if (
            isinstance(callee, Global)
            and callee.name == "require"
            and len(args) == 1
            and isinstance(args[0], str)
            and arguments is not None
        ):
            return self.host.require(self, args[0], next(named(arguments)))
        if isinstance(callee, Unknown):
            return Unknown(callee.reason, position)
        if isinstance(callee, JSFunction) and callee._apply is not None:
            self.host.steps += 20
            self.host.depth += 2
            try:
                result = callee._apply(args, self._argument_positions(arguments))
            finally:
                self.host.depth -= 2
            if isinstance(result, Unknown) and result.position == callee.position:
                return Unknown(result.reason, position)  # the body cannot be read: say so where it is called
            if isinstance(result, JSFunction) and result.made_with is None:
                return replace(result, made_with=args)  # a plugin factory's plugin: what it was given
            return result
        folded = jsbuiltins.fold(callee, args, position, self.snippet(node))
        return Call(callee, args, position) if folded is jsbuiltins.NOT_FOLDED else folded

    def _new(self, node: Node, scope: Scope) -> Any:
        callee = self.eval(node.child_by_field_name("constructor"), scope)
        args = self._arguments(node.child_by_field_name("arguments"), scope)
        position = self.position(node)
        if isinstance(callee, Global) and callee.name == "URL":
            return Unknown(f"`{self.snippet(node)}` builds a URL at run time", position)
        if isinstance(callee, Unknown):
            return Unknown(callee.reason, position)
        return Call(callee, args, position)

    def _unary(self, node: Node, scope: Scope) -> Any:
        operator = node.child_by_field_name("operator")
        op = self.text(operator) if operator is not None else ""
        value = self.eval(node.child_by_field_name("argument"), scope)
        position = self.position(node)
        if op == "void":
            return UNDEFINED
        if op == "!":
            known = truth(value)
            if known is not None:
                if isinstance(value, Unknown):
                    return Unknown(value.reason, position, fallback=not known)
                return not known
        elif op in ("-", "+") and isinstance(value, int | float) and not isinstance(value, bool):
            return -value if op == "-" else value
        elif op == "typeof" and (kind := typeof(value)) is not None:
            return kind
        if isinstance(value, Unknown):
            return Unknown(value.reason, position)
        return Unknown(f"`{self.snippet(node)}` {why(value, 'number')}", position)

    def _binary(self, node: Node, scope: Scope) -> Any:
        operator = node.child_by_field_name("operator")
        op = self.text(operator) if operator is not None else ""
        left_node, right_node = node.child_by_field_name("left"), node.child_by_field_name("right")
        position = self.position(node)
        if op in ("||", "&&", "??"):
            left = self.eval(left_node, scope)
            return logical(op, left, lambda: self.eval(right_node, scope), position, self.snippet(node))
        left, right = self.eval(left_node, scope), self.eval(right_node, scope)
        return binary(op, left, right, position, self.snippet(node))

    def _ternary(self, node: Node, scope: Scope) -> Any:
        condition = node.child_by_field_name("condition")
        consequence = node.child_by_field_name("consequence")
        alternative = node.child_by_field_name("alternative")
        test = self.eval(condition, scope)
        known = truth(test)
        if known is not None and not isinstance(test, Unknown):
            return self.eval(consequence if known else alternative, scope)
        # The test cannot be read: the alternate branch, or the branch a production build takes.
        chosen = alternative if known is None else (consequence if known else alternative)
        value = self.eval(chosen, scope)
        if isinstance(value, Unknown):
            value = value.fallback if value.has_fallback else value
        cond = self.snippet(condition) if condition is not None else "?"
        yes = self.snippet(consequence, 30) if consequence is not None else "?"
        no = self.snippet(alternative, 30) if alternative is not None else "?"
        why = test.reason if isinstance(test, Unknown) else "cannot be read statically"
        reason = f"chooses `{yes}` or `{no}` by `{cond}`, which {why}"
        if isinstance(value, Unknown):
            return Unknown(reason, self.position(node))
        return Unknown(reason, self.position(node), fallback=value)

    def _meta(self, node: Node, scope: Scope) -> Any:
        return Global(self.text(node).replace(" ", ""), self.position(node))


_GLOBAL_CONSTANTS: dict[str, Any] = {"undefined": UNDEFINED, "NaN": float("nan"), "Infinity": float("inf")}

_HANDLERS: dict[str, Callable[[Evaluator, Node, Scope], Any]] = {
    "string": Evaluator._string,
    "number": Evaluator._number,
    "template_string": Evaluator._template,
    "regex": Evaluator._regex,
    "true": lambda ev, node, scope: True,
    "false": lambda ev, node, scope: False,
    "null": lambda ev, node, scope: None,
    "undefined": lambda ev, node, scope: UNDEFINED,
    "identifier": Evaluator._identifier,
    "shorthand_property_identifier": Evaluator._identifier,
    "object": Evaluator._object,
    "array": Evaluator._array,
    "member_expression": Evaluator._member_expression,
    "subscript_expression": Evaluator._subscript,
    "call_expression": Evaluator._call,
    "new_expression": Evaluator._new,
    "unary_expression": Evaluator._unary,
    "binary_expression": Evaluator._binary,
    "ternary_expression": Evaluator._ternary,
    "meta_property": Evaluator._meta,
    "arrow_function": Evaluator.function,
    "function_expression": Evaluator.function,
    "function": Evaluator.function,
    **dict.fromkeys(_WRAPPERS, Evaluator._wrapped),
}
