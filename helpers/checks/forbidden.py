"""Forbidden callables: a function exercise is not passed by handing in the course's own code.

A `FunctionExercise` declares ``forbidden=("helpers.fermi", ...)``: dotted names of the course
callables that compute the asked quantity. Anything in ``helpers.exercises`` or
``helpers.checks`` (a module, a function, a class: every callable there, not the constants) is
forbidden in every function exercise. Two independent decisions:

- `function_violation(function, forbidden)`: in `evaluate`/`check`, handed the function object.
  Looks at its code (nested code objects included), the globals and attribute names it uses,
  its closure cells and default arguments, recursively through the user functions it reaches
  (functions not defined in an installed package or in helpers), and compares the objects it
  finds with the forbidden ones by identity (so every alias counts).
- `source_violation(cells, expression, forbidden)`: in the grader's trusted process, from the
  submitted notebook's code only. Resolves the answer expression to its definition, follows the
  names it uses (imports, aliases, assignments, attribute chains, ``getattr`` with a literal name,
  default arguments, closures, module-level helper functions) to dotted names, and resolves those
  in the grader's own ``helpers`` (importing only modules of the course). Code whose calls cannot
  be resolved (``exec``, ``eval``, ``compile``, ``__import__``, ``importlib``, a computed
  ``getattr``, ``globals()``, ``vars()``, ``__dict__``, ``sys.modules``, a module the grader
  cannot see, a name defined nowhere in the notebook) is a violation too.

Both return None (nothing forbidden found) or the message for the student.
"""

import ast
import builtins
import functools
import importlib
import importlib.util
import inspect
import os
import sys
import sysconfig
import types

from .calls import cell_python

__all__ = ["function_violation", "source_violation", "forbidden_message"]

INTERNAL = ("helpers.exercises", "helpers.checks")

#: Builtins and modules that reach objects by a computed name: their use cannot be resolved.
DYNAMIC_NAMES = frozenset({"eval", "exec", "compile", "__import__", "globals", "vars", "locals",
                           "setattr", "delattr", "breakpoint", "get" + "_ipython",  # (split: only
                           # helpers.notebook names IPython's accessor, tests/test_layers.py)
                           "__builtins__",
                           "__loader__", "__spec__"})
DYNAMIC_MODULES = ("importlib", "sys.modules", "builtins", "operator.attrgetter",
                   "operator.methodcaller", "pickle", "marshal", "ctypes", "gc", "runpy", "code",
                   "codeop", "types", "inspect", "pkgutil", "IPython", "dill", "cloudpickle")
DYNAMIC_ATTRIBUTES = frozenset({"__dict__", "__globals__", "__builtins__", "__closure__",
                                "__code__", "__getattribute__", "__import__", "__self__",
                                "__wrapped__", "__func__", "__subclasses__", "__loader__",
                                "f_globals", "f_locals", "f_back", "gi_frame", "modules"})
_IPYTHON_NAMES = frozenset({"In", "Out", "_", "__", "___", "_i", "_ii", "_iii", "_oh", "_ih",
                            "_dh", "exit", "quit", "display", "__name__", "__file__", "__doc__"})


def forbidden_message(what):
    return (f"Your function uses {what}: the point of this exercise is to write that "
            "calculation yourself (numpy is fine), not to call the course's implementation.")


def _unresolvable_message(why):
    return (f"Your function {why}, so the checker cannot tell which functions it calls: this "
            "exercise asks you to write the calculation yourself with plain calls (numpy is "
            "fine). Remove it and check again.")


#: Course tools a student's function has no business with: never imported by the checker
#: (their import would start work, a figure backend, a grader), and unresolvable in an answer.
TOOLS = ("helpers.grading", "helpers.homework", "helpers.generate", "helpers.lecture",
         "helpers.figures")


def _is_tool(dotted):
    return any(dotted == t or dotted.startswith(t + ".") for t in TOOLS) or "__main__" in dotted


def _import_course(dotted):
    """The object `dotted` names in the course (only helpers.* is ever imported, never its
    tools), or None."""
    parts = dotted.split(".")
    if parts[0] != "helpers" or _is_tool(dotted):
        return None
    candidates = []
    # attribute chain from the package, importing submodules where an attribute is missing
    try:
        obj = importlib.import_module("helpers")
        for i, part in enumerate(parts[1:], start=2):
            if hasattr(obj, part):
                obj = getattr(obj, part)
            else:
                obj = importlib.import_module(".".join(parts[:i]))
        candidates.append(obj)
    except Exception:  # a name the course does not have: the student's code fails by itself
        pass
    # the longest importable module prefix, then attributes (``from helpers.fermi import ...``)
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
            for part in parts[cut:]:
                obj = getattr(obj, part)
            candidates.append(obj)
            break
        except Exception:
            continue
    return candidates


