"""DESIGN.md: dependencies point one way, cms -> lms -> courses."""

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
