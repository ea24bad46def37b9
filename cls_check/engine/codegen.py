"""The ``python`` backend's compiler: IR expressions to Python source, compiled once.

Input: the definitions of a :class:`~cls_check.ir.nodes.RuleSetIR`, then the expressions
and requirements a backend asks for. Output: the source of one Python module (for reading
and debugging: :attr:`Generator.source`) and, once :meth:`Generator.compile` has run, the
functions it defines.

Why generate source rather than nest closures: a closure per IR node costs a call, a tuple
and a frame at every node of every rule of every contract (~3,000 calls a contract). The
generated code evaluates a whole expression in one function, with record reads as
attribute loads, static paths as string constants and connectives as jumps — as Jinja
compiles templates to Python source.

Semantics (the reference semantics of the rule language — :mod:`cls_check.engine.python`
documents them): every expression yields a value (``None`` when unknown, Kleene's logic
for truth values) and the evidence that decided it, a tuple of ``(path, raw value)``
pairs. A list yields its elements, their paths in the record (``actions[2]``, ``None`` for
a literal list) and the evidence of the read.

Generated functions take the evaluation context ``c`` (``c.root``: the record; ``c.memo``:
the definitions already evaluated for this contract; ``c.check_date``) and, for code
hoisted out of deep nesting, the quantified variables in scope. They hold no state.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import keyword
import linecache
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from types import CodeType
from typing import Any

from cls_check.engine import joins, runtime
from cls_check.ir import nodes as ir

#: Loops (``for``/``while``) nested deeper than this are moved to a function of their own:
#: CPython refuses more than 20 nested blocks in one function.
MAX_NESTED_LOOPS = 8

# A quantified variable in generated code: the local names of its value and of its path.
Binding = tuple[str, str]
Env = Mapping[str, Binding]


class _Lines:
    """The body of one generated function, with its indentation and loop depth."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.depth = 1
        self.loops = 0

    def emit(self, line: str) -> None:
        self.lines.append("    " * self.depth + line)

    @contextmanager
    def indent(self, *, loop: bool = False) -> Iterator[None]:
        self.depth += 1
        self.loops += loop
        try:
            yield
        finally:
            self.depth -= 1
            self.loops -= loop


def _attribute(target: str, name: str) -> str:
    if name.isidentifier() and not keyword.iskeyword(name) and not name.startswith("__"):
        return f"{target}.{name}"
    return f"getattr({target}, {name!r}, None)"


def _concat(*evidence: str) -> str:
    """The Python expression joining evidence tuples (``()`` are left out)."""
    parts = [e for e in evidence if e != "()"]
    return " + ".join(parts) if parts else "()"


def _extend(gathered: str, evidence: str) -> str:
    """The statement adding evidence to a loop's gathering (a dict by path: see
    :func:`~cls_check.engine.runtime.gather`)."""
    return "pass" if evidence == "()" else f"_gather({gathered}, {evidence})"


def _gathered(gathered: str) -> str:
    """The evidence a loop gathered, as a tuple."""
    return f"tuple({gathered}.values())"


def _add(gathered: str, evidence: str) -> str:
    """The statement adding evidence to a tuple gathering it (a new tuple: keep it short)."""
    return "pass" if evidence == "()" else f"{gathered} = {gathered} + {evidence}"


@dataclasses.dataclass(frozen=True, slots=True)
class _Search:
    """The locals of a quantifier's search: its result (value, evidence), the evidence of
    the list, the value that stops it, and what it gathers on the way."""

    value: str
    evidence: str
    list_ev: str
    stop_on: bool
    unknown: str
    unknown_ev: str
    other_ev: str


def _closed(expr: object) -> bool:
    """Whether an expression reads no variable of an enclosing quantifier (its value is
    the same for every element of every quantifier of a contract)."""
    return not joins.variables(expr)


def _constants(members: tuple[ir.Expr, ...]) -> tuple[ir.Scalar, ...] | None:
    """The values of a literal list whose elements are all literals, else None."""
    if all(isinstance(m, ir.Const) for m in members):
        return tuple(m.value for m in members if isinstance(m, ir.Const))
    return None


def _strings(members: tuple[ir.Expr, ...]) -> tuple[str, ...]:
    """The elements of a non-empty literal list of strings, else ()."""
    strings = tuple(m.value for m in members if isinstance(m, ir.Const) and type(m.value) is str)
    return strings if len(strings) == len(members) else ()


def is_place(expr: ir.Expr, definitions: Mapping[str, ir.Expr]) -> bool:
    """Whether an expression designates a part of the record (it has a path)."""
    match expr:
        case ir.Root() | ir.Var():
            return True
        case ir.Field(base, _):
            return is_place(base, definitions)
        case ir.Ref(name):
            return is_place(definitions[name], definitions)
    return False


_COMPARATORS = {
    "=": "_same",
    "!=": "_different",
    "<": "_lt",
    "<=": "_le",
    ">": "_gt",
    ">=": "_ge",
}
_ARITH = {"+": "_add", "*": "_mul", "/": "_divide"}


#: Turns a generated module's source and file name into its code object. The default is
#: :func:`compile_module_source`; :mod:`cls_check.pipeline` passes one that keeps the code
#: in the disk cache, so that a start does not compile thousands of lines again.
ModuleCompiler = Callable[[str, str], CodeType]


