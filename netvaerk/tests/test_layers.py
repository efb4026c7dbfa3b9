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


def test_each_app_registers_the_admins_of_its_own_models_and_others_only_contribute():
    from django.contrib import admin

    from meetings.models import Meeting
    from netvaerk.admin import ADMIN_CONTRIBUTIONS
    from netvaerk.models import Network

    for model in apps.get_models():
        if admin.site.is_registered(model) and Path(model._meta.app_config.path).resolve().parent == ROOT:
            # Registered by the model's own app: no app replaces another app's admin.
            model_admin = admin.site.get_model_admin(model)
            assert type(model_admin).__module__.split(".")[0] == model._meta.app_label, model
    meeting_admin = admin.site.get_model_admin(Meeting)
    contributed = {mixin.__module__ for mixin in ADMIN_CONTRIBUTIONS[Meeting]}
    assert contributed == {"registration.admin", "craft.admin", "outreach.admin"}
    assert all(isinstance(meeting_admin, mixin) for mixin in ADMIN_CONTRIBUTIONS[Meeting])
    assert {"confirmed", "links"} <= set(meeting_admin.list_display) and {"planning_help", "invitation_step"} <= set(
        meeting_admin.readonly_fields
    )
    assert "write_to_participants" in meeting_admin.actions and "duplicate_meeting" in meeting_admin.actions
    assert "this_year" in admin.site.get_model_admin(Network).list_display
