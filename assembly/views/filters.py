from datetime import date, datetime, time, timedelta
from operator import itemgetter

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator, slug_re
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from assembly import languages
from assembly.collation import sorted_by_name
from assembly.models import Initiative, Institution, NewsItem, Region, Topic
from assembly.widgets import Select

from .counts import region_order


def capitalized(choices):
    # Menus, headings and card lines all start a label with a capital («the Assembly»).
    return [(value, capfirst(label)) for value, label in choices.choices]


class InstitutionFilterForm(forms.Form):
    """GET filters of the institution list; values outside the choices are ignored."""

    kind = forms.ChoiceField(label=_("Kind"), required=False, widget=Select)
    level = forms.ChoiceField(label=_("Level"), required=False, widget=Select)
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All regions"),
        widget=Select,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *capitalized(Institution.Kind)]
        self.fields["level"].choices = [("", _("All levels")), *capitalized(Institution.Level)]
        # Built here, not at import time: region names follow the request's language.
        self.fields["region"].queryset = Region.objects.all()
        self.fields["region"].choices = [("", _("All regions")), *region_choices()]

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


class InitiativeFilterForm(forms.Form):
    """GET filters of the initiative list, as on the institution list."""

    kind = forms.ChoiceField(label=_("Kind"), required=False, widget=Select)
    status = forms.ChoiceField(label=_("Status"), required=False, widget=Select)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *capitalized(Initiative.Kind)]
        self.fields["status"].choices = [("", _("Any status")), *capitalized(Initiative.Status)]

    def filters(self):
        """Lookups for the fields that hold a valid value."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned[name] for name in ("kind", "status") if cleaned.get(name)}


FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)


class NewsFilterForm(forms.Form):
    """GET filters of the news list and search: topic, region and a range of dates.

    Values are what addresses keep across languages: a region's code, a topic's slug in any
    language. A value that is no choice or no date is ignored, and the page says so.
    """

    def __init__(self, data=None):
        super().__init__(data or None)
        # Any language's slug is a valid value, so the choices only draw the menu.
        self.fields["topic"] = forms.CharField(
            label=_("Topic"),
            required=False,
            widget=Select(choices=[("", _("All topics")), *topic_choices()]),
        )
        self.fields["region"] = forms.ChoiceField(
            label=_("Region"),
            required=False,
            choices=[("", _("All regions")), *region_choices()],
            widget=Select,
            error_messages={"invalid_choice": _("Unknown value, ignored.")},
        )
        date_errors = {"invalid": _("Not a date (YYYY-MM-DD), ignored.")}
        out_of_range = _("Out of range, ignored.")
        for name, label in (("from", _("Published from")), ("to", _("Published until"))):
            self.fields[name] = forms.DateField(
                label=label,
                required=False,
                input_formats=["%Y-%m-%d"],
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                error_messages=date_errors,
                # Far from any news, and at the calendar's ends a time zone would overflow.
                validators=[
                    MinValueValidator(FIRST_DAY, out_of_range),
                    MaxValueValidator(LAST_DAY, out_of_range),
                ],
            )

    def clean_topic(self):
        # Another language's slug finds the topic too: the language switcher keeps the query.
        slug = self.cleaned_data["topic"]
        # Slugs are ASCII (assembly/slugs.py); anything else, a NUL too, never reaches SQL.
        topic = topic_by_slug(slug) if slug and slug_re.fullmatch(slug) else None
        if slug and topic is None:
            raise forms.ValidationError(_("Unknown value, ignored."), code="invalid_choice")
        return topic

    def clean_region(self):
        code = self.cleaned_data["region"]
        return Region.objects.filter(code=code).first() if code else None

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            self.add_error("to", _("The end date is before the start date, ignored."))
        return cleaned

    def values(self):
        """{name: value} of the filters that hold a valid value."""
        self.is_valid()
        return {name: value for name, value in getattr(self, "cleaned_data", {}).items() if value}

    def count_key(self):
        """The chosen filters as text, for remembered counts."""
        return [f"{name}={getattr(value, 'pk', value)}" for name, value in self.values().items()]

    def filter_news(self, queryset):
        return filter_news(queryset, self.values())


# The menus read two columns, not whole objects (modeltranslation gives the page's language,
# or Kazakh, as it does for an object's attributes).


def topic_choices():
    topics = Topic.objects.values_list("slug", "name")
    return [(slug, name) for slug, name in sorted_by_name(topics, name=itemgetter(1)) if slug]


def region_choices():
    regions = Region.objects.values_list("code", "name", "kind")
    ordered = sorted(regions, key=lambda row: region_order(row[2], row[1]))
    return [(code, name) for code, name, _kind in ordered]


def topic_by_slug(slug):
    found = {
        code: Topic.objects.filter(**{f"slug_{code}": slug}).first()
        for code in languages.content_languages()
    }
    return found.get(languages.content_language_of(translation.get_language())) or next(
        filter(None, found.values()), None
    )


def day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def filter_news(queryset, filters):
    """``queryset`` narrowed to news of the filters' topic and region, between their dates."""
    if filters.get("topic"):
        tagged = NewsItem.topics.through.objects.filter(topic=filters["topic"])
        queryset = queryset.filter(pk__in=tagged.values("newsitem"))
    if filters.get("region"):
        region = filters["region"]
        mentioned = NewsItem.regions.through.objects.filter(region=region)
        queryset = queryset.filter(Q(region=region) | Q(pk__in=mentioned.values("newsitem")))
    if filters.get("from"):
        queryset = queryset.filter(published_at__gte=day_start(filters["from"]))
    if filters.get("to"):
        queryset = queryset.filter(published_at__lt=day_start(filters["to"] + timedelta(days=1)))
    return queryset