def _internal_name(name):
    return isinstance(name, str) and any(name == p or name.startswith(p + ".") for p in INTERNAL)


def _internal(obj, depth=0):
    """True for a module, a callable or an exercise object of helpers.exercises /
    helpers.checks (or a container of them, such as a module's EXERCISES list); their
    constants (numbers, arrays, dicts of numbers) are not."""
    try:
        if isinstance(obj, types.ModuleType):
            return _internal_name(obj.__name__)
        if callable(obj) and _internal_name(getattr(obj, "__module__", None)):
            return True
        if _internal_name(type(obj).__module__):
            return True
        if depth < 2 and isinstance(obj, (list, tuple, dict)) and len(obj) < 1000:
            items = obj.values() if isinstance(obj, dict) else obj
            return any(_internal(item, depth + 1) for item in items)
    except Exception:  # an object that resists inspection is not the course's
        return False
    return False


@functools.cache
def _targets(forbidden):
    """{id(object): (object, dotted name)} of the forbidden callables (aliases counted once)."""
    found = {}
    for dotted in forbidden:
        for obj in _import_course(dotted) or ():
            if callable(obj) and not isinstance(obj, types.ModuleType):
                found.setdefault(id(obj), (obj, dotted))
    return found


def _judge_object(obj, forbidden):
    """Message if `obj` is forbidden, else None."""
    targets = _targets(tuple(forbidden))
    hit = targets.get(id(obj))
    if hit is not None and hit[0] is obj:
        return forbidden_message(f"`{hit[1]}`")
    if _internal(obj):
        name = getattr(obj, "__name__", type(obj).__name__)
        return forbidden_message(f"`{name}` from the course's exercise and check code")
    return None


# --- (a) the function object -------------------------------------------------------------

_LIBRARY_DIRS = tuple(os.path.realpath(p) for p in {
    sysconfig.get_paths().get(k) for k in ("stdlib", "platstdlib", "purelib", "platlib")} if p)
_COURSE_DIR = os.path.realpath(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _user_code(function):
    """True for a function written by the student (not in an installed package, not in helpers)."""
    try:
        filename = os.path.realpath(function.__code__.co_filename)
    except Exception:
        return False
    return not filename.startswith(_LIBRARY_DIRS + (_COURSE_DIR + os.sep,))


def _code_objects(code):
    stack, found = [code], []
    while stack:
        current = stack.pop()
        found.append(current)
        stack += [c for c in current.co_consts if isinstance(c, types.CodeType)]
    return found


def function_violation(function, forbidden=()):
    """Message when `function` reaches a forbidden callable (see the module docstring), else None.

    Parameters
    ----------
    function : callable
        The student's answer.
    forbidden : sequence of str
        Dotted names of the forbidden course callables ("helpers.fermi").
    """
    forbidden = tuple(forbidden)
    seen, stack, modules, words = set(), [function], [], set()
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        message = _judge_object(obj, forbidden)
        if message:
            return message
        if isinstance(obj, types.ModuleType):
            modules.append(obj)
            continue
        if isinstance(obj, functools.partial):
            stack += [obj.func, *obj.args, *obj.keywords.values()]
            continue
        if isinstance(obj, types.MethodType):
            stack += [obj.__func__, obj.__self__]
            continue
        if isinstance(obj, (list, tuple, set, frozenset)) and len(obj) < 1000:
            stack += list(obj)
            continue
        if isinstance(obj, dict) and len(obj) < 1000:
            stack += list(obj.values())
            continue
        if not isinstance(obj, types.FunctionType):
            call = inspect.getattr_static(type(obj), "__call__", None)  # a callable instance
            if isinstance(call, types.FunctionType) and _user_code(call):
                stack.append(call)
                stack += list(getattr(obj, "__dict__", {}).values())
            continue
        if not _user_code(obj):
            continue
        namespace = getattr(obj, "__globals__", {})
        stack += list(obj.__defaults__ or ()) + list((obj.__kwdefaults__ or {}).values())
        for cell in obj.__closure__ or ():
            try:
                stack.append(cell.cell_contents)
            except ValueError:  # an empty cell
                pass
        for code in _code_objects(obj.__code__):
            names = set(code.co_names)
            words |= names | {c for c in code.co_consts if isinstance(c, str)}
            dynamic = sorted(names & DYNAMIC_NAMES)
            if dynamic:
                return _unresolvable_message(f"uses `{dynamic[0]}`")
            for name in names:
                if name in namespace:
                    stack.append(namespace[name])
    # attributes of the modules reached: helpers.fermi(...), hf.fermi, getattr(helpers, "fermi")
    done = set()
    while modules:
        module = modules.pop()
        if id(module) in done:
            continue
        done.add(id(module))
        if module.__name__.split(".")[0] in ("importlib", "builtins"):
            return _unresolvable_message(f"uses the module `{module.__name__}`")
        if module is sys and "modules" in words:
            return _unresolvable_message("uses `sys.modules`")
        for word in words:
            try:
                value = getattr(module, word, None) if word.isidentifier() else None
            except Exception:
                continue
            if value is None:
                continue
            message = _judge_object(value, forbidden)
            if message:
                return message
            if isinstance(value, types.ModuleType):
                modules.append(value)
    return None


# --- (b) the source code -------------------------------------------------------------------

class _Unresolvable(Exception):
    pass


class _Forbidden(Exception):
    pass


_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.ListComp,
           ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _scope_nodes(nodes):
    """Every node of one scope: nested scopes are yielded but not entered (their defaults and
    decorators are, they run in this scope)."""
    stack = list(reversed(list(nodes)))
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            stack += node.decorator_list + node.args.defaults + [
                d for d in node.args.kw_defaults if d is not None]
        elif isinstance(node, ast.Lambda):
            stack += node.args.defaults + [d for d in node.args.kw_defaults if d is not None]
        elif isinstance(node, ast.ClassDef):
            stack += node.decorator_list + node.bases + [k.value for k in node.keywords]
        elif isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            stack.append(node.generators[0].iter)
        else:
            stack += list(ast.iter_child_nodes(node))


def _target_names(target):
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for elt in target.elts for n in _target_names(elt)]
    if isinstance(target, ast.Starred):
        return _target_names(target.value)
    return []


