"""The shape of builder/: no import cycle between its modules, and no module (Python, or the
runtime's JavaScript) over 400 lines.

Imports are read from each module's syntax tree, so an import inside a function (the lazy
imports that keep a no-op build quick) counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BUILDER = Path(__file__).resolve().parents[1] / "builder"
MAX_LINES = 400
# In the order the data flows; targets (the package formats) are consulted by render and package.
STAGES = ("discover", "load", "check", "outline", "targets", "render", "package")


def module_name(path: Path, root: Path = BUILDER) -> str:
    parts = ["builder", *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def builder_modules(root: Path = BUILDER) -> dict[str, Path]:
    return {module_name(p, root): p for p in sorted(root.rglob("*.py"))}


def imports_of(path: Path, name: str, known: set[str]) -> set[str]:
    """The builder modules `path` imports: `from builder.x import y` names builder.x.y when
    that is a module, else builder.x; `from . import` is resolved against `name`."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base not in known:
                continue
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in known else base)
    found.discard(name)
    return found


def import_graph(root: Path = BUILDER) -> dict[str, set[str]]:
    modules = builder_modules(root)
    known = set(modules)
    return {name: imports_of(path, name, known) for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as [a, b, ..., a], or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def long_modules(root: Path = BUILDER, pattern: str = "*.py") -> list[str]:
    return [
        f"{path.relative_to(root.parent)}: {count} lines"
        for path in sorted(root.rglob(pattern))
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    ]


def test_no_import_cycle_in_builder():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_no_builder_module_over_400_lines():
    assert long_modules() == []


def test_no_runtime_script_over_400_lines():
    assert long_modules(BUILDER / "runtime", "*.js") == []


def test_each_stage_is_a_subpackage_with_a_docstring():
    for name in (*STAGES, "model", "handbook", "tools"):
        init = BUILDER / name / "__init__.py"
        assert init.is_file(), f"builder/{name}/ is not a package"
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and "May import" in doc, (
            f"builder/{name}/__init__.py must say what it may import"
        )


def test_no_stage_imports_a_later_stage():
    graph = import_graph()
    order = {stage: n for n, stage in enumerate(STAGES)}
    for module, targets in graph.items():
        stage = module.split(".")[1] if "." in module else ""
        for target in targets:
            other = target.split(".")[1] if "." in target else ""
            if stage in order and other in order:
                assert order[other] <= order[stage], f"{module} imports the later {target}"


# The checks above must be able to fail: run them on small trees made to break them.


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "builder"
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "files",
    [
        {"__init__.py": "", "a.py": "from builder.b import x\n", "b.py": "import builder.a\n"},
        {
            "__init__.py": "",
            "p/__init__.py": "",
            "p/a.py": "def f():\n    from builder.q import b\n",
            "q/__init__.py": "",
            "q/b.py": "from builder.p.a import f\n",
        },
        {
            "__init__.py": "",
            "p/__init__.py": "",
            "p/a.py": "from . import b\n",
            "p/b.py": "from .a import f\n",
        },
    ],
    ids=["top-level", "lazy-import", "relative"],
)
def test_a_cycle_is_found(tmp_path, files):
    root = _tree(tmp_path, files)
    assert find_cycle(import_graph(root)) is not None


def test_no_cycle_is_found_in_a_chain(tmp_path):
    root = _tree(tmp_path, {"__init__.py": "", "a.py": "import builder.b\n", "b.py": "x = 1\n"})
    assert find_cycle(import_graph(root)) is None


def test_a_long_module_is_found(tmp_path):
    root = _tree(tmp_path, {"__init__.py": "", "big.py": "x = 1\n" * 401, "ok.py": "x = 1\n" * 400})
    assert long_modules(root) == ["builder/big.py: 401 lines"]


def test_a_long_script_is_found(tmp_path):
    root = _tree(tmp_path, {"__init__.py": "", "big.js": "x;\n" * 401, "ok.js": "x;\n" * 400})
    assert long_modules(root, "*.js") == ["builder/big.js: 401 lines"]
