"""Files for translation agencies: XLIFF 1.2 or PO out, the same files back in.

One unit per tracked field. A unit's id names the item, the field and hashes of the Kazakh
source and of the target as exported (``newsitem.12.body.<source>.<target>``), so an import
knows which units went stale and which translations were edited since. Rich text travels as
text with ``<x id="N"/>`` inline codes, code N standing for the source's N-th tag in the
source and in an existing target alike (a target with a tag the source lacks is left out);
on import each code becomes the source's tag again, so a translator cannot break the markup,
and the save sanitizes what results. XML is parsed with defusedxml (no DTD, no entities); a
file is applied whole or not at all.
"""

import html
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import defusedxml.ElementTree as SafeET
import reversion
from defusedxml import DefusedXmlException
from django.db import transaction
from django.utils.translation import gettext as _
from translate.storage import po

from assembly import history_notes, translation_sources
from assembly import translation_status as status
from assembly.languages import source_language, tracked_fields, tracked_models
from assembly.models.fields import SanitizedHTMLField

MAX_BYTES = 10 * 1024 * 1024
XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
FORMATS = ("xliff", "po")
_TAG = re.compile(r"(<[^>]+>)")
_CODE = re.compile(r'<x id="(\d+)"\s*/>')


class TranslationFileError(ValueError):
    """A file that cannot be imported; the message is in the active language."""


@dataclass
class Unit:
    model: type
    pk: str
    field: str
    source_hash: str
    target_hash: str
    target: str
    obj: object = None


@dataclass
class ImportPlan:
    language: str
    apply: list = field(default_factory=list)
    stale: list = field(default_factory=list)
    edited: list = field(default_factory=list)


def _is_rich(model, name):
    return isinstance(model._meta.get_field(f"{name}_{source_language()}"), SanitizedHTMLField)


# --- Export ---------------------------------------------------------------------------


def select(queryset, lang, which="all"):
    """The records of ``queryset`` to export: all, those missing ``lang``, or outdated."""
    if which == "missing":
        return queryset.filter(status.missing_condition(queryset.model, lang))
    if which == "outdated":
        return queryset.filter(pk__in=status.outdated_pks(queryset, lang))
    return queryset


def _units(objects, lang):
    for obj in objects:
        model = type(obj)
        for name in tracked_fields(model):
            source = getattr(obj, f"{name}_{source_language()}") or ""
            if not source.strip():
                continue
            target = getattr(obj, f"{name}_{lang}") or ""
            unit_id = ".".join(
                (
                    model._meta.model_name,
                    str(obj.pk),
                    name,
                    status.source_hash(source),
                    status.source_hash(target),
                )
            )
            yield unit_id, obj, name, source, target, _is_rich(model, name)


def _tags(value):
    return [piece for piece in _TAG.split(value or "") if _TAG.fullmatch(piece or "")]


def _coded_parts(value, source=None):
    """Text and ``("code", n)`` items, text unescaped. Code n is the n-th tag of ``source``
    (of ``value`` itself when no source is given); None when ``value`` has a tag the source
    lacks, which no code can stand for."""
    tags = _tags(source if source is not None else value)
    used = set()
    parts = []
    for piece in _TAG.split(value):
        if not piece:
            continue
        if not _TAG.fullmatch(piece):
            parts.append(("text", html.unescape(piece)))
            continue
        number = next((i for i, tag in enumerate(tags, 1) if tag == piece and i not in used), None)
        if number is None:
            return None
        used.add(number)
        parts.append(("code", number))
    return parts


def _coded_text(value, source=None):
    parts = _coded_parts(value, source)
    if parts is None:
        return ""
    return "".join(f'<x id="{item}"/>' if kind == "code" else item for kind, item in parts)


def _fill(element, value, rich, source=None):
    if not rich:
        element.text = value
        return
    last = None
    for kind, item in _coded_parts(value, source) or ():
        if kind == "code":
            last = ET.SubElement(element, f"{{{XLIFF_NS}}}x", id=str(item))
        elif last is None:
            element.text = (element.text or "") + item
        else:
            last.tail = (last.tail or "") + item


