from django import forms
from django.utils.translation import gettext_lazy as _

from assembly.models import Institution, Region


class InstitutionFilterForm(forms.Form):
    """GET filters of the institution list; values outside the choices are ignored."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All regions"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *Institution.Kind.choices]
        self.fields["level"].choices = [("", _("All levels")), *Institution.Level.choices]
        # Built here, not at import time: region names follow the request's language.
        self.fields["region"].queryset = Region.objects.all()

    def filters(self):
        """Lookups for the fields that hold a valid value."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        lookups = {}
        for name in ("kind", "level", "region"):
            value = cleaned.get(name)
            if value:
                lookups[name] = value
        return lookups
