"""Builds the POST data of an admin change form from the page the admin rendered."""

import datetime

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone


def _field_data(bound_field):
    field, name = bound_field.field, bound_field.html_name
    value = bound_field.value()
    widget = field.widget
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return {}
    if isinstance(widget, forms.SplitDateTimeWidget):
        if isinstance(value, list):
            return {f"{name}_0": value[0] or "", f"{name}_1": value[1] or ""}
        if not value:
            return {f"{name}_0": "", f"{name}_1": ""}
        value = timezone.localtime(value)
        return {f"{name}_0": value.strftime("%Y-%m-%d"), f"{name}_1": value.strftime("%H:%M:%S")}
    if isinstance(widget, forms.CheckboxInput):
        return {name: "on"} if value else {}
    if isinstance(field, forms.ModelMultipleChoiceField):
        return {name: [str(v) for v in (value or [])]}
    if isinstance(value, datetime.date):
        return {name: value.isoformat()}
    if value is None:
        return {name: ""}
    return {name: str(value)}


def _form_data(form):
    data = {}
    for name in form.fields:
        data.update(_field_data(form[name]))
    return data


def change_form_data(response, **overrides):
    """The data a browser would post back, unchanged, plus ``overrides``."""
    context = response.context
    data = _form_data(context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_data(formset.management_form))
        for form in formset.forms:
            data.update(_form_data(form))
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def make_staff(username, *groups):
    user = get_user_model().objects.create_user(
        username=username, password="a-long-test-password-123", is_staff=True
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Test users need no strong hash; the real one takes seconds on a shared CPU.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