class _Scope:
    """Names bound in one scope: name -> [("dotted", "helpers.fermi") | ("node", def or class)
    | ("expr", value) | ("opaque", None)], plus star imports and ``global`` declarations."""

    def __init__(self, body, params=()):
        self.bindings, self.stars, self.globals = {}, [], set()
        for name in params:
            self._add(name, "opaque", None)
        top = {id(stmt) for stmt in body}
        for node in _scope_nodes(body):
            if id(node) in top:  # an unconditional statement: a later binding replaces earlier ones
                self._current = node
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self._add(node.name, "node", node)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        self._add(alias.asname, "dotted", alias.name)
                    else:
                        root = alias.name.split(".")[0]
                        self._add(root, "dotted", root)
            elif isinstance(node, ast.ImportFrom):
                module = ("." * node.level) + (node.module or "")
                for alias in node.names:
                    if alias.name == "*":
                        self.stars.append(module)
                    else:
                        self._add(alias.asname or alias.name, "dotted", f"{module}.{alias.name}")
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    kind = "expr" if isinstance(target, ast.Name) else "opaque"
                    for name in _target_names(target):
                        self._add(name, kind, node.value if kind == "expr" else None)
            elif isinstance(node, (ast.AnnAssign, ast.NamedExpr)) and node.value is not None:
                for name in _target_names(node.target):
                    self._add(name, "expr", node.value)
            elif isinstance(node, (ast.AugAssign, ast.For, ast.AsyncFor)):
                for name in _target_names(node.target):
                    self._add(name, "opaque", None)
            elif isinstance(node, ast.withitem) and node.optional_vars is not None:
                for name in _target_names(node.optional_vars):
                    self._add(name, "opaque", None)
            elif isinstance(node, ast.ExceptHandler) and node.name:
                self._add(node.name, "opaque", None)
            elif isinstance(node, (ast.Global, ast.Nonlocal)):
                self.globals.update(node.names)
        for name in self.globals:
            self.bindings.pop(name, None)

    _current = None

    def _add(self, name, kind, value):
        entries = self.bindings.setdefault(name, [])
        current = self._current
        unconditional = current is not None and (
            value is current or (value is not None and getattr(current, "value", None) is value)
            or isinstance(current, (ast.Import, ast.ImportFrom)))
        if unconditional and not isinstance(current, (ast.AugAssign,)):
            entries.clear()
        entries.append((kind, value))


