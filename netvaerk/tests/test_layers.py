"""The layers hold: import-linter's contract (pyproject.toml) is kept, and every app of the project
is under it, so a new app cannot sit outside the layers unnoticed."""

import subprocess
import sys
import tomllib
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]


def _config():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]


def test_every_project_app_is_in_the_layer_contract():
    project_apps = {
        config.name.split(".")[0]
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == ROOT  # the project's own apps, not those in the virtualenv
    }
    assert {"netvaerk", "meetings", "registration"} <= project_apps
    config = _config()
    layered = {name.strip() for layer in config["contracts"][0]["layers"] for name in layer.split("|")}
    assert project_apps <= set(config["root_packages"]), project_apps - set(config["root_packages"])
    assert project_apps <= layered, project_apps - layered


def test_lint_imports_keeps_the_layers():
    linter = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(linter), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout
