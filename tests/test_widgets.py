"""The public filters' menus, written out in Python, read exactly as Django's templates."""

import pytest
from django import forms
from django.utils import translation

from assembly.views.filters import InitiativeFilterForm, InstitutionFilterForm, NewsFilterForm
from assembly.views.search import SearchFilterForm
from assembly.widgets import Select

CHOICES = [
    ("", "All"),
    ("a", "A & <b>"),
    (1, "one"),
    ("Group", [("g1", "G1"), ("g2", 'G "2"')]),
]


@pytest.mark.parametrize("value", [None, "", "a", "1", "g2", "unknown"])
@pytest.mark.parametrize(
    "attrs", [{}, {"id": "id_x"}, {"id": "id_x", "required": True, "disabled": False}]
)
def test_select_reads_as_djangos_template(value, attrs):
    expected = forms.Select(choices=CHOICES).render("x", value, attrs)
    assert Select(choices=CHOICES).render("x", value, attrs) == expected


def djangos_rendering(bound_field):
    widget = bound_field.field.widget
    plain = forms.Select(choices=widget.choices, attrs=widget.attrs)
    return bound_field.as_widget(widget=plain)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize(
    "form_class, data",
    [
        (InstitutionFilterForm, {"kind": "regional_assembly", "region": "nope"}),
        (InitiativeFilterForm, {"status": "nope"}),
        (NewsFilterForm, {"topic": "x"}),
        (SearchFilterForm, {"type": "news"}),
    ],
)
def test_filter_menus_read_as_djangos_templates(seeded, form_class, data, lang):
    with translation.override(lang):
        form = form_class(data)
        menus = [field for field in form if isinstance(field.field.widget, forms.Select)]
        assert menus
        for field in menus:
            assert isinstance(field.field.widget, Select)
            assert str(field) == djangos_rendering(field)
            assert "<option" in str(field)
