"""The static evaluation of JavaScript/TypeScript expressions into :mod:`eduforge.project.values`.

Nothing is executed.  Literals fold to Python values, object and array literals to JSObject/JSArray,
names to what the file binds them to (lazily, so order of declaration does not matter), and all the
rest stays symbolic (Call, Member, ImportRef, Global) or becomes an :class:`Unknown` saying why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Protocol

from eduforge.project import jsbuiltins
from eduforge.project.jsarrays import extend, gap_reason, slice_array
from eduforge.project.jsops import MAX_ITEMS, MAX_TEXT, binary, js_string, logical, member, truth, typeof
from eduforge.project.jssyntax import Changes, Node, Source, number_value, string_value, unescape
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
    Position,
    Regex,
    Unknown,
    dotted_name,
)

MAX_DEPTH = 200
"""How deep an expression may nest (objects in arrays in calls…, and names referring to names) before it is Unknown."""

MAX_STEPS = 100_000
"""How many expressions one reading evaluates at most: a recursive function or a doubling loop stops there.
Real configs take a few thousand (Biome's 31 KB astro.config.ts about 3,100); a call costs 20."""

SYNTAX_ERROR = "the file has a syntax error here"

_WRAPPERS = frozenset(
    {"parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression", "type_assertion"}
)
_DECLARATIONS = frozenset({"lexical_declaration", "variable_declaration", "function_declaration"})
_SKIPPED_STATEMENTS = frozenset(
    {"comment", "empty_statement", "type_alias_declaration", "interface_declaration", "import_statement"}
)
_LOOPS = dict.fromkeys(("for_in_statement", "for_statement", "while_statement", "do_statement"), "loop")
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


def broken(node: Node) -> bool:
    """A syntax error node, or a node with one as a direct child (its value would be tree-sitter's guess)."""
    if not node.has_error:  # also true of ERROR and MISSING nodes themselves
        return False
    return node.is_error or node.is_missing or any(child.is_error or child.is_missing for child in node.children)


def named(node: Node) -> Iterator[Node]:
    """A node's named children without comments."""
    return (child for child in node.named_children if child.type != "comment")


class Host(Protocol):
    """What the evaluator asks of the module loader: the depth and step budgets, and `require`."""

    depth: int
    steps: int

    def require(self, evaluator: Evaluator, specifier: str, node: Node) -> Any: ...

    def stop(self, evaluator: Evaluator, node: Node) -> Unknown:
        """The step budget is spent: report it once, and what is left is Unknown."""
        ...


class Binding:
    """A name's value, evaluated on first use (so a const may be used above its declaration)."""

    __slots__ = ("_thunk", "_value", "name", "state")

    def __init__(self, name: str, thunk: Callable[[], Any]) -> None:
        self.name = name
        self._thunk = thunk
        self._value: Any = None
        self.state = 0  # 0 not evaluated, 1 being evaluated, 2 done

    def value(self, position: Position) -> Any:
        if self.state == 2:
            return self._value
        if self.state == 1:
            return Unknown(f"{self.name} refers to itself", position)
        self.state = 1
        try:
            self._value = self._thunk()
        finally:
            self.state = 0
        self.state = 2
        return self._value


class Scope:
    """Names bound at one level: the module's top level, or a function's parameters and body."""

    __slots__ = ("names", "parent")

    def __init__(self, parent: Scope | None = None) -> None:
        self.parent = parent
        self.names: dict[str, Binding] = {}

    def bind(self, name: str, thunk: Callable[[], Any]) -> None:
        self.names[name] = Binding(name, thunk)

    def lookup(self, name: str) -> Binding | None:
        scope: Scope | None = self
        while scope is not None:
            found = scope.names.get(name)
            if found is not None:
                return found
            scope = scope.parent
        return None


def _constant(value: Any) -> Callable[[], Any]:
    return lambda: value


def _member_of(thunk: Callable[[], Any], key: str, position: Position) -> Callable[[], Any]:
    return lambda: member(thunk(), key, position)


def explain(value: Any, subject: str, expected: str) -> str:
    """An Unknown's own reason, else "<subject> <why it is not the known ``expected``>"."""
    return value.reason if isinstance(value, Unknown) else f"{subject} {why(value, expected)}"


def why(value: Any, expected: str) -> str:
    """Completes "`x` …": why ``value`` is not the known ``expected`` (an Unknown's reason, or what it is)."""
    if isinstance(value, Unknown):
        return value.reason
    if isinstance(value, Call):
        name = dotted_name(value.callee)
        return f"is what {name}(…) returns" if name else "is the result of a call"
    if isinstance(value, Member | ImportRef | Global | Param):
        name = dotted_name(value)
        return f"is {name}, which cannot be read statically" if name else f"is not a known {expected}"
    return f"is not a known {expected}"


def _short(text: str, limit: int = 40, cut: bool = False) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit and not cut else text[: limit - 1] + "…"


class Evaluator:
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
        return _short(self.source.slice(node.start_byte, end), limit, cut=end < node.end_byte)

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
                self._set(result, key, value, child, value_node)
            elif kind == "shorthand_property_identifier":
                self._set(result, self.text(child), self._identifier(child, scope), child, child)
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

    def _set(self, result: JSObject, key: str, value: Any, key_node: Node, value_node: Node | None) -> None:
        result[key] = value
        result.key_positions[key] = self.position(key_node)
        result.value_positions[key] = self.position(value_node or key_node)

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
                    Unknown(explain(value, f"the spread `{self.snippet(child)}`", "array"), self.position(child))
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
                    Unknown(explain(value, f"the spread `{self.snippet(child)}`", "array"), self.position(child))
                )
        return tuple(args)

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
                result = callee._apply(args)
            finally:
                self.host.depth -= 2
            if isinstance(result, Unknown) and result.position == callee.position:
                return Unknown(result.reason, position)  # the body cannot be read: say so where it is called
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

    # --- functions ---------------------------------------------------------------------------------

    def function(self, node: Node, scope: Scope) -> Any:
        """An arrow function, function expression or declaration, as a JSFunction (kept unevaluated)."""
        position = self.position(node)
        keywords = {child.type for child in node.children if not child.is_named}
        if "*" in keywords:
            return Unknown("is a generator function", position)
        params_node = node.child_by_field_name("parameters") or node.child_by_field_name("parameter")
        params = (
            []
            if params_node is None
            else [params_node]
            if params_node.type == "identifier"
            else list(named(params_node))
        )
        if params_node is not None and _deeper_than(params_node, MAX_DEPTH):
            return Unknown(f"the parameters are nested more than {MAX_DEPTH} levels deep", position)
        names = tuple(name for param in params for name, _ in self._pattern_names(param))
        body = node.child_by_field_name("body")
        is_async = "async" in keywords
        name_node = node.child_by_field_name("name")
        label = f"{self.text(name_node)}()" if name_node is not None else "the function"

        def apply(args: tuple[Any, ...] | None) -> Any:
            if is_async:
                return Unknown(f"{label} is async: it returns a promise", position)
            inner = Scope(scope)
            for index, param in enumerate(params):
                if args is None:
                    for name, name_node in self._pattern_names(param):
                        inner.bind(name, _constant(Param(name, self.position(name_node))))
                elif (param.child_by_field_name("pattern") or param).type == "rest_pattern":
                    rest = JSArray(position)
                    rest.extend(args)
                    rest.positions.extend([None] * len(args))
                    self.bind_pattern(param, _constant(slice_array(rest, index, position)), inner)
                else:
                    self.bind_pattern(param, _constant(args[index] if index < len(args) else UNDEFINED), inner)
            return self._body(body, inner, position, label)

        return JSFunction(names, position, lambda: apply(None), apply)

    def _method(self, node: Node, scope: Scope) -> Any:
        if any(child.type in ("get", "set") for child in node.children):
            return Unknown(f"`{self.snippet(node)}` is a getter or setter", self.position(node))
        return self.function(node, scope)

    def _body(self, body: Node | None, scope: Scope, position: Position, label: str) -> Any:
        """What a function returns: its expression body, or its block's `return` after only declarations."""
        if body is None:
            return Unknown(SYNTAX_ERROR, position)
        if body.type != "statement_block":
            return self.eval(body, scope)
        statements = [child for child in named(body) if child.type not in _SKIPPED_STATEMENTS]
        for statement in statements:
            if statement.type in _DECLARATIONS:
                self.declare(statement, scope)
        for statement in statements:
            if statement.type in _DECLARATIONS:
                continue
            if statement.type == "return_statement":
                value = list(named(statement))
                return self.eval(value[0], scope) if value else UNDEFINED
            line = statement.start_point[0] + 1
            what = (
                _LOOPS.get(statement.type) or statement.type.removesuffix("_statement").replace("_", " ") + " statement"
            )
            article = "an" if what[0] in "aeiou" else "a"
            return Unknown(f"{label} runs {article} {what} at line {line} before it returns", position)
        return UNDEFINED

    # --- declarations and patterns -----------------------------------------------------------------

    def declare(self, node: Node, scope: Scope) -> list[str]:
        """Bind the names a declaration statement declares (lazily); returns them."""
        if node.type == "function_declaration":
            name = node.child_by_field_name("name")
            if name is None:
                return []
            scope.bind(self.text(name), lambda: self.function(node, scope))
            return [self.text(name)]
        if node.type in ("generator_function_declaration", "class_declaration", "abstract_class_declaration"):
            name = node.child_by_field_name("name")
            if name is None:
                return []
            what = "a class" if "class" in node.type else "a generator function"
            unknown = Unknown(f"{self.text(name)} is {what}", self.position(node))
            scope.bind(self.text(name), _constant(unknown))
            return [self.text(name)]
        if node.type == "enum_declaration":
            return self._enum(node, scope)
        names: list[str] = []
        for declarator in named(node):
            if declarator.type != "variable_declarator":
                continue
            target = declarator.child_by_field_name("name")
            value_node = declarator.child_by_field_name("value")
            if target is None:
                continue
            if _deeper_than(target, MAX_DEPTH):
                names.extend(self._bind_too_deep(target, scope))
                continue
            self.bind_pattern(target, self.later(value_node, scope), scope)
            names.extend(name for name, _ in self._pattern_names(target))
        return names

    def _bind_too_deep(self, pattern: Node, scope: Scope) -> list[str]:
        """A pattern nested past MAX_DEPTH: every name in it is Unknown (found without recursion)."""
        unknown = Unknown(f"the pattern is nested more than {MAX_DEPTH} levels deep", self.position(pattern))
        names: list[str] = []
        stack = [pattern]
        while stack:
            node = stack.pop()
            if node.type in ("identifier", "shorthand_property_identifier_pattern"):
                names.append(self.text(node))
                scope.bind(names[-1], _constant(unknown))
            stack.extend(node.named_children)
        return names

    def later(self, node: Node | None, scope: Scope) -> Callable[[], Any]:
        return lambda: self.eval(node, scope)

    def _enum(self, node: Node, scope: Scope) -> list[str]:
        """A TypeScript ``enum`` as a JSObject of its members (numbers count up from the last one)."""
        name = node.child_by_field_name("name")
        body = node.child_by_field_name("body")
        if name is None or body is None:
            return []

        def members() -> Any:
            result = JSObject(self.position(node))
            counter: Any = 0
            for member_node in named(body):
                key_node = (
                    member_node.child_by_field_name("name") if member_node.type == "enum_assignment" else member_node
                )
                key = self._key(key_node, scope)
                if isinstance(key, Unknown):
                    result.unknown.append(key)
                    continue
                value_node = member_node.child_by_field_name("value")
                value = self.eval(value_node, scope) if value_node is not None else counter
                self._set(result, key, value, member_node, value_node)
                is_number = isinstance(value, int | float) and not isinstance(value, bool)
                counter = (
                    value + 1
                    if is_number
                    else Unknown(f"the member after {key} has no value", self.position(member_node))
                )
            return result

        scope.bind(self.text(name), members)
        return [self.text(name)]

    def _pattern_names(self, node: Node) -> Iterator[tuple[str, Node]]:
        """Every name a binding pattern binds (``a``, ``{ a, b: c }``, ``[x, ...rest]``, ``p = 1``, ``p?: T``)."""
        kind = node.type
        if kind in ("identifier", "shorthand_property_identifier_pattern"):
            yield self.text(node), node
        elif kind in ("required_parameter", "optional_parameter"):
            pattern = node.child_by_field_name("pattern")
            if pattern is not None:
                yield from self._pattern_names(pattern)
        elif kind in ("assignment_pattern", "object_assignment_pattern"):
            left = node.child_by_field_name("left")
            if left is not None:
                yield from self._pattern_names(left)
        elif kind == "pair_pattern":
            value = node.child_by_field_name("value")
            if value is not None:
                yield from self._pattern_names(value)
        elif kind in ("object_pattern", "array_pattern", "rest_pattern"):
            for child in named(node):
                yield from self._pattern_names(child)

    def bind_pattern(self, node: Node, thunk: Callable[[], Any], scope: Scope) -> None:
        """Bind the names of a pattern to the parts of ``thunk()``'s value (each evaluated on use)."""
        kind = node.type
        position = self.position(node)
        if kind in ("identifier", "shorthand_property_identifier_pattern"):
            scope.bind(self.text(node), thunk)
        elif kind in ("required_parameter", "optional_parameter"):
            pattern, default = node.child_by_field_name("pattern"), node.child_by_field_name("value")
            if pattern is not None:
                self.bind_pattern(pattern, self._defaulted(thunk, default, scope) if default else thunk, scope)
        elif kind in ("assignment_pattern", "object_assignment_pattern"):
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is not None:
                self.bind_pattern(left, self._defaulted(thunk, right, scope), scope)
        elif kind == "object_pattern":
            taken: list[str] = []
            for child in named(node):
                if child.type == "rest_pattern":
                    self._bind_rest(child, thunk, tuple(taken), scope)
                    continue
                if child.type == "pair_pattern":
                    key_node, target = child.child_by_field_name("key"), child.child_by_field_name("value")
                    key = self._key(key_node, scope)
                else:
                    name_node = (
                        child.child_by_field_name("left") if child.type == "object_assignment_pattern" else child
                    )
                    key, target = (self.text(name_node) if name_node else ""), child
                if target is None:
                    continue
                if isinstance(key, Unknown):
                    for name, _ in self._pattern_names(target):
                        scope.bind(name, _constant(key))
                    continue
                taken.append(key)
                if child.type == "pair_pattern" or child.type == "object_assignment_pattern":
                    self.bind_pattern(target, _member_of(thunk, key, self.position(child)), scope)
                else:
                    scope.bind(key, _member_of(thunk, key, self.position(child)))
        elif kind == "array_pattern":
            for index, child in _array_pattern_items(node):
                if child.type == "rest_pattern":
                    self._bind_rest(child, thunk, index, scope)
                else:
                    self.bind_pattern(child, _member_of(thunk, str(index), self.position(child)), scope)
        elif kind == "rest_pattern":
            self._bind_rest(node, thunk, 0, scope)
        else:
            unknown = Unknown(f"`{self.snippet(node)}` is a pattern eduforge does not read", position)
            for name, _ in self._pattern_names(node):
                scope.bind(name, _constant(unknown))

    def _defaulted(self, thunk: Callable[[], Any], default: Node | None, scope: Scope) -> Callable[[], Any]:
        def value() -> Any:
            found = thunk()
            return self.eval(default, scope) if found is UNDEFINED else found

        return value

    def _bind_rest(self, node: Node, thunk: Callable[[], Any], taken: tuple[str, ...] | int, scope: Scope) -> None:
        inner = list(named(node))
        if not inner:
            return
        position = self.position(node)

        def rest() -> Any:
            value = thunk()
            if isinstance(taken, int) and isinstance(value, JSArray):
                return slice_array(value, taken, position)
            if isinstance(taken, tuple) and isinstance(value, JSObject):
                out = JSObject(position)
                for key, item in value.items():
                    if key not in taken:
                        out[key] = item
                        out.key_positions[key] = value.key_positions.get(key, position)
                        out.value_positions[key] = value.value_positions.get(key, position)
                out.unknown.extend(value.unknown)
                return out
            return Unknown(explain(value, f"the rest `{self.snippet(node)}`", "object or array"), position)

        self.bind_pattern(inner[0], rest, scope)


def _deeper_than(node: Node, limit: int) -> bool:
    """Whether ``node``'s subtree is nested more than ``limit`` levels (walked without recursion)."""
    stack = [(node, 0)]
    while stack:
        current, depth = stack.pop()
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in current.named_children)
    return False


def _array_pattern_items(node: Node) -> Iterator[tuple[int, Node]]:
    """The elements of ``[a, , b]`` with their indexes (holes count)."""
    index = 0
    for child in node.children:
        if child.type == ",":
            index += 1
        elif child.is_named and child.type != "comment":
            yield index, child


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
