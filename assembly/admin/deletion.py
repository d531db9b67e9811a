from django.apps import apps
from django.utils.text import capfirst


def _link_models():
    # The rows Django makes for a many-to-many field ("NewsItem_topics object (6)"): deleting
    # an item removes them with it, and an editor has no other name for them.
    return [
        model for model in apps.get_models(include_auto_created=True) if model._meta.auto_created
    ]


def _without(items, prefixes):
    kept = []
    for item in items:
        if isinstance(item, list):
            nested = _without(item, prefixes)
            if nested:
                kept.append(nested)
        elif not str(item).startswith(prefixes):
            kept.append(item)
    return kept


class HiddenLinkRowsMixin:
    """The delete confirmation lists what an editor knows, not many-to-many link rows."""

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        links = _link_models()
        prefixes = tuple(f"{capfirst(model._meta.verbose_name)}: " for model in links)
        plurals = {str(model._meta.verbose_name_plural) for model in links}
        model_count = {name: n for name, n in model_count.items() if str(name) not in plurals}
        return _without(to_delete, prefixes), model_count, perms_needed, protected