def export_xliff(objects, lang):
    ET.register_namespace("", XLIFF_NS)
    root = ET.Element(f"{{{XLIFF_NS}}}xliff", version="1.2")
    file = ET.SubElement(
        root,
        f"{{{XLIFF_NS}}}file",
        {
            "original": "assembly",
            "source-language": source_language(),
            "target-language": lang,
            "datatype": "html",
        },
    )
    body = ET.SubElement(file, f"{{{XLIFF_NS}}}body")
    for unit_id, obj, name, source, target, rich in _units(objects, lang):
        unit = ET.SubElement(body, f"{{{XLIFF_NS}}}trans-unit", id=unit_id)
        _fill(ET.SubElement(unit, f"{{{XLIFF_NS}}}source"), source, rich)
        if target.strip() and (not rich or _coded_parts(target, source) is not None):
            _fill(ET.SubElement(unit, f"{{{XLIFF_NS}}}target"), target, rich, source)
        note = ET.SubElement(unit, f"{{{XLIFF_NS}}}note")
        note.text = f"{obj._meta.verbose_name}: {obj} — {name}"
    # One unit a line; no indenting inside units, where spaces would change the text.
    file.text = body.text = body.tail = "\n"
    for unit in body:
        unit.tail = "\n"
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def export_po(objects, lang):
    store = po.pofile()
    store.updateheader(add=True, Language=lang, Content_Type="text/plain; charset=UTF-8")
    for unit_id, obj, name, source, target, rich in _units(objects, lang):
        unit = store.addsourceunit(_coded_text(source) if rich else source)
        unit.setcontext(unit_id)
        unit.addnote(f"{obj._meta.verbose_name}: {obj} — {name}", origin="developer")
        if target.strip():
            unit.target = _coded_text(target, source) if rich else target
    return bytes(store)


def export(objects, lang, file_format):
    return export_xliff(objects, lang) if file_format == "xliff" else export_po(objects, lang)


# --- Import ---------------------------------------------------------------------------


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _element_text(element):
    """A target element as text with ``<x id="N"/>`` codes; other markup is refused."""
    parts = [element.text or ""]
    for child in element:
        if _local(child.tag) != "x" or not (child.get("id") or "").isdigit():
            raise TranslationFileError(_("The file has markup that is not an inline code."))
        parts.append(f'<x id="{child.get("id")}"/>')
        parts.append(child.tail or "")
    return "".join(parts)


def _read_xliff(data):
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise TranslationFileError(
            _("The file declares a DTD or entities, which are not accepted.")
        ) from None
    except ET.ParseError:
        raise TranslationFileError(_("The file is neither XLIFF nor PO.")) from None
    if _local(root.tag) != "xliff":
        raise TranslationFileError(_("The file is neither XLIFF nor PO."))
    languages, units = set(), []
    for file in root.iter(f"{{{XLIFF_NS}}}file"):
        languages.add(file.get("target-language"))
        for unit in file.iter(f"{{{XLIFF_NS}}}trans-unit"):
            target = unit.find(f"{{{XLIFF_NS}}}target")
            units.append(
                (unit.get("id") or "", _element_text(target) if target is not None else "")
            )
    return languages, units


def _read_po(data):
    try:
        text = data.decode("utf-8")
        store = po.pofile(io.BytesIO(data))
    except Exception:  # translate-toolkit raises several kinds for a file that is no PO
        raise TranslationFileError(_("The file is neither XLIFF nor PO.")) from None
    if not text.lstrip().startswith(("msgid", "#", "msgctxt")) or not store.units:
        raise TranslationFileError(_("The file is neither XLIFF nor PO."))
    language = store.parseheader().get("Language")
    units = [(unit.getcontext(), unit.target or "") for unit in store.units if not unit.isheader()]
    return {language}, units


