from django.http import Http404, HttpResponsePermanentRedirect
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView
from django.views.generic.base import ContextMixin

from assembly import languages, structured_data
from assembly.addresses import cached_reverse
from assembly.cache import content_lists, tag
from assembly.models.redirects import find_slug_redirect


def get_by_translated_slug(queryset, slug):
    """Finds an object by the active language's slug, or by the Kazakh one it falls back to."""
    lang = languages.content_language_of(translation.get_language())
    obj = _only_row(queryset.filter(**{f"slug_{lang}": slug}))
    if obj is None and lang != languages.source_language():
        obj = _only_row(queryset.filter(**{f"slug_{languages.source_language()}": slug}))
    if obj is None:
        raise Http404
    return obj


def _only_row(queryset):
    # Slugs are unique per language: unlike first(), no ORDER BY to pick the one row.
    rows = list(queryset.order_by()[:1])
    return rows[0] if rows else None


def language_context(obj):
    """The languages a page about ``obj`` exists in; in any other language the page shows
    the source language's text (the fallback notice) and is not indexed."""
    lang = translation.get_language()
    available = languages.available_languages(obj)
    missing = lang not in available
    return {
        "available_languages": available,
        "missing_translation": missing,
        # Text shown in a language the page is not in is marked up with its own lang.
        "content_language": languages.source_language() if missing else lang,
        "noindex": missing,
    }


def home_crumb():
    return (_("Home"), cached_reverse("assembly:home"))


class PageMixin(ContextMixin):
    """Title, description, breadcrumbs and JSON-LD that base.html turns into <head> tags."""

    page_title = ""
    meta_description = ""

    def get_page_title(self):
        return self.page_title

    def get_meta_description(self):
        return self.meta_description

    def get_breadcrumbs(self):
        return [home_crumb()]

    def get_structured_data(self):
        return []

    def get_cache_tags(self):
        """What the page shows (assembly/cache.py): by default, every list."""
        return content_lists()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tag(*self.get_cache_tags())
        breadcrumbs = self.get_breadcrumbs()
        data = list(self.get_structured_data())
        if len(breadcrumbs) > 1:
            data.append(structured_data.breadcrumb_list(self.request, breadcrumbs))
        context.update(
            page_title=self.get_page_title(),
            meta_description=self.get_meta_description(),
            breadcrumbs=breadcrumbs,
            structured_data=data,
        )
        return context


class TranslatedSlugDetailView(PageMixin, DetailView):
    """A detail page reached by a per-language slug; old and Kazakh slugs redirect (301)."""

    def get(self, request, *args, **kwargs):
        slug = kwargs["slug"]
        try:
            self.object = self.find_object(slug)
        except Http404:
            moved = self._moved_object(self.get_queryset(), slug)
            if moved is None:
                raise
            return self._redirect_to(moved)
        if self.object.slug != slug:
            return self._redirect_to(self.object)
        return self.render_to_response(self.get_context_data(object=self.object))

    def find_object(self, slug):
        return get_by_translated_slug(self.get_queryset(), slug)

    def _moved_object(self, queryset, slug):
        object_id = find_slug_redirect(queryset.model, translation.get_language(), slug)
        if object_id is None:
            return None
        return queryset.filter(pk=object_id).first()

    def _redirect_to(self, obj):
        url = obj.get_absolute_url()
        if self.request.META.get("QUERY_STRING"):
            url = f"{url}?{self.request.META['QUERY_STRING']}"
        return HttpResponsePermanentRedirect(url)

    def get_page_title(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(language_context(self.object))
        return context
