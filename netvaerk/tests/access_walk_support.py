"""The access walk's helpers: database snapshots, forms filled as their owner would, refusals."""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.db import transaction
from django.urls import reverse

from netvaerk.tests.access_walk_world import MARK


def db_state() -> dict:
    """Every row of every table (sessions aside: logging in writes one)."""
    state = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label_lower == "sessions.session" or model._meta.proxy:
            continue
        state[model._meta.label_lower] = list(model._base_manager.order_by("pk").values_list())
    return state


def changed_tables(before: dict, after: dict) -> list[str]:
    return [label for label in before if before[label] != after[label]]


def _widget(field):
    widget = field.widget
    while isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    return widget


def form_data(form) -> dict:
    """What a browser would send for a rendered form: its current values, as the widgets write them."""
    data = {}
    for bound in form:
        field, name = bound.field, bound.html_name
        if isinstance(field, forms.FileField):
            continue
        value, widget = bound.value(), _widget(field)
        if isinstance(widget, forms.MultiWidget):
            parts = value if isinstance(value, list | tuple) else widget.decompress(value)
            for i, (sub, part) in enumerate(zip(widget.widgets, parts, strict=False)):
                formatted = sub.format_value(part)
                data[f"{name}_{i}"] = "" if formatted is None else formatted
        elif isinstance(widget, forms.CheckboxInput):
            if value:
                data[name] = "on"
        elif isinstance(widget, forms.Select | forms.RadioSelect):
            formatted = widget.format_value(value)
            if isinstance(widget, forms.SelectMultiple | forms.CheckboxSelectMultiple):
                data[name] = [v for v in formatted if v != ""]
            elif isinstance(formatted, list):
                data[name] = formatted[0] if formatted else ""
            else:
                data[name] = formatted
        elif isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        else:
            formatted = widget.format_value(value)
            data[name] = "" if formatted is None else formatted
    return data


def formset_data(formset) -> dict:
    data = form_data(formset.management_form)
    for form in formset.forms:
        data.update(form_data(form))
    return data


def admin_form_payload(response) -> dict:
    """The POST that saves an admin change form as it stands (with its inlines)."""
    data = form_data(response.context["adminform"].form)
    inlines = response.context["inline_admin_formsets"] if "inline_admin_formsets" in response.context else []
    for inline in inlines:
        data.update(formset_data(inline.formset))
    return data


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def assert_refused(response, url):
    admin_missing = response.status_code == 302 and response["Location"] == reverse("admin:index")
    # 405: a POST-only URL asked with GET answers before anything is read.
    assert response.status_code in (403, 404, 405) or admin_missing, f"{url}: {response.status_code}"
    assert MARK.encode() not in body(response), url


def assert_unseen(response, url):
    """A list page: open, without B's objects."""
    assert response.status_code in (200, 302, 403, 404), f"{url}: {response.status_code}"
    assert MARK.encode() not in body(response), url


def rolled_back(post, url, data):
    """POST, then undo what it wrote; return the response and the tables it changed."""
    with transaction.atomic():
        before = db_state()
        response = post(url, data)
        changed = changed_tables(before, db_state())
        transaction.set_rollback(True)
    return response, changed


# --- The admin -----------------------------------------------------------------------------------
