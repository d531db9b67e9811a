"""Counts that lists show, remembered under the tags of what they count.

Counting news in a language reads every published item; on SQLite even the month list does
per row work in Python. The answers change only when content does, or when a scheduled item
goes live, so they are kept as fragments (assembly/fragments.py).
"""

from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import Count
from django.utils import translation

from assembly.collation import sort_key
from assembly.fragments import cached_fragment
from assembly.models import Institution, NewsItem, Region


def public_news():
    """Published news written in the active language: what every list shows."""
    return NewsItem.objects.published().translated_into(translation.get_language())


def remembered_count(name, parts, compute):
    return cached_fragment(name, [translation.get_language(), *parts], compute)


def month_archives():
    """The months that have news in the active language, newest first."""
    return remembered_count(
        "archive-months",
        [],
        lambda: list(public_news().dates("published_at", "month", order="DESC")),
    )


def regions_in_order():
    return sorted(Region.objects.all(), key=lambda region: region_order(region.kind, region.name))


def region_order(kind, name):
    """Cities of republican status, then regions, each alphabetical in the page's language."""
    return (kind != Region.Kind.CITY, sort_key(name))


def regions_with_counts():
    """Every region in order, with ``institution_count`` and ``news_count`` set."""
    counts = remembered_count("region-counts", [], count_by_region)
    regions = regions_in_order()
    for region in regions:
        region.institution_count, region.news_count = counts.get(region.pk, (0, 0))
    return regions


def count_by_region():
    # One grouped query each: a count per region row would read the news once per region.
    institutions = grouped_count(Institution.objects.published(), "region")
    mentions = NewsItem.regions.through.objects.filter(newsitem__in=public_news())
    news = grouped_count(mentions, "region")
    return {pk: (institutions.get(pk, 0), news.get(pk, 0)) for pk in institutions | news}


def grouped_count(queryset, field):
    return dict(queryset.order_by().values_list(field).annotate(n=Count("pk")))


class RememberedCountPaginator(Paginator):
    """A paginator whose total is remembered under ``count_key`` (a fragment)."""

    def __init__(self, *args, count_key, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        return remembered_count("list-count", self.count_key, lambda: Paginator.count.func(self))


class RememberedCountMixin:
    """For list views: the total behind the pagination is remembered per page and filter."""

    def get_count_key(self):
        return [type(self).__name__, *(f"{k}={v}" for k, v in sorted(self.kwargs.items()))]

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kw):
        return RememberedCountPaginator(
            queryset,
            per_page,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            count_key=self.get_count_key(),
            **kw,
        )
