from django.db import migrations

# The 17 regions and 3 cities of republican status (as of the 2022 reform): code, kind,
# Kazakh, Russian and English names.
REGIONS = [
    ("astana", "city", "Астана", "Астана", "Astana"),
    ("almaty", "city", "Алматы", "Алматы", "Almaty"),
    ("shymkent", "city", "Шымкент", "Шымкент", "Shymkent"),
    ("abai", "region", "Абай облысы", "Область Абай", "Abai Region"),
    ("akmola", "region", "Ақмола облысы", "Акмолинская область", "Akmola Region"),
    ("aktobe", "region", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region"),
    ("almaty-region", "region", "Алматы облысы", "Алматинская область", "Almaty Region"),
    ("atyrau", "region", "Атырау облысы", "Атырауская область", "Atyrau Region"),
    (
        "west-kazakhstan", "region", "Батыс Қазақстан облысы",
        "Западно-Казахстанская область", "West Kazakhstan Region",
    ),
    ("jambyl", "region", "Жамбыл облысы", "Жамбылская область", "Jambyl Region"),
    ("jetisu", "region", "Жетісу облысы", "Область Жетісу", "Jetisu Region"),
    ("karaganda", "region", "Қарағанды облысы", "Карагандинская область", "Karaganda Region"),
    ("kostanay", "region", "Қостанай облысы", "Костанайская область", "Kostanay Region"),
    ("kyzylorda", "region", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region"),
    ("mangystau", "region", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region"),
    ("pavlodar", "region", "Павлодар облысы", "Павлодарская область", "Pavlodar Region"),
    (
        "north-kazakhstan", "region", "Солтүстік Қазақстан облысы",
        "Северо-Казахстанская область", "North Kazakhstan Region",
    ),
    ("turkistan", "region", "Түркістан облысы", "Туркестанская область", "Turkistan Region"),
    ("ulytau", "region", "Ұлытау облысы", "Область Ұлытау", "Ulytau Region"),
    (
        "east-kazakhstan", "region", "Шығыс Қазақстан облысы",
        "Восточно-Казахстанская область", "East Kazakhstan Region",
    ),
]


def load_regions(apps, schema_editor):
    Region = apps.get_model("assembly", "Region")
    for position, (code, kind, kk, ru, en) in enumerate(REGIONS):
        Region.objects.update_or_create(
            code=code,
            defaults={
                "kind": kind, "position": position,
                "name": kk, "name_kk": kk, "name_ru": ru, "name_en": en,
            },
        )


def unload_regions(apps, schema_editor):
    apps.get_model("assembly", "Region").objects.filter(
        code__in=[row[0] for row in REGIONS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("assembly", "0001_initial")]

    operations = [migrations.RunPython(load_regions, unload_regions)]
