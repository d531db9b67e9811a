from django.db import models

from assembly.richtext import sanitize_html


class SanitizedHTMLField(models.TextField):
    """Rich text that is cleaned with an allow-list every time it is saved."""

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        # Not setattr(): on the untranslated `body`, modeltranslation's descriptor would write
        # the Kazakh fallback text into the active language's field (body_en, body_ru).
        model_instance.__dict__[self.attname] = value
        return value
