"""DESIGN.md: dependencies point one way, cms -> lms -> courses; inside lms,
from room to room in one order, with no new import circle."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = {"courses": {"lms", "cms"}, "lms": {"cms"}}


def imported_top_levels(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_app_does_not_import_upstream(app):
    offenders = []
    for path in (ROOT / app).rglob("*.py"):
        bad = imported_top_levels(path) & FORBIDDEN[app]
        if bad:
            offenders.append(f"{path.relative_to(ROOT)} imports {sorted(bad)}")
    assert offenders == []


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_app_templates_do_not_name_upstream_templates(app):
    offenders = []
    for path in (ROOT / app).rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for upstream in FORBIDDEN[app]:
            if f'"{upstream}/' in text or f"'{upstream}/" in text:
                offenders.append(f"{path.relative_to(ROOT)} names {upstream}/")
    assert offenders == []


# --- Rooms inside lms ---------------------------------------------------------------
# Each room may import the rooms before it in this list, never one after it.
ROOMS = [
    "access",
    "people",
    "learning",
    "national",
    "certificates",
    "classes",
    "events",
    "help",
    "reports",
    "demo",
]
# Modules at the top of lms that every room shares: they import no room.
SHARED = {
    "lms.adapter",
    "lms.chosen",
    "lms.conf",
    "lms.csv_export",
    "lms.messaging",
    "lms.phones",
    "lms.privacy",
    "lms.qr",
    "lms.signals",
    "lms.task_options",
    "lms.text",
}
# Imports of lms modules allowed inside a function: the app's ready() (Django
# connects signal receivers there) and the PDF module, which loads reportlab.
LAZY_IMPORTS_ALLOWED = {
    ("lms.apps", "lms.certificates"),
    ("lms.apps", "lms.learning"),
    ("lms.apps", "lms.people"),
    ("lms.apps", "lms.reports"),
    ("lms.certificates.views", "lms.certificates.pdf"),
}


def lms_files() -> dict[str, Path]:
    files = {}
    for path in (ROOT / "lms").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        files[".".join(parts)] = path
    return files


def imported_names(node) -> set[str]:
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names}
    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        return {f"{node.module}.{alias.name}" for alias in node.names}
    return set()


def lms_import_graph() -> dict[str, set[str]]:
    """Module -> the lms modules it imports, at the top or inside a function."""
    files = lms_files()

    def module_of(name: str) -> str | None:
        while name and name not in files:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for module, path in files.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets |= imported_names(node)
        imported = {module_of(t) for t in targets if t.split(".")[0] == "lms"}
        graph[module] = {m for m in imported if m and m != module}
    return graph


def room_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ROOMS else None


def circles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_a_room_imports_only_the_rooms_before_it():
    offenders = []
    for module, imported in sorted(lms_import_graph().items()):
        room = room_of(module)
        for other in sorted(imported):
            other_room = room_of(other)
            if room and other_room and ROOMS.index(other_room) > ROOMS.index(room):
                offenders.append(f"{module} imports {other}")
    assert offenders == []


def test_the_shared_modules_at_the_top_of_lms_import_no_room():
    graph = lms_import_graph()
    offenders = [
        f"{module} imports {other}"
        for module in sorted(SHARED)
        for other in sorted(graph[module])
        if room_of(other)
    ]
    assert offenders == []


def test_no_import_circle_inside_lms():
    assert circles(lms_import_graph()) == []


def test_lms_modules_are_imported_at_the_top_of_a_module_not_inside_a_function():
    offenders = []
    for module, path in sorted(lms_files().items()):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                for name in imported_names(inner):
                    if name.split(".")[0] != "lms":
                        continue
                    target = name.rpartition(".")[0] if isinstance(inner, ast.ImportFrom) else name
                    if (module, target) not in LAZY_IMPORTS_ALLOWED:
                        offenders.append(f"{module}.{node.name} imports {name}")
    assert sorted(set(offenders)) == []


def test_no_model_imports_a_room():
    graph = lms_import_graph()
    offenders = [
        f"{module} imports {other}"
        for module in sorted(graph)
        if module == "lms.models" or module.startswith("lms.models.")
        for other in sorted(graph[module])
        if room_of(other)
    ]
    assert offenders == []


def test_the_circle_finder_finds_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [{"a", "b", "c"}]
