"""The notice engine is on the ground floor: its modules import no app. Each
app registers its kinds, renderers and planners in its own notices.py."""

import ast
from pathlib import Path

import pytest

HWBB = Path(__file__).resolve().parent.parent / "hwbb"
ENGINE = ["emails", "models", "notices", "notification_views", "notify", "reminders"]
ENGINE += ["tasks", "workdays"]
APPS = {"meetings", "strategy", "indicators"}


def _imported(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


@pytest.mark.parametrize("module", ENGINE)
def test_the_notice_engine_imports_no_app(module):
    found = {name for name in _imported(HWBB / f"{module}.py")}
    assert not {name for name in found if name.split(".")[0] in APPS}
