from django.utils.translation import gettext_lazy as _

from assembly import languages

# The groups' stored names (migration 0001_squashed_0013); GROUP_LABELS names them in the
# admin's language.
EDITORS_GROUP = "Editors"
TRANSLATORS_GROUP = "Translators"
GROUP_LABELS = {EDITORS_GROUP: _("Editors"), TRANSLATORS_GROUP: _("Translators")}


def is_translator(user):
    """A translator edits the text of the translation languages and nothing else."""
    if not user.is_authenticated or user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return TRANSLATORS_GROUP in names and EDITORS_GROUP not in names


def translation_field_names(trans_opts_fields, user=None):
    """``{"title": ["title_kk", ...]}`` -> the field names in the translation languages a
    translator may edit (only their languages' when ``user`` is given)."""
    targets = languages.translation_languages()
    if user is not None:
        targets = translator_languages(user)
    return {f"{field}_{lang}" for field in trans_opts_fields for lang in targets}


def group_label(group):
    for lang in languages.translation_languages():
        if group.name == language_group_name(lang):
            return _("Translators (%(language)s)") % {"language": languages.language_name(lang)}
    return str(GROUP_LABELS.get(group.name, group.name))


def language_group_name(lang):
    """The group that limits a translator to one language, e.g. "Translators ru"."""
    return f"{TRANSLATORS_GROUP} {lang}"


def translator_languages(user):
    """The translation languages ``user`` may translate: a translator in language groups
    ("Translators ru") only those; everyone else who may change content, all of them."""
    targets = languages.translation_languages()
    if not is_translator(user):
        return targets
    names = set(user.groups.values_list("name", flat=True))
    chosen = [lang for lang in targets if language_group_name(lang) in names]
    return chosen or targets