def _params(args):
    names = [a.arg for a in args.posonlyargs + args.args + args.kwonlyargs]
    names += [a.arg for a in (args.vararg, args.kwarg) if a is not None]
    return names


def _chain(node):
    """(root node, [attribute names]) of ``a.b.c`` / ``getattr(a.b, "c")``; a computed getattr
    raises _Unresolvable."""
    attrs = []
    while True:
        if isinstance(node, ast.Attribute):
            attrs.append(node.attr)
            node = node.value
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id == "getattr" and node.args):
            if len(node.args) < 2 or not (isinstance(node.args[1], ast.Constant)
                                          and isinstance(node.args[1].value, str)):
                raise _Unresolvable("uses getattr with a computed name")
            attrs.append(node.args[1].value)
            node = node.args[0]
        else:
            return node, attrs[::-1]


class _SourceAnalysis:
    def __init__(self, module_body, forbidden):
        self.module = _Scope(module_body)
        self.forbidden = tuple(forbidden)
        self.done = set()
        self.queue = []
        self.patched = self._patched_modules(module_body)

    def _patched_modules(self, body):
        """Dotted names of imported modules (or their attributes) the notebook assigns to
        anywhere (``np.exp = ...``, ``setattr(np, ...)``): what they hold is not what the
        grader's own import says."""
        patched = set()
        for node in (n for stmt in body for n in ast.walk(stmt)):
            targets = []
            if isinstance(node, (ast.Assign, ast.Delete)):
                targets = node.targets
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
                targets = [node.target]
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                  and node.func.id in ("setattr", "delattr") and node.args):
                targets = [node.args[0]]
            for target in targets:
                while isinstance(target, ast.Subscript):
                    target = target.value
                attrs = []
                while isinstance(target, ast.Attribute):
                    attrs.append(target.attr)
                    target = target.value
                if not isinstance(target, ast.Name) or (not attrs and not isinstance(
                        node, ast.Call)):
                    continue
                for kind, value in self.module.bindings.get(target.id, []):
                    if kind == "dotted":
                        patched.add(".".join([value] + attrs[::-1]))
        return patched

    # resolution of names and chains to dotted names
    def _lookup(self, name, scopes):
        """(binding entries, the scopes they live in) of `name`, or (None, None)."""
        for i, scope in enumerate(scopes):
            if name in scope.globals:
                break
            if name in scope.bindings:
                return scope.bindings[name], scopes[i:]
        if name in self.module.bindings:
            return self.module.bindings[name], [self.module]
        return None, None

    def _dotted(self, name, scopes, depth=0):
        """Dotted names `name` may stand for; schedules the definitions it reaches."""
        if depth > 50:
            raise _Unresolvable(f"uses `{name}` through a chain of aliases too long to follow")
        entries, where = self._lookup(name, scopes)
        if entries is None:
            for star in self.module.stars:
                if star.startswith("helpers"):
                    for obj in _import_course(star) or ():
                        if hasattr(obj, name):
                            return [f"{star}.{name}"]
                else:
                    self._check_module(star)
                    return []  # assumed to come from that (visible, installed) module
            if name in DYNAMIC_NAMES:
                raise _Unresolvable(f"uses `{name}`")
            if hasattr(builtins, name) or name in _IPYTHON_NAMES:
                return []
            raise _Unresolvable(f"uses `{name}`, which is defined nowhere in your notebook")
        found = []
        for kind, value in entries:
            if kind == "dotted":
                found.append(value)
            elif kind == "node":
                self._schedule(value, where)
            elif kind == "expr":
                found += self._expr_dotted(value, where, depth + 1)
        return found

    def _expr_dotted(self, node, scopes, depth=0):
        try:
            root, attrs = _chain(node)
        except _Unresolvable:
            raise
        if isinstance(root, ast.Name):
            bases = self._dotted(root.id, scopes, depth)
            return [".".join([b] + attrs) for b in bases]
        self._schedule(node, scopes)
        return []

    def _schedule(self, node, scopes):
        if id(node) not in self.done:
            self.done.add(id(node))
            self.queue.append((node, list(scopes)))

    def _check_module(self, dotted):
        """A module outside the course must be one the grader can see (installed)."""
        root = dotted.split(".")[0]
        if not root or dotted.startswith("."):
            raise _Unresolvable(f"imports `{dotted}`, a relative import")
        if root == "helpers":
            return
        for prefix in DYNAMIC_MODULES:
            if dotted == prefix or dotted.startswith(prefix + "."):
                raise _Unresolvable(f"uses `{dotted}`")
        if root in sys.builtin_module_names:
            return
        try:
            spec = importlib.util.find_spec(root)
        except (ImportError, ValueError):
            spec = None
        if spec is None or root in ("__main__",):
            raise _Unresolvable(f"imports `{root}`, a module the checker cannot see (a file of "
                                "your own?)")
        if spec.origin in (None, "frozen", "built-in"):
            return
        origin = os.path.realpath(spec.origin)
        if root not in sys.builtin_module_names and origin and not origin.startswith(
                _LIBRARY_DIRS):
            raise _Unresolvable(f"imports `{root}`, a module the checker cannot see")

    def _check_dotted(self, dotted):
        if _is_tool(dotted):
            raise _Unresolvable(f"uses `{dotted}`, a course tool")
        for name in self.patched:
            if dotted == name or dotted.startswith(name + "."):
                raise _Unresolvable(f"uses `{dotted}`, which your notebook assigns to")
        self._check_module(dotted)
        for obj in _import_course(dotted) or ():
            message = _judge_object(obj, self.forbidden)
            if message:
                raise _Forbidden(message)

    # walking the code that runs when the answer is called
    def _walk(self, node, scopes):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            for expr in (getattr(node, "decorator_list", []) + node.args.defaults
                         + [d for d in node.args.kw_defaults if d is not None]):
                self._walk(expr, scopes)
            body = node.body if isinstance(node.body, list) else [node.body]
            inner = [_Scope(body, _params(node.args))] + scopes
            for stmt in body:
                self._walk(stmt, inner)
            return
        if isinstance(node, ast.ClassDef):
            for expr in node.decorator_list + node.bases + [k.value for k in node.keywords]:
                self._walk(expr, scopes)
            inner = [_Scope(node.body)] + scopes
            for stmt in node.body:
                self._walk(stmt, inner)
            return
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            names = [n for g in node.generators for n in _target_names(g.target)]
            inner = [_Scope([], names)] + scopes
            for child in ast.iter_child_nodes(node):
                self._walk(child, inner)
            return
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            module = ("." * getattr(node, "level", 0)) + (getattr(node, "module", None) or "")
            for alias in node.names:
                dotted = alias.name if isinstance(node, ast.Import) else (
                    module if alias.name == "*" else f"{module}.{alias.name}")
                self._check_dotted(dotted)
            return
        if isinstance(node, ast.Attribute) and node.attr in DYNAMIC_ATTRIBUTES:
            raise _Unresolvable(f"uses `.{node.attr}`")
        if isinstance(node, (ast.Attribute, ast.Name, ast.Call)):
            try:
                root, attrs = _chain(node)
            except _Unresolvable:
                raise
            if isinstance(root, ast.Name) and (attrs or isinstance(node, ast.Name)):
                if isinstance(root.ctx, ast.Load):
                    for base in self._dotted(root.id, scopes):
                        self._check_dotted(".".join([base] + attrs))
                if isinstance(node, ast.Call):  # getattr(x, "name"): the arguments are done
                    return
                if isinstance(node, (ast.Name, ast.Attribute)):
                    return
        for child in ast.iter_child_nodes(node):
            self._walk(child, scopes)

    def run(self, expression_node):
        self._schedule(expression_node, [])
        while self.queue:
            node, scopes = self.queue.pop()
            self._walk(node, scopes)


def source_violation(cells, expression, forbidden=()):
    """Message when the code behind `expression` reaches a forbidden callable or cannot be
    resolved (see the module docstring), else None. Pure syntax: nothing of the student's runs.

    Parameters
    ----------
    cells : sequence of str
        The submitted notebook's code cells, in order (IPython syntax allowed).
    expression : str
        The answer expression of the exercise's check cell ("occupation").
    forbidden : sequence of str
        Dotted names of the forbidden course callables.
    """
    body = []
    for source in cells:
        try:
            body += ast.parse(cell_python(source)).body
        except (SyntaxError, ValueError):
            continue  # a cell that is not Python does not define anything
    try:
        expression_node = ast.parse(expression, mode="eval").body
    except (SyntaxError, ValueError):
        return _unresolvable_message("is given by an expression that is not Python")
    analysis = _SourceAnalysis(body, forbidden)
    try:
        analysis.run(expression_node)
    except _Forbidden as exc:
        return str(exc)
    except _Unresolvable as exc:
        return _unresolvable_message(str(exc))
    except RecursionError:
        return _unresolvable_message("is nested too deeply")
    return None


def _is_function(obj):
    return inspect.isfunction(obj) or inspect.ismethod(obj) or isinstance(obj, functools.partial)