def read(data, lang):
    """The units of an uploaded file, checked against ``lang`` and the database."""
    if len(data) > MAX_BYTES:
        raise TranslationFileError(_("The file is larger than 10 MB."))
    head = data.lstrip()[:100]
    if head.startswith((b"<", b"\xef\xbb\xbf<")):
        languages, raw = _read_xliff(data)
    else:
        languages, raw = _read_po(data)
    if languages != {lang}:
        raise TranslationFileError(_("The file is not a translation into the language chosen."))
    models = {model._meta.model_name: model for model in tracked_models()}
    units = []
    for unit_id, target in raw:
        parts = unit_id.split(".")
        model = models.get(parts[0]) if len(parts) == 5 else None
        if model is None or parts[2] not in tracked_fields(model):
            raise TranslationFileError(
                _("The file names an unknown item or field: %(unit)s.") % {"unit": unit_id[:80]}
            )
        units.append(Unit(model, parts[1], parts[2], parts[3], parts[4], target))
    _attach_objects(units)
    return units


def file_language(data):
    """The target language a file declares, or None."""
    try:
        head = data.lstrip()[:100]
        languages, _units = (
            _read_xliff(data) if head.startswith((b"<", b"\xef\xbb\xbf<")) else _read_po(data)
        )
    except TranslationFileError:
        return None
    return languages.pop() if len(languages) == 1 else None


def _attach_objects(units):
    by_model = {}
    for unit in units:
        by_model.setdefault(unit.model, set()).add(unit.pk)
    found = {}
    for model, pks in by_model.items():
        try:
            objects = model._base_manager.in_bulk([int(pk) for pk in pks])
        except ValueError:
            objects = {}
        found[model] = {str(pk): obj for pk, obj in objects.items()}
    for unit in units:
        unit.obj = found[unit.model].get(unit.pk)
        if unit.obj is None:
            raise TranslationFileError(
                _("The file names an unknown item or field: %(unit)s.")
                % {"unit": f"{unit.model._meta.model_name}.{unit.pk}"}
            )


def _decoded(unit):
    """The unit's target as it will be stored: codes back to the source's tags."""
    if not _is_rich(unit.model, unit.field):
        if _CODE.search(unit.target):
            raise TranslationFileError(_("The file has markup that is not an inline code."))
        return unit.target
    tags = _tags(getattr(unit.obj, f"{unit.field}_{source_language()}"))
    result = []
    for index, piece in enumerate(_CODE.split(unit.target)):
        if index % 2:
            number = int(piece)
            if not 1 <= number <= len(tags):
                raise TranslationFileError(_("The file has markup that is not an inline code."))
            result.append(tags[number - 1])
        else:
            result.append(html.escape(piece, quote=False))
    return "".join(result)


def plan(units, lang):
    """Which units change a translation, which are stale, which overwrite a newer edit."""
    result = ImportPlan(language=lang)
    for unit in units:
        if not unit.target.strip():
            continue
        value = _decoded(unit)
        current = getattr(unit.obj, f"{unit.field}_{lang}") or ""
        if value == current:
            continue
        label = unit.model._meta.get_field(unit.field).verbose_name
        entry = {"unit": unit, "value": value, "current": current, "label": label}
        source = getattr(unit.obj, f"{unit.field}_{source_language()}") or ""
        if status.source_hash(source) != unit.source_hash:
            result.stale.append(entry)
        elif status.source_hash(current) != unit.target_hash:
            result.edited.append(entry)
        else:
            result.apply.append(entry)
    return result


def apply(import_plan, *, file_name, user=None, overwrite_edited=False):
    """Saves the plan's changes, one revision per item; all or nothing. Returns the count."""
    entries = list(import_plan.apply)
    if overwrite_edited:
        entries += import_plan.edited
    lang = import_plan.language
    by_object = {}
    for entry in entries:
        unit = entry["unit"]
        by_object.setdefault((unit.model, unit.pk), []).append(entry)
    with transaction.atomic():
        for group in by_object.values():
            obj = (
                type(group[0]["unit"].obj)
                ._base_manager.select_for_update()
                .get(pk=group[0]["unit"].obj.pk)
            )
            changed = set()
            for entry in group:
                setattr(obj, f"{entry['unit'].field}_{lang}", entry["value"])
                changed.add(f"{entry['unit'].field}_{lang}")
            status.record_translation_sources(obj, changed_fields=changed, previous_source={})
            with reversion.create_revision():
                obj.save()
                reversion.set_user(user)
                reversion.set_comment(
                    history_notes.translation_note("imported", language=lang, file=file_name)
                )
            translation_sources.keep_sources(obj, by=user)
    return len(entries)
