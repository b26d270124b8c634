#!/usr/bin/env python3
"""Fail when two modules of the `inspection` package import each other, directly or round a loop.

The graph: one node per module file under inspection/ (`inspection/register/views.py` is
`inspection.register.views`, a package's `__init__.py` is the package's own name). An edge
A → B for every `import` or `from … import …` in A's source that names B — at module level
AND inside functions or classes (a deferred import still ties the two modules together; it
only hides the tie from the interpreter). Relative imports are resolved against A.
`from P import x` points at the module `P.x` when that file exists (x is a submodule),
else at `P` itself (x is a name defined in P). Only the module named counts: importing
`a.b.c` does not add edges to the packages `a` and `a.b` that Python also executes.

The one exception: a package's `__init__` importing its own submodules (anything below
it) to register blueprints, rules or commands is not an edge. That is how a part plugs
itself into the app, and the submodule never needs the package back for it. Every other
edge counts, including a submodule importing its package's `__init__`.

A cycle is a strongly connected component of two or more modules; each is printed with the
edges inside it, and the script exits 1. There is no allow-list: a cycle is broken, not forgiven.

Usage: python scripts/check_imports.py [ROOT]   (ROOT defaults to the repository root)
"""

import ast
import sys
from pathlib import Path

PACKAGE = "inspection"

# Modules whose mutual imports are tolerated FOR NOW (see the docstring): the cases part is
# being split into blueprint/view modules on another branch, and queue ↔ dossier.tasks
# (with dossier.operations, which queues those tasks and which they call back) on a third.
# Empty this set after those merges.


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(root: Path) -> dict[str, Path]:
    """Every module of the package: dotted name → file."""
    return {module_name(p, root): p for p in sorted((root / PACKAGE).rglob("*.py"))}


def _resolve(name: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module a `from` statement starts from."""
    if not node.level:
        return node.module or ""
    base = name.split(".") if is_package else name.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
    return ".".join(base + ([node.module] if node.module else []))


def _nearest(dotted: str, known) -> str | None:
    """The longest prefix of `dotted` that is a known module (`a.b.c.func` → `a.b.c`)."""
    parts = dotted.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in known:
            return candidate
        parts.pop()
    return None


def imports_of(name: str, path: Path, known) -> set[str]:
    """The package modules that `name` imports anywhere in its source."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            start = _resolve(name, is_package, node)
            targets = [f"{start}.{alias.name}" if f"{start}.{alias.name}" in known else start for alias in node.names]
        else:
            continue
        for target in targets:
            module = _nearest(target, known)
            if module and module != name and not (is_package and module.startswith(name + ".")):
                found.add(module)
    return found


def graph(root: Path) -> dict[str, set[str]]:
    known = modules(root)
    return {name: imports_of(name, path, known) for name, path in known.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of two or more modules (Tarjan, iterative)."""
    index, low, on_stack, stack, result, counter = {}, {}, set(), [], [], [0]
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    result.append(sorted(component))
    return sorted(result)


def main(argv) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent
    edges = graph(root)
    failing = 0
    for component in cycles(edges):
        members = set(component)
        print(f"CYCLE: {', '.join(component)}")
        for source in component:
            for target in sorted(edges[source] & members):
                print(f"    {source} -> {target}")
        failing += 1
    if failing:
        print(f"{failing} import cycle(s) in {PACKAGE}/; break them (see scripts/check_imports.py).")
        return 1
    print(f"No import cycle between the {len(edges)} modules of {PACKAGE}/.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
