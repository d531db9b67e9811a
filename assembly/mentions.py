"""What a news item mentions and readers may see, as names and addresses in the active language.

The article's footer lists dozens of topics, initiatives and institutions; it needs only a
name and an address for each, so it reads those two columns instead of whole objects.
"""

import re
from typing import NamedTuple

from assembly.addresses import cached_reverse
from assembly.cache import tag

# Relation on NewsItem -> the detail page of what it points to.
ROUTES = {
    "topics": "assembly:topic_detail",
    "initiatives": "assembly:initiative_detail",
    "institutions": "assembly:institution_detail",
}


# A tag of sanitized HTML (assembly/richtext.py: attribute values always in double quotes, no
# comments); removing them leaves what strip_tags() leaves, without its HTML parser.
TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")


class Mention(NamedTuple):
    name: str
    url: str


def mentions_of(item):
    """{"topics": [Mention, ...], "initiatives": [...], "institutions": [...]}."""
    return {relation: _mentioned(item, relation, route) for relation, route in ROUTES.items()}


def _mentioned(item, relation, route):
    related = getattr(item, relation).all()
    # Only what readers may see: a model with a publication state says so in published().
    if hasattr(related, "published"):
        related = related.published()
    # modeltranslation resolves "name" and "slug" to the active language, or Kazakh.
    rows = list(related.values_list("pk", "name", "slug"))
    model = related.model._meta.model_name
    tag(*(f"{model}:{pk}" for pk, _name, _slug in rows))
    return [Mention(name, cached_reverse(route, slug=slug)) for _pk, name, slug in rows]


def by_first_mention(mentions, text):
    """``mentions`` in the order the story first names them; those it never names, last.

    A name is found in its inflected forms too: each word of three letters or more matches by
    its beginning («Дома дружбы» finds «Домов дружбы», «Достық үйі» finds «Достық үйлері»).
    """
    plain = TAG.sub("", text or "")

    def position(mention):
        words = re.findall(r"\w{3,}", mention.name)
        if not words:
            return len(plain)
        stems = (re.escape(word[: max(3, len(word) - 2)]) + r"\w*" for word in words)
        found = re.search(r"\W+".join(stems), plain, re.IGNORECASE)
        return found.start() if found else len(plain)

    return sorted(mentions, key=position)
