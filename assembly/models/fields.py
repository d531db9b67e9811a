from pathlib import PurePath

from django.db import models
from django.db.models.fields.files import ImageFieldFile

from assembly.images import make_renditions
from assembly.richtext import sanitize_html
from assembly.uploads import without_metadata


class SanitizedHTMLField(models.TextField):
    """Rich text that is cleaned with an allow-list every time it is saved."""

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        # Not setattr(): on the untranslated `body`, modeltranslation's descriptor would write
        # the Kazakh fallback text into the active language's field (body_en, body_ru).
        model_instance.__dict__[self.attname] = value
        return value


class CleanImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        # Originals are public: GPS position and camera data must not travel with them.
        content, extension = without_metadata(content)
        super().save(PurePath(name).stem + extension, content, save)
        # Made here, in the request that saves the image, so that no reader waits for them.
        make_renditions(self)


class CleanImageField(models.ImageField):
    """An uploaded image stored without metadata, named for its format, with its renditions."""

    attr_class = CleanImageFieldFile
