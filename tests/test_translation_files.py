import pytest
from django.core.management import CommandError, call_command
from reversion.models import Version
from translate.storage import po, xliff

from assembly import translation_files, translation_status
from assembly.models import NewsItem
from tests.factories import make_news_item, make_topic

pytestmark = pytest.mark.django_db

BODY = '<p>Ассамблея <strong>жиыны</strong> өтті &amp; аяқталды</p><p><a href="https://assembly.kz/">Сайт</a></p>'


def _item(**fields):
    return make_news_item(title_kk="Жиын өтті", lead_kk="Қысқаша", body_kk=BODY, **fields)


def _export(tmp_path, *args):
    output = tmp_path / "out.file"
    call_command("export_translations", *args, "--output", str(output))
    return output


def test_exported_xliff_is_read_by_translate_toolkit(tmp_path):
    item = _item()
    output = _export(tmp_path, "--lang", "ru", "--format", "xliff", "--model", "newsitem")
    store = xliff.xlifffile(output.read_bytes())
    ids = {unit.getid().split(".", 1)[1] for unit in store.units if unit.istranslatable()}
    assert any(i.startswith(f"{item.pk}.title.") for i in ids)
    body = next(u for u in store.units if f".{item.pk}.body." in u.getid())
    assert "<strong>" not in body.source  # markup travels as inline codes
    assert "жиыны" in body.source and "&" in body.source
    assert '<x id="1" />Ассамблея' in output.read_text()


def test_exported_po_is_read_by_translate_toolkit(tmp_path):
    _item()
    output = _export(tmp_path, "--lang", "en", "--format", "po")
    store = po.pofile(output.open("rb"))
    assert store.parseheader()["Language"] == "en"
    assert any(unit.getcontext().startswith("newsitem.") for unit in store.units)


def test_export_missing_and_outdated_choose_items(tmp_path):
    done = _item(title_ru="Собрание", lead_ru="Кратко", body_ru="<p>Текст</p>")
    translation_status.mark_translations_current(done, ["ru"])
    done.save()
    todo = _item()
    missing = _export(tmp_path, "--lang", "ru", "--missing", "--model", "newsitem").read_bytes()
    assert f"newsitem.{todo.pk}.".encode() in missing
    assert f"newsitem.{done.pk}.".encode() not in missing
    done.title_kk = "Жаңа тақырып"
    done.save()
    outdated = _export(tmp_path, "--lang", "ru", "--outdated").read_bytes()
    assert f"newsitem.{done.pk}.".encode() in outdated
    assert f"newsitem.{todo.pk}.".encode() not in outdated


def _fill_xliff(path, make_target):
    store = xliff.xlifffile(path.read_bytes())
    for unit in store.units:
        if unit.istranslatable():
            make_target(unit)
    path.write_bytes(bytes(store))


def _translate(unit):
    # Rich text keeps its inline codes: the target is the source's codes around new words.
    unit.rich_target = unit.rich_source
    if ".title." in unit.getid():
        unit.target = "Собрание прошло"


def test_round_trip_through_translate_toolkit(tmp_path):
    item = _item()
    output = _export(tmp_path, "--lang", "ru", "--format", "xliff", "--model", "newsitem")
    _fill_xliff(output, _translate)
    call_command("import_translations", str(output))
    item.refresh_from_db()
    assert item.title_ru == "Собрание прошло"
    assert item.body_ru.startswith("<p>Ассамблея <strong>жиыны</strong> өтті &amp; аяқталды</p>")
    assert 'href="https://assembly.kz/"' in item.body_ru
    assert translation_status.language_state(item, "ru") == "complete"
    comment = Version.objects.get_for_object(item).first().revision.comment
    assert "out.file" in comment


def test_po_round_trip(tmp_path):
    item = _item()
    output = _export(tmp_path, "--lang", "en", "--format", "po", "--model", "newsitem")
    store = po.pofile(output.open("rb"))
    for unit in store.units:
        if not unit.isheader():
            unit.target = "Meeting held" if ".title." in unit.getcontext() else unit.source
    output.write_bytes(bytes(store))
    call_command("import_translations", str(output))
    item.refresh_from_db()
    assert item.title_en == "Meeting held"
    assert "<strong>жиыны</strong>" in item.body_en


def test_stale_units_are_listed_and_not_applied(tmp_path, capsys):
    item = _item()
    output = _export(tmp_path, "--lang", "ru", "--model", "newsitem")
    _fill_xliff(output, _translate)
    NewsItem.objects.filter(pk=item.pk).update(title_kk="Басқа тақырып")
    call_command("import_translations", str(output))
    item.refresh_from_db()
    assert not item.title_ru
    assert f"stale: newsitem.{item.pk}.title" in capsys.readouterr().out


