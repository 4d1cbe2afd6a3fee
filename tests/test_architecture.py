"""The shape of the code (../shared/design/architecture.md, README
"Architecture"): imports run down the floors, never up, and the rule on who may
read closed (exempt) content is written once, in the models."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("hwbb", "meetings", "strategy", "indicators")

# The floor of a module: the longest prefix listed wins. A module imports only
# from its own floor or below.
FLOORS = {
    "hwbb": 0,  # settings, celery, roles, notify, emails, uploads, API bases
    "indicators": 1,  # areas, indicators, values, judgements
    "strategy": 2,  # frameworks, pillars, priorities, tags, progress
    "meetings": 3,  # bodies, people, agenda, minutes, actions, papers
    # Pages that join the apps: home, search, golden thread, dashboards, and
    # the URLconfs that route to them (a URLconf imports its pages' views).
    "strategy.views": 4,
    "strategy.dashboards": 4,
    "strategy.urls": 4,
    "meetings.views": 4,
    "meetings.urls": 4,
    "meetings.urls_site": 4,
    "meetings.urls_notifications": 4,
    "meetings.urls_alerts": 4,
}


def floor_of(module):
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        prefix = ".".join(parts[:end])
        if prefix in FLOORS:
            return FLOORS[prefix]
    return None  # Django, the standard library and other packages


def _module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path, module):
    """(line, imported module) for every import in the file, inside
    functions too: an import that dodges a cycle still runs up."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([base] if base else []))
            # `from meetings import views` imports meetings.views.
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}"


def _sources():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def _upward(path, module):
    own = floor_of(module)
    for line, imported in _imports(path, module):
        floor = floor_of(imported)
        if floor is not None and floor > own:
            yield f"{module}:{line} (floor {own}) imports {imported} (floor {floor})"


def test_imports_run_down_the_floors():
    found = [line for path in _sources() for line in _upward(path, _module_name(path))]
    assert found == []


def test_the_floor_check_finds_an_import_that_runs_up(tmp_path):
    """The check itself can fail: a ground-floor module importing an app
    inside a function, as a dodged cycle would."""
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    from meetings.models import Meeting\n")
    assert len(list(_upward(probe, "hwbb.probe"))) == 1
    assert list(_upward(probe, "meetings.views.probe")) == []


@pytest.mark.parametrize(
    "module, floor",
    [("hwbb.notify", 0), ("meetings.views.public", 4), ("strategy.models", 2)],
)
def test_floors_are_read_by_longest_prefix(module, floor):
    assert floor_of(module) == floor


# Who may read a row's closed content is decided by the model (its queryset
# annotates it, its property reads it): nowhere else works it out again.
# (An exempt report needing its paragraph is a rule about the row, not a reader.)
CLOSED_RULE = re.compile(
    r"is_exempt\s+and\s+not\s+(?!\w+\.exempt_paragraph)|show_closed|_closed_readable"
)


def _outside_the_models():
    models = ROOT / "meetings" / "models"
    for path in _sources():
        if models not in path.parents:
            yield path
    yield from sorted((ROOT / "templates").rglob("*.html"))


def test_the_closed_content_rule_is_written_only_in_the_models():
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in _outside_the_models()
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if CLOSED_RULE.search(line)
    ]
    assert found == []


def _imports_of_test_modules(path, module):
    for line, imported in _imports(path, module):
        leaf = imported.split(".")[-2:]
        if imported.startswith("tests.") and any(p.startswith("test_") for p in leaf):
            yield f"{module}:{line} imports {imported}"


def test_tests_share_helpers_through_helper_modules_only():
    """A test module imports its helpers from tests/helpers.py, factories,
    files, a conftest or e2e/browser.py, never from another test module."""
    found = [
        line
        for path in sorted((ROOT / "tests").rglob("test_*.py"))
        for line in _imports_of_test_modules(path, _module_name(path))
    ]
    assert found == []


def test_the_helper_check_finds_a_test_module_imported(tmp_path):
    probe = tmp_path / "test_probe.py"
    probe.write_text(
        "from tests.meetings.test_search import _hits\nfrom tests.helpers import x\n"
    )
    assert len(list(_imports_of_test_modules(probe, "tests.test_probe"))) == 1
