"""Permissions named in the reader's language.

Django stores ``Permission.name`` once, in English, when it migrates ("Can add
meeting"). The admin lists permissions (the user and group forms) by this
label instead: the model's translated name, the action translated for the
four default permissions, and a custom permission's name looked up in the
model's ``Meta.permissions`` (written with gettext_lazy) or, for another
app's, in the translation catalogues.
"""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Django's own four, named by codename "<action>_<model>".
DEFAULT_ACTIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


def permission_name(permission: Permission) -> str:
    """What the permission allows, in the active language ("Kan tilføje møde")."""
    model = permission.content_type.model_class()
    if model is None:  # a content type whose model is gone
        return gettext(permission.name)
    opts = model._meta
    action, _sep, model_name = permission.codename.partition("_")
    if action in DEFAULT_ACTIONS and model_name == opts.model_name and action in opts.default_permissions:
        return DEFAULT_ACTIONS[action] % {"model": model_name_of(model)}
    declared = dict(opts.permissions).get(permission.codename)
    return str(declared) if declared is not None else gettext(permission.name)


def permission_label(permission: Permission) -> str:
    """Django's "app | model | permission" with every part in the active language."""
    model = permission.content_type.model_class()
    if model is None:
        return f"{permission.content_type} | {permission_name(permission)}"
    return f"{model._meta.app_config.verbose_name} | {model_name_of(model)} | {permission_name(permission)}"


def model_name_of(model) -> str:
    """The model's name in the active language, also when Django made it from the class name (netvaerk/wording.py)."""
    return gettext(str(model._meta.verbose_name))


class TranslatedPermissionsMixin:
    """For an admin whose form lists permissions: each by its label in the reader's language."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and db_field.related_model is Permission:
            field.label_from_instance = permission_label
        return field