def compile_module_source(source: str, filename: str) -> CodeType:
    return compile(source, filename, "exec")


class Generator:
    """Generates the functions a backend asks for, sharing one module per rule set."""

    def __init__(self, definitions: Mapping[str, ir.Expr]):
        self._definitions = definitions
        self._functions: list[str] = []
        self._counter = itertools.count()
        self._constants: dict[str, object] = {}
        self._memoized: dict[tuple[str, int | str], str] = {}
        self._indexes: dict[tuple[ir.Expr, tuple[str, ...]], str] = {}
        self._pending: list[tuple[str, Callable[[_Lines], None]]] = []
        self._namespace: dict[str, Any] | None = None

    # ------------------------------------------------------------ the module

    @property
    def source(self) -> str:
        return "\n\n".join(self._functions) + "\n"

    def compile(self, title: str = "règles", compile_module: ModuleCompiler | None = None) -> None:
        """Compile the module (with ``compile_module``, else
        :func:`compile_module_source`); its functions are then looked up by the names
        returned by the ``*_function`` methods. Tracebacks show the generated lines (the
        file name ``<cls-check règles 3f2a…>`` tells one generated module from another)."""
        self._write_pending()
        source = self.source
        digest = hashlib.sha256(source.encode()).hexdigest()[:12]
        filename = f"<cls-check {title} {digest}>"
        code = (compile_module or compile_module_source)(source, filename)
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        namespace: dict[str, Any] = {**runtime.NAMESPACE, **joins.NAMESPACE, **self._constants}
        # Our own code, generated from a checked IR (or its bytecode from a signed entry of
        # this user's cache: cls_check.ir.cache).
        exec(code, namespace)
        self._namespace = namespace

    def function(self, name: str) -> Callable[..., Any]:
        if self._namespace is None:
            raise RuntimeError("compile() the generator first")  # pragma: no cover
        function: Callable[..., Any] = self._namespace[name]
        return function

    def _fresh(self, prefix: str) -> str:
        return f"{prefix}{next(self._counter)}"

    def _fresh_names(self, *prefixes: str) -> tuple[str, ...]:
        return tuple(self._fresh(p) for p in prefixes)

    def _define(self, prefix: str, params: tuple[str, ...], body: Callable[[_Lines], None]) -> str:
        name = self._fresh(prefix)
        self._write(name, params, body)
        return name

    def _define_later(self, prefix: str, body: Callable[[_Lines], None]) -> str:
        """A function of the context alone (computed once per contract), written once the
        entry point under way is done: generated there, it would add the frames of its
        own nesting to those of the expression that reads it."""
        name = self._fresh(prefix)
        self._pending.append((name, body))
        return name

    def _write_pending(self) -> None:
        while self._pending:
            name, body = self._pending.pop(0)
            self._write(name, (), body)

    def _write(self, name: str, params: tuple[str, ...], body: Callable[[_Lines], None]) -> None:
        out = _Lines()
        out.emit("root = c.root")
        out.emit("memo = c.memo")
        body(out)
        header = f"def {name}({', '.join(('c', *params))}):"
        self._functions.append("\n".join((header, *out.lines)))

    def _constant(self, value: object) -> str:
        """Booleans as literals; other constants by name (``K3 is None`` is valid Python,
        ``"x" is None`` a warning)."""
        if value is None or type(value) is bool:
            return repr(value)
        name = self._fresh("K")
        self._constants[name] = value
        return name

    # ------------------------------------------------------------ entry points

    def value_function(self, expr: ir.Expr) -> str:
        """A function ``c -> (value, evidence)``."""

        def body(out: _Lines) -> None:
            value, evidence = self.value(expr, {}, out)
            out.emit(f"return {value}, {evidence}")

        name = self._define("value", (), body)
        self._write_pending()
        return name

    def outcome_function(self, req: ir.Requirement, fallback: str) -> str:
        """A function ``c -> (truth, evidence, messages)`` for a requirement: the messages
        of a violation (one per failing element or item), or its note when it holds."""
        name = self._define("requirement", (), lambda out: self._requirement(req, fallback, out))
        self._write_pending()
        return name

    # ------------------------------------------------------------ places

    def place(self, expr: ir.Expr, env: Env, out: _Lines) -> tuple[str, str, bool]:
        """The value and path of a part of the record; the flag says the path is a
        string (not ``None``) for sure."""
        match expr:
            case ir.Root():
                return "root", "''", True
            case ir.Var(name):
                value, path = env[name]
                return value, path, False
            case ir.Field():
                return self._field_chain(expr, env, out)
            case ir.Ref(name) if is_place(self._definitions[name], self._definitions):
                return self.place(self._definitions[name], env, out)
        value, _ = self.value(expr, env, out)
        return value, "None", False

    def _field_chain(self, expr: ir.Field, env: Env, out: _Lines) -> tuple[str, str, bool]:
        """``a.b.c``: read in turn; the first missing record stops the walk, and the path is
        the path of that record (« the record does not say », not its field). So does a
        record the contract does not have (``false``): what is read through it is ``false``,
        none too (records are always true, ``None`` and ``False`` are not)."""
        names: list[str] = []
        start: ir.Expr = expr
        while isinstance(start, ir.Field):
            names.append(start.name)
            start = start.base
        names.reverse()
        if isinstance(start, ir.Root):
            if len(names) == 1:
                value = self._fresh("v")
                out.emit(f"{value} = {_attribute('root', names[0])}")
                return value, repr(names[0]), True
            value, path = self._fresh("v"), self._fresh("p")
            out.emit(f"{value} = {_attribute('root', names[0])}")
            out.emit(f"{path} = {names[0]!r}")
            for depth, name in enumerate(names[1:], 2):
                out.emit(f"if {value}:")
                out.depth += 1
                out.emit(f"{value} = {_attribute(value, name)}")
                out.emit(f"{path} = {'.'.join(names[:depth])!r}")
            out.depth -= len(names) - 1
            return value, path, True
        base_value, base_path, _ = self.place(start, env, out)
        value, path = self._fresh("v"), self._fresh("p")
        out.emit(f"{value}, {path} = {base_value}, {base_path}")
        for name in names:
            out.emit(f"if {value}:")
            out.depth += 1
            out.emit(f"{value} = {_attribute(value, name)}")
            out.emit(f"{path} = None if {path} is None else {path} + {'.' + name!r}")
        out.depth -= len(names)
        return value, path, False

    # ------------------------------------------------------------ lists

    def items(self, expr: ir.Expr, env: Env, out: _Lines) -> tuple[str, str, str]:
        """The elements of a list (``None``: unknown), their paths, and the evidence."""
        match expr:
            case ir.Project() | ir.Concat() | ir.Filter() if env and _closed(expr):
                # Inside a loop, a list computed from the record alone is the same every
                # time: computed once per contract.
                fn = self._memoized_function("items", id(expr), expr)
                elements, paths, evidence = self._fresh_names("l", "lp", "e")
                self._memo_read(("closed", fn), fn, f"{elements}, {paths}, {evidence}", out)
                return elements, paths, evidence
            case ir.Project(base, name):
                elements, paths, evidence = self.items(base, env, out)
                e2, p2 = self._fresh("l"), self._fresh("lp")
                out.emit(
                    f"{e2}, {p2} = (None, None) if {elements} is None "
                    f"else _project({elements}, {paths}, {name!r})"
                )
                return e2, p2, evidence
            case ir.Concat(parts):
                return self._concat_lists(parts, env, out)
            case ir.Filter(var, collection, condition):
                return self._filter(var, collection, condition, env, out)
            case ir.ListOf(members) if (literal := _constants(members)) is not None:
                return self._constant(literal), self._constant((None,) * len(literal)), "()"
            case ir.ListOf(members):
                values = [self.value(m, env, out)[0] for m in members]
                elements, paths = self._fresh("l"), self._fresh("lp")
                out.emit(f"{elements} = ({''.join(v + ', ' for v in values)})")
                out.emit(f"{paths} = {(None,) * len(values)!r}")
                return elements, paths, "()"
            case ir.Ref(name):
                fn = self._memoized_function("items", name, self._definitions[name])
                elements, paths, evidence = (self._fresh(p) for p in ("l", "lp", "e"))
                self._memo_read(("items", name), fn, f"{elements}, {paths}, {evidence}", out)
                return elements, paths, evidence
        value, path, _ = self.place(expr, env, out)
        elements, paths, evidence = (self._fresh(p) for p in ("l", "lp", "e"))
        out.emit(f"{elements}, {paths}, {evidence} = _elements({value}, {path})")
        return elements, paths, evidence

    def _concat_lists(
        self, parts: tuple[ir.Expr, ...], env: Env, out: _Lines
    ) -> tuple[str, str, str]:
        """``a + b``: unknown if any part is, with the evidence of every part."""
        elements, paths, evidence = (self._fresh(p) for p in ("l", "lp", "e"))
        read = [self.items(part, env, out) for part in parts]
        out.emit(f"{evidence} = {_concat(*(e for _, _, e in read))}")
        unknown = " or ".join(f"{e} is None" for e, _, _ in read)
        out.emit(f"if {unknown}:")
        with out.indent():
            out.emit(f"{elements} = {paths} = None")
        out.emit("else:")
        with out.indent():
            out.emit(f"{elements} = {' + '.join(f'list({e})' for e, _, _ in read)}")
            out.emit(f"{paths} = {' + '.join(f'list({p})' for _, p, _ in read)}")
        return elements, paths, evidence

    def _filter(
        self, var: str, collection: ir.Expr, condition: ir.Expr, env: Env, out: _Lines
    ) -> tuple[str, str, str]:
        """The elements whose condition is true; unknown if one condition is unknown.
        The evidence is the list's and every condition's."""
        kept, kept_paths, unknown = self._fresh("l"), self._fresh("lp"), self._fresh("u")
        state = f"{kept}, {kept_paths}, {unknown}"
        with self._fold(var, collection, env, out, state, "[], [], False") as fold:
            scope, evidence, (element, element_path) = fold
            holds = self._condition(condition, scope, evidence, unknown, out)
            out.emit(f"elif {holds}:")
            out.emit(f"    {kept}.append({element})")
            out.emit(f"    {kept_paths}.append({element_path})")
        out.emit(f"if {unknown}:")
        out.emit(f"    {kept} = None")
        return kept, kept_paths, evidence

    @contextmanager
    def _fold(
        self, var: str, collection: ir.Expr, env: Env, out: _Lines, state: str, start: str
    ) -> Iterator[tuple[Env, str, Binding]]:
        """A loop over a list that folds each element into ``state``: ``None`` when the list
        is unknown, else ``start`` then the body (emitted inside) for each element. Yields
        the body's scope, the local that gathers the evidence (the list's first: a dict in
        the loop, added to, a tuple after it), and the element's binding."""
        elements, paths, list_ev = self.items(collection, env, out)
        evidence = self._fresh("e")
        out.emit(f"{evidence} = _Gathered()")
        out.emit(_extend(evidence, list_ev))
        out.emit(f"{state} = {', '.join('None' for _ in state.split(', '))}")
        out.emit(f"if {elements} is not None:")
        with out.indent():
            out.emit(f"{state} = {start}")
            element, element_path = self._loop(elements, paths, out)
            with out.indent(loop=True):
                binding = (element, element_path)
                yield {**env, var: binding}, evidence, binding
        out.emit(f"{evidence} = {_gathered(evidence)}")

    def _condition(
        self, condition: ir.Expr, scope: Env, evidence: str, unknown: str, out: _Lines
    ) -> str:
        """An element's condition, its evidence gathered; emits ``if <unknown>: …`` for the
        caller to continue with ``elif``/``else``."""
        holds, holds_evidence = self.value(condition, scope, out)
        if holds_evidence != "()":
            out.emit(_extend(evidence, holds_evidence))
        out.emit(f"if {holds} is None:")
        out.emit(f"    {unknown} = True")
        return holds

    def _loop(self, elements: str, paths: str, out: _Lines) -> tuple[str, str]:
        element, path = self._fresh("x"), self._fresh("px")
        out.emit(f"for {element}, {path} in zip({elements}, {paths}):")
        return element, path

    # ------------------------------------------------------------ values

    def value(self, expr: ir.Expr, env: Env, out: _Lines) -> tuple[str, str]:
        """Emit the code of an expression; the Python expressions of its value and its
        evidence (locals or constants, cheap to repeat)."""
        if out.loops >= MAX_NESTED_LOOPS and not isinstance(expr, ir.Const | ir.Var):
            return self._hoisted(expr, env, out)
        match expr:
            case ir.Const(v):
                return self._constant(v), "()"
            case ir.CheckDate():
                return "c.check_date", "()"
            case ir.Root() | ir.Var() | ir.Field():
                value, path, certain = self.place(expr, env, out)
                if certain:
                    return value, f"(({path}, {value}),)"
                evidence = self._fresh("e")
                out.emit(f"{evidence} = () if {path} is None else (({path}, {value}),)")
                return value, evidence
            case ir.Ref(name):
                fn = self._memoized_function("value", name, self._definitions[name])
                value, evidence = self._fresh("v"), self._fresh("e")
                self._memo_read(("value", name), fn, f"{value}, {evidence}", out)
                return value, evidence
            case ir.ListOf(members) if (literal := _constants(members)) is not None:
                return self._constant(literal), "()"
            case ir.Member(item, ir.ListOf(members)) if _strings(members):
                # « s.role dans ["maire", "prefet"] » : a set lookup (only a string equals
                # a string, and no element is unknown)
                value, evidence = self.value(item, env, out)
                result = self._fresh("v")
                allowed = self._constant(frozenset(_strings(members)))
                out.emit(
                    f"{result} = None if {value} is None "
                    f"else isinstance({value}, str) and {value} in {allowed}"
                )
                return result, evidence
            case ir.Project() | ir.Concat() | ir.Filter() | ir.ListOf():
                if not _closed(expr):
                    return self._list_value(expr, env, out)
                # A list that depends on no quantified variable
                # (``territoire.quartiers_prioritaires.nom``) is computed once per contract.
                fn = self._memoized_function("list", id(expr), expr)
                value, evidence = self._fresh("v"), self._fresh("e")
                self._memo_read(("closed", fn), fn, f"{value}, {evidence}", out)
                return value, evidence
            case ir.ForAll() | ir.Exists() | ir.NoneOf() | ir.CountWhere() | ir.SumOf() if (
                env and _closed(expr)
            ):
                # Inside a loop, a quantifier over the record alone (« sinon si il existe
                # un signataire s de signataires où … », per failing commune) is the same
                # every time: computed once per contract.
                fn = self._memoized_function("value", id(expr), expr)
                value, evidence = self._fresh("v"), self._fresh("e")
                self._memo_read(("closed", fn), fn, f"{value}, {evidence}", out)
                return value, evidence
            case ir.Not(operand):
                value, evidence = self.value(operand, env, out)
                result = self._fresh("v")
                out.emit(f"{result} = None if {value} is None else not {value}")
                return result, evidence
            case ir.And(operands):
                return self._kleene(operands, env, out, decisive=False)
            case ir.Or(operands):
                return self._kleene(operands, env, out, decisive=True)
            case ir.Checklist(check_items):
                return self._kleene(tuple(i.condition for i in check_items), env, out, False)
            case ir.Compare(op, left, right):
                return self._binary(_COMPARATORS[op], left, right, env, out)
            case ir.StartsWith(value, prefix):
                return self._binary("_starts_with", value, prefix, env, out)
            case ir.Arith(op, left, right):
                return self._binary(_ARITH[op], left, right, env, out)
            case ir.ShiftDate(date, duration):
                return self._binary("shift_date", date, duration, env, out)
            case ir.Member(item, collection):
                return self._call("_member", (item, collection), env, out)
            case ir.IsKnown(operand):
                value, path, certain = self.place(operand, env, out)
                known, evidence = self._fresh("v"), self._fresh("e")
                out.emit(f"{known} = {value} is not None")
                if certain:
                    return known, f"(({path}, {value}),)"
                out.emit(f"{evidence} = () if {path} is None else (({path}, {value}),)")
                return known, evidence
            case ir.Count(collection):
                elements, _, evidence = self.items(collection, env, out)
                count = self._fresh("v")
                out.emit(f"{count} = None if {elements} is None else len({elements})")
                return count, evidence
            case ir.ForAll(var, collection, body):
                return self._quantifier(var, collection, body, env, out, stop_on=False)
            case ir.Exists(var, collection, condition):
                return self._quantifier(var, collection, condition, env, out, stop_on=True)
            case ir.NoneOf(var, collection, condition):
                found, evidence = self._quantifier(
                    var, collection, condition, env, out, stop_on=True
                )
                result = self._fresh("v")
                out.emit(f"{result} = None if {found} is None else not {found}")
                return result, evidence
            case ir.CountWhere(var, collection, condition):
                return self._aggregate(var, collection, condition, None, env, out)
            case ir.SumOf(var, collection, value, condition):
                return self._aggregate(var, collection, condition, value, env, out)
        raise TypeError(f"unsupported IR node {type(expr).__name__}")  # pragma: no cover

    def _hoisted(self, expr: ir.Expr, env: Env, out: _Lines) -> tuple[str, str]:
        """Evaluate ``expr`` in a function of its own, the variables in scope passed in."""
        params = tuple(name for binding in env.values() for name in binding)

        def body(inner: _Lines) -> None:
            value, evidence = self.value(expr, env, inner)
            inner.emit(f"return {value}, {evidence}")

        fn = self._define("part", params, body)
        value, evidence = self._fresh("v"), self._fresh("e")
        out.emit(f"{value}, {evidence} = {fn}({', '.join(('c', *params))})")
        return value, evidence

    def _memoized_function(self, kind: str, key: int | str, expr: ir.Expr) -> str:
        """The function computing a closed expression once per contract (its result is
        kept in ``c.memo``): a definition's value or elements, or a closed list.

        In ``c.memo`` a closed expression is keyed by this function's name, not by
        ``key`` (its ``id``): the generated source must be the same in every process, for
        its compiled code to be kept in the disk cache."""
        if (kind, key) not in self._memoized:

            def body(out: _Lines) -> None:
                if kind == "items":
                    out.emit(f"return {', '.join(self.items(expr, {}, out))}")
                elif kind == "list":
                    out.emit(f"return {', '.join(self._list_value(expr, {}, out))}")
                else:
                    out.emit(f"return {', '.join(self.value(expr, {}, out))}")

            self._memoized[kind, key] = self._define_later(kind, body)
        return self._memoized[kind, key]

    def _memo_read(self, key: tuple[str, int | str], fn: str, targets: str, out: _Lines) -> None:
        hit = self._fresh("m")
        out.emit(f"{hit} = memo.get({key!r})")
        out.emit(f"if {hit} is None:")
        out.emit(f"    {hit} = memo[{key!r}] = {fn}(c)")
        out.emit(f"{targets} = {hit}")

    def _list_value(self, expr: ir.Expr, env: Env, out: _Lines) -> tuple[str, str]:
        """A list as a value: its elements (a tuple), with each element's own evidence."""
        elements, paths, evidence = self.items(expr, env, out)
        value, result = self._fresh("v"), self._fresh("e")
        out.emit(f"{value}, {result} = _as_list({elements}, {paths}, {evidence})")
        return value, result

    def _binary(
        self, op: str, left: ir.Expr, right: ir.Expr, env: Env, out: _Lines
    ) -> tuple[str, str]:
        """Both operands are read (for the evidence); unknown if either is."""
        (lv, le), (rv, re) = self.value(left, env, out), self.value(right, env, out)
        result = self._fresh("v")
        out.emit(f"{result} = None if {lv} is None or {rv} is None else {op}({lv}, {rv})")
        return result, _concat(le, re)

    def _call(
        self, fn: str, operands: tuple[ir.Expr, ...], env: Env, out: _Lines
    ) -> tuple[str, str]:
        """A runtime function that decides unknown-ness itself, on every operand's value."""
        read = [self.value(o, env, out) for o in operands]
        result = self._fresh("v")
        out.emit(f"{result} = {fn}({', '.join(v for v, _ in read)})")
        return result, _concat(*(e for _, e in read))

    def _kleene(
        self, operands: tuple[ir.Expr, ...], env: Env, out: _Lines, decisive: bool
    ) -> tuple[str, str]:
        """``et`` (decisive False) and ``ou`` (decisive True): the first decisive operand
        decides, with its evidence; else unknown (evidence of the unknown operands) or
        the other value (evidence of all).

        A short chain gathers evidence in tuples (the fastest for two or three operands);
        a long one (``a ou b ou …`` is flat, of any length) in dicts, made tuples once:
        adding to a tuple copies what was gathered, quadratic in the operands."""
        value, evidence, unknown, unknown_ev, other_ev = (
            self._fresh(p) for p in ("v", "e", "u", "eu", "eo")
        )
        long = len(operands) > _SHORT_CHAIN
        add = _extend if long else _add
        start = "_Gathered(), _Gathered()" if long else "(), ()"
        out.emit(f"{unknown}, {unknown_ev}, {other_ev} = False, {start}")
        out.emit("while True:")
        with out.indent(loop=True):
            for operand in operands:
                v, e = self.value(operand, env, out)
                out.emit(f"if {v} is None:")
                out.emit(f"    {unknown} = True")
                out.emit(f"    {add(unknown_ev, e)}")
                out.emit(f"elif {'' if decisive else 'not '}{v}:")
                out.emit(f"    {value}, {evidence} = {decisive}, {e}")
                out.emit("    break")
                out.emit("else:")
                out.emit(f"    {add(other_ev, e)}")
            gathered = _gathered(unknown_ev) if long else unknown_ev
            out.emit(f"if {unknown}:")
            out.emit(f"    {value}, {evidence} = None, {gathered}")
            out.emit("else:")
            gathered = _gathered(other_ev) if long else other_ev
            out.emit(f"    {value}, {evidence} = {not decisive}, {gathered}")
            out.emit("break")
        return value, evidence

    def _quantifier(
        self,
        var: str,
        collection: ir.Expr,
        body: ir.Expr | None,
        env: Env,
        out: _Lines,
        *,
        stop_on: bool,
    ) -> tuple[str, str]:
        """``pour chaque`` stops on the first false body, ``il existe`` on the first true,
        with that element's evidence; else unknown if some element's is, else the other
        value with the evidence of the list and of every element.

        A join (an ``il existe`` over a list of the record, inside a loop, whose condition
        equates a field of the element with an expression of the outer variables) first
        tries the elements of its index with that key: see :mod:`cls_check.engine.joins`.
        """
        if stop_on and body is not None and env and _closed(collection):
            join = joins.join_key(var, body, tuple(env))
            if join is not None:
                return self._join(var, collection, body, join, env, out)
        elements, paths, list_ev = self.items(collection, env, out)
        value, evidence = self._fresh("v"), self._fresh("e")
        out.emit(f"if {elements} is None:")
        out.emit(f"    {value}, {evidence} = None, {list_ev}")
        if body is None:  # « il existe un x de L » : L is not empty
            out.emit("else:")
            out.emit(f"    {value} = bool({elements})")
            out.emit(
                f"    {evidence} = {list_ev} + tuple((p, x) for x, p in "
                f"zip({elements}[:1], {paths}[:1]) if p)"
            )
            return value, evidence
        search = _Search(value, evidence, list_ev, stop_on, *self._fresh_names("u", "eu", "eo"))
        out.emit("else:")
        with out.indent():
            self._search(search, var, body, env, f"zip({elements}, {paths})", out)
            out.emit("else:")
            with out.indent():
                self._searched(search, out)
        return value, evidence

    def _join(
        self, var: str, collection: ir.Expr, body: ir.Expr, join: joins.Join, env: Env, out: _Lines
    ) -> tuple[str, str]:
        """``il existe`` as a join: the elements with the probed key (the index is built
        once per contract) and, if none of them satisfies the condition, every element."""
        elements, paths, list_ev, table = self._fresh_names("l", "lp", "e", "ix")
        fn = self._index_function(collection, join.names)
        self._memo_read(("index", fn), fn, f"{elements}, {paths}, {list_ev}, {table}", out)
        value, evidence, chosen, kind = self._fresh_names("v", "e", "k", "sh")
        search = _Search(value, evidence, list_ev, True, *self._fresh_names("u", "eu", "eo"))
        out.emit(f"if {elements} is None:")
        out.emit(f"    {value}, {evidence} = None, {list_ev}")
        out.emit("else:")
        shared = joins.shared_condition(var, body, join, tuple(env))
        if shared is not None:
            with out.indent():
                scan = self._scan_function(var, shared)
                probe, probe_path, _ = self.place(join.probe, env, out)
                out.emit(f"{chosen} = {table}.candidates({probe})")
                self._search(search, var, body, env, f"{chosen} or ()", out)
                out.emit("else:")
                with out.indent():
                    out.emit(f"{kind} = {table}.shared({probe}, {chosen})")
                    call = f"{scan}(c, {elements}, {paths}, {list_ev}, "
                    self._shared_scan((value, evidence), kind, call, (probe, probe_path), out)
            return value, evidence
        with out.indent():
            probe, _ = self.value(join.probe, env, out)
            out.emit(f"{chosen} = {table}.candidates({probe})")
            out.emit("while True:")
            with out.indent(loop=True):
                every = f"zip({elements}, {paths})"
                self._search(
                    search, var, body, env, f"{every} if {chosen} is None else {chosen}", out
                )
                out.emit("else:")
                with out.indent():
                    out.emit(f"if {chosen} is not None:  # no candidate holds: search them all")
                    out.emit(f"    {chosen} = None")
                    out.emit("    continue")
                    self._searched(search, out)
                out.emit("break")
        return value, evidence

    def _scan_function(self, var: str, condition: ir.Expr) -> str:
        """The function of a join's full scan (``il existe``) whose condition reads the
        outer elements only through its probe, the variable :data:`joins.PROBE`."""

        def body(out: _Lines) -> None:
            search = _Search("v", "e", "le", True, "u", "eu", "eo")
            env = {joins.PROBE: ("k", "kp")}
            self._search(search, var, condition, env, "zip(l, lp)", out)
            out.emit("else:")
            with out.indent():
                self._searched(search, out)
            out.emit("return v, e")

        return self._define("scan", ("l", "lp", "le", "k", "kp"), body)

    def _shared_scan(
        self, result: tuple[str, str], kind: str, call: str, probe: Binding, out: _Lines
    ) -> None:
        """Emit the full scan of a join (``call``, its probe's arguments to add): the
        probe's own, or, when ``kind`` names one, the scan shared by the probes of that
        kind, computed once per contract with the probe at :data:`joins.PROBE_PATH`, and
        the probe's own fact put in its place (see :func:`joins.placed`)."""
        value, evidence = result
        hit = self._fresh("m")
        key = f"({kind}, {call.split('(')[0]!r})"
        out.emit(f"if {kind} is None:")
        out.emit(f"    {value}, {evidence} = {call}{', '.join(probe)})")
        out.emit("else:")
        with out.indent():
            out.emit(f"{hit} = memo.get({key})")
            out.emit(f"if {hit} is None:")
            shared_probe = f"_ABSENT if {kind} == 'absent' else None, _PROBE_PATH"
            out.emit(f"    {hit} = memo[{key}] = _template({call}{shared_probe}))")
            out.emit(f"{value}, {evidence} = {hit}[0], _placed({hit}, {', '.join(probe)})")

    def _index_function(self, collection: ir.Expr, names: tuple[str, ...]) -> str:
        """The function building, once per contract, the index of a closed list by a key."""
        if (collection, names) not in self._indexes:

            def body(out: _Lines) -> None:
                elements, paths, evidence = self.items(collection, {}, out)
                index = f"None if {elements} is None else _Index({elements}, {paths}, {names!r})"
                out.emit(f"return {elements}, {paths}, {evidence}, {index}")

            self._indexes[collection, names] = self._define_later("index", body)
        return self._indexes[collection, names]

    def _search(
        self, search: _Search, var: str, body: ir.Expr, env: Env, pairs: str, out: _Lines
    ) -> None:
        """The loop of a quantifier over ``pairs`` (elements and their paths): it breaks on
        the deciding element, else gathers the evidence (the unknown elements', the
        others'). The caller emits its ``else:``."""
        s = search
        out.emit(f"{s.unknown}, {s.unknown_ev}, {s.other_ev} = False, _Gathered(), _Gathered()")
        element, element_path = self._fresh_names("x", "px")
        out.emit(f"for {element}, {element_path} in {pairs}:")
        with out.indent(loop=True):
            v, e = self.value(body, {**env, var: (element, element_path)}, out)
            out.emit(f"if {v} is {s.stop_on}:")
            out.emit(f"    {s.value}, {s.evidence} = {s.stop_on}, {e}")
            out.emit("    break")
            out.emit(f"if {v} is None:")
            out.emit(f"    {s.unknown} = True")
            out.emit(f"    {_extend(s.unknown_ev, e)}")
            out.emit("else:")
            out.emit(f"    {_extend(s.other_ev, e)}")

    @staticmethod
    def _searched(search: _Search, out: _Lines) -> None:
        """No element decided: unknown if one was, else the other value."""
        s = search
        out.emit(f"if {s.unknown}:")
        out.emit(f"    {s.value}, {s.evidence} = None, {_gathered(s.unknown_ev)}")
        out.emit("else:")
        gathered = f"({s.list_ev}) + {_gathered(s.other_ev)}"
        out.emit(f"    {s.value}, {s.evidence} = {not s.stop_on}, {gathered}")

    def _aggregate(
        self,
        var: str,
        collection: ir.Expr,
        condition: ir.Expr | None,
        amount: ir.Expr | None,
        env: Env,
        out: _Lines,
    ) -> tuple[str, str]:
        """``nombre de … où …`` (amount None) and ``somme de … pour chaque …``: unknown
        if a condition, or a counted amount, is."""
        total, unknown = self._fresh("t"), self._fresh("u")
        with self._fold(var, collection, env, out, f"{total}, {unknown}", "0, False") as fold:
            scope, evidence, _ = fold
            if condition is not None:
                keep = self._condition(condition, scope, evidence, unknown, out)
                out.emit("    continue")
                out.emit(f"if not {keep}:")
                out.emit("    continue")
            if amount is None:
                out.emit(f"{total} += 1")
            else:
                counted = self._condition(amount, scope, evidence, unknown, out)
                out.emit("else:")
                out.emit(f"    {total} += {counted}")
        out.emit(f"if {unknown}:")
        out.emit(f"    {total} = None")
        return total, evidence

    # ------------------------------------------------------------ requirements

    def _message(self, message: ir.Message, env: Env, out: _Lines) -> str:
        """Render a message: its text, each interpolated value in French."""
        parts: list[str] = []
        for part in message.parts:
            if isinstance(part, str):
                parts.append(repr(part))
            elif isinstance(part, ir.NoneShown):
                parts.append(f"_format_none({self.value(part.expr, env, out)[0]})")
            else:
                parts.append(f"_format({self.value(part, env, out)[0]})")
        text = self._fresh("s")
        out.emit(f"{text} = {' + '.join(parts) if parts else repr('')}")
        return text

    def _violation(self, req: ir.Requirement, fallback: str, env: Env, out: _Lines) -> str:
        """The first message whose condition is true (``sinon si``), else the default."""
        text = self._fresh("s")
        out.emit("while True:")
        with out.indent(loop=True):
            for conditional in req.messages:
                if conditional.condition is None:
                    out.emit(f"{text} = {self._message(conditional.message, env, out)}")
                    out.emit("break")
                    return text
                holds, _ = self.value(conditional.condition, env, out)
                out.emit(f"if {holds} is True:")
                with out.indent():
                    out.emit(f"{text} = {self._message(conditional.message, env, out)}")
                    out.emit("break")
            out.emit(f"{text} = {fallback!r}")
            out.emit("break")
        return text

    def _return(
        self,
        req: ir.Requirement,
        truth: bool | None,
        evidence: str,
        out: _Lines,
        failures: str = "()",
    ) -> None:
        """A satisfied requirement gives its note (``constat``), a violated one its
        failures, an unknown one nothing."""
        if truth is True and req.note is not None:
            note = self._message(req.note, {}, out)
            out.emit(f"return True, {evidence}, ({note},)")
        else:
            out.emit(f"return {truth}, {evidence}, {failures}")

    def _requirement(self, req: ir.Requirement, fallback: str, out: _Lines) -> None:
        match req.expr:
            case ir.ForAll(var, collection, body):
                self._each(req, var, collection, body, fallback, out)
            case ir.Checklist(check_items):
                self._checklist(req, check_items, fallback, out)
            case _:
                truth, evidence = self.value(req.expr, {}, out)
                out.emit(f"if {truth} is True:")
                with out.indent():
                    self._return(req, True, evidence, out)
                out.emit(f"if {truth} is None:")
                out.emit(f"    return None, {evidence}, ()")
                message = self._violation(req, fallback, {}, out)
                out.emit(f"return {truth}, {evidence}, ({message},)")

    def _each(
        self,
        req: ir.Requirement,
        var: str,
        collection: ir.Expr,
        body: ir.Expr,
        fallback: str,
        out: _Lines,
    ) -> None:
        """``exige pour chaque``: one message per failing element, with its evidence."""
        elements, paths, list_ev = self.items(collection, {}, out)
        out.emit(f"if {elements} is None:")
        out.emit(f"    return None, {list_ev}, ()")
        out.emit(_TALLY_START)
        element, element_path = self._loop(elements, paths, out)
        with out.indent(loop=True):
            scope = {var: (element, element_path)}
            v, e = self.value(body, scope, out)
            self._tally(v, e, lambda: self._violation(req, fallback, scope, out), out)
        self._tally_outcome(req, f"({list_ev}) + {_gathered('good')}", out)

    def _checklist(
        self, req: ir.Requirement, items: tuple[ir.CheckItem, ...], fallback: str, out: _Lines
    ) -> None:
        """``toutes ces conditions``: every item is read; each failing one gives its own
        message (the default message for items without one)."""
        out.emit(_TALLY_START)
        for item in items:
            v, e = self.value(item.condition, {}, out)
            message = item.message

            def render(message: ir.Message | None = message) -> str:
                if message is not None:
                    return self._message(message, {}, out)
                return self._violation(req, fallback, {}, out)

            self._tally(v, e, render, out)
        self._tally_outcome(req, _gathered("good"), out)

    @staticmethod
    def _tally(truth: str, evidence: str, failure: Callable[[], str], out: _Lines) -> None:
        """Count one element or item: its message when false (rendered only then)."""
        out.emit(f"if {truth} is False:")
        with out.indent():
            out.emit(f"failing.append({failure()})")
            out.emit(_extend("bad", evidence))
        out.emit(f"elif {truth} is None:")
        out.emit("    unknown = True")
        out.emit(f"    {_extend('unknown_ev', evidence)}")
        out.emit("else:")
        out.emit(f"    {_extend('good', evidence)}")

    def _tally_outcome(self, req: ir.Requirement, satisfied_ev: str, out: _Lines) -> None:
        """Violated if one failed (all their messages), else unknown if one was, else
        satisfied."""
        out.emit("if failing:")
        out.emit(f"    return False, {_gathered('bad')}, tuple(failing)")
        out.emit("if unknown:")
        out.emit(f"    return None, {_gathered('unknown_ev')}, ()")
        self._return(req, True, satisfied_ev, out)


#: The longest ``et`` / ``ou`` chain whose evidence is gathered in tuples (see ``_kleene``).
_SHORT_CHAIN = 4

# Evidence gathered over the elements or items: dicts by path, added to (a tuple each time
# would copy what was gathered so far: quadratic), made tuples once at the end.
_TALLY_START = (
    "failing, bad, unknown, unknown_ev, good = [], _Gathered(), False, _Gathered(), _Gathered()"
)
