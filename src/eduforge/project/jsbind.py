"""Names and their values: scopes, declarations, destructuring patterns and functions.

:class:`Declarations` is the half of the evaluator that binds names (``const { a, b: [c] } = obj``,
``function f(x = 1) {…}``, ``enum E {…}``) and reads what functions return; :mod:`eduforge.project.jseval`
is the half that evaluates expressions.  Every binding is lazy: its value is computed on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Protocol

from eduforge.project.jsarrays import slice_array
from eduforge.project.jsops import member
from eduforge.project.jssyntax import Changes, Node, Source
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
    Unknown,
    dotted_name,
)

if TYPE_CHECKING:
    from eduforge.project.jseval import Evaluator

MAX_DEPTH = 200
"""How deep an expression may nest (objects in arrays in calls…, and names referring to names) before it is Unknown."""

MAX_STEPS = 100_000
"""How many expressions one reading evaluates at most: a recursive function or a doubling loop stops there.
Real configs take a few thousand (Biome's 31 KB astro.config.ts about 3,100); a call costs 20."""

SYNTAX_ERROR = "the file has a syntax error here"

_DECLARATIONS = frozenset({"lexical_declaration", "variable_declaration", "function_declaration"})
_SKIPPED_STATEMENTS = frozenset(
    {"comment", "empty_statement", "type_alias_declaration", "interface_declaration", "import_statement"}
)
_LOOPS = dict.fromkeys(("for_in_statement", "for_statement", "while_statement", "do_statement"), "loop")


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

    __slots__ = ("_thunk", "_value", "name", "origin", "state")

    def __init__(self, name: str, thunk: Callable[[], Any], origin: Position | None = None) -> None:
        self.name = name
        self._thunk = thunk
        self._value: Any = None
        self.state = 0  # 0 not evaluated, 1 being evaluated, 2 done
        self.origin = origin
        """For a parameter: where the call wrote its argument (``linkItem('A', '/a/')``: the ``'/a/'``),
        the position a value read from it is reported at."""

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

    def bind(self, name: str, thunk: Callable[[], Any], origin: Position | None = None) -> None:
        self.names[name] = Binding(name, thunk, origin)

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


def short(text: str, limit: int = 40, cut: bool = False) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit and not cut else text[: limit - 1] + "…"


class Declarations:
    """Binding names (declarations, patterns, parameters) and reading function bodies, for the Evaluator."""

    source: Source
    host: Host
    changes: Changes

    # What the expression half provides (eduforge.project.jseval.Evaluator):

    def eval(self, node: Node | None, scope: Scope, cost: int = 1) -> Any:
        raise NotImplementedError

    def position(self, node: Node) -> Position:
        raise NotImplementedError

    def text(self, node: Node) -> str:
        raise NotImplementedError

    def snippet(self, node: Node, limit: int = 40) -> str:
        raise NotImplementedError

    def _key(self, node: Node | None, scope: Scope) -> str | Unknown:
        raise NotImplementedError

    def _set(self, result: JSObject, key: str, value: Any, key_node: Node, value_node: Node | None) -> None:
        raise NotImplementedError

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

        def apply(args: tuple[Any, ...] | None, where: tuple[Position | None, ...] = ()) -> Any:
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
                elif param.type == "identifier" and index < len(where):  # where its argument was written
                    inner.bind(
                        self.text(param), _constant(args[index] if index < len(args) else UNDEFINED), where[index]
                    )
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