def test_translation_edited_after_export_is_not_overwritten(tmp_path, capsys):
    item = _item(title_ru="Старый")
    output = _export(tmp_path, "--lang", "ru", "--model", "newsitem")
    _fill_xliff(output, _translate)
    NewsItem.objects.filter(pk=item.pk).update(title_ru="Исправлено редактором")
    call_command("import_translations", str(output))
    item.refresh_from_db()
    assert item.title_ru == "Исправлено редактором"
    assert f"edited since export: newsitem.{item.pk}.title" in capsys.readouterr().out
    call_command("import_translations", str(output), "--overwrite-edited")
    item.refresh_from_db()
    assert item.title_ru == "Собрание прошло"


def test_dry_run_changes_nothing(tmp_path):
    item = _item()
    output = _export(tmp_path, "--lang", "ru", "--model", "newsitem")
    _fill_xliff(output, _translate)
    call_command("import_translations", str(output), "--dry-run")
    item.refresh_from_db()
    assert not item.title_ru


def test_a_file_with_one_bad_unit_changes_nothing(tmp_path):
    item = _item()
    output = _export(tmp_path, "--lang", "ru", "--model", "newsitem")
    _fill_xliff(output, _translate)
    data = output.read_bytes().replace(
        b"</body>",
        b'<trans-unit id="newsitem.999999.title.a.b"><source>x</source>'
        b"<target>y</target></trans-unit></body>",
    )
    output.write_bytes(data)
    with pytest.raises(CommandError, match="белгісіз жазба не өріс"):
        call_command("import_translations", str(output))
    item.refresh_from_db()
    assert not item.title_ru


BAD_FILES = {
    "not xml or po": b"\x00\x01 binary garbage",
    "entity expansion": (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
        b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"/>'
    ),
    "external entity": (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b"<xliff>&e;</xliff>"
    ),
    "broken xml": b"<xliff><file>",
    "other xml": b'<?xml version="1.0"?><html></html>',
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_files_are_refused(name):
    with pytest.raises(translation_files.TranslationFileError):
        translation_files.read(BAD_FILES[name], "ru")


def test_wrong_language_is_refused(tmp_path):
    _item()
    output = _export(tmp_path, "--lang", "en", "--model", "newsitem")
    with pytest.raises(translation_files.TranslationFileError, match="таңдалған тілге"):
        translation_files.read(output.read_bytes(), "ru")


def test_unknown_field_is_refused():
    topic = make_topic()
    data = (
        '<?xml version="1.0"?><xliff version="1.2" '
        'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file target-language="ru" '
        f'source-language="kk" original="a" datatype="html"><body><trans-unit '
        f'id="topic.{topic.pk}.slug.a.b"><source>x</source><target>y</target></trans-unit>'
        "</body></file></xliff>"
    ).encode()
    with pytest.raises(translation_files.TranslationFileError, match="белгісіз"):
        translation_files.read(data, "ru")


def test_files_over_10_mb_are_refused():
    with pytest.raises(translation_files.TranslationFileError, match="10"):
        translation_files.read(b"<" + b" " * translation_files.MAX_BYTES, "ru")


def test_markup_in_a_target_cannot_break_the_html(tmp_path):
    item = _item()
    output = _export(tmp_path, "--lang", "ru", "--model", "newsitem")
    text = output.read_text()
    body = text.index(f"newsitem.{item.pk}.body.")
    end = text.index("</source>", body) + len("</source>")
    target = '<target><x id="1"/>&lt;script&gt;x<x id="99"/></target>'
    data = (text[:end] + target + text[end:]).encode()
    with pytest.raises(translation_files.TranslationFileError):
        translation_files.plan(translation_files.read(data, "ru"), "ru")
    item.refresh_from_db()
    assert not item.title_ru


def test_an_existing_rich_target_uses_the_source_codes_and_comes_back_unchanged(tmp_path):
    item = _item(body_ru="<p>Собрание <strong>Ассамблеи</strong></p>")
    output = _export(tmp_path, "--lang", "ru", "--format", "xliff", "--model", "newsitem")
    store = xliff.xlifffile(output.read_bytes())
    body = next(u for u in store.units if f".{item.pk}.body." in u.getid())
    assert "Собрание" in body.target
    plan = translation_files.plan(translation_files.read(output.read_bytes(), "ru"), "ru")
    assert not plan.apply and not plan.edited


def test_a_target_with_a_tag_the_source_lacks_is_left_out(tmp_path):
    item = _item(body_ru="<p>Собрание <em>Ассамблеи</em></p>")
    output = _export(tmp_path, "--lang", "ru", "--format", "xliff", "--model", "newsitem")
    store = xliff.xlifffile(output.read_bytes())
    body = next(u for u in store.units if f".{item.pk}.body." in u.getid())
    assert not body.target
