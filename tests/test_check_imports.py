"""scripts/check_imports.py: no import cycle between modules of inspection/ (issue 9)."""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "check_imports.py"


def run(root):
    return subprocess.run([sys.executable, str(SCRIPT), str(root)], capture_output=True, text=True, check=False)


def tree(tmp_path, files):
    for name, text in files.items():
        path = tmp_path / "inspection" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def test_the_package_has_no_import_cycle():
    result = run(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No import cycle" in result.stdout


def test_a_cycle_through_a_function_level_import_of_a_private_name_fails(tmp_path):
    root = tree(
        tmp_path,
        {
            "__init__.py": "",
            "part/__init__.py": "",
            "part/views.py": """
                def _helper():
                    pass

                def page():
                    from inspection.part.task_views import other
                    return other
            """,
            "part/task_views.py": "from .views import _helper\n\nother = _helper\n",
        },
    )
    result = run(root)
    assert result.returncode == 1
    assert "CYCLE: inspection.part.task_views, inspection.part.views" in result.stdout
    assert "inspection.part.views -> inspection.part.task_views" in result.stdout


def test_a_package_registering_its_submodules_is_not_a_cycle(tmp_path):
    root = tree(
        tmp_path,
        {
            "__init__.py": "",
            "part/__init__.py": "def init_app(app):\n    from inspection.part import views  # noqa\n",
            "part/blueprint.py": "bp = object()\n",
            "part/views.py": "from inspection.part.blueprint import bp\nimport inspection.part\n",
        },
    )
    result = run(root)
    assert result.returncode == 0, result.stdout


def test_every_cycle_fails_there_is_no_allowance(tmp_path):
    root = tree(
        tmp_path,
        {
            "__init__.py": "",
            "queue.py": "from inspection.dossier import tasks\n",
            "dossier/__init__.py": "",
            "dossier/tasks.py": "from inspection import queue\n",
            "register/__init__.py": "",
            "register/views.py": "from inspection.register.views_tasks import x\n",
            "register/views_tasks.py": "from inspection.register import views\nx = 1\n",
        },
    )
    result = run(root)
    assert result.returncode == 1
    assert "CYCLE: inspection.dossier.tasks, inspection.queue" in result.stdout
    assert "CYCLE: inspection.register.views, inspection.register.views_tasks" in result.stdout
    assert "2 import cycle(s)" in result.stdout
