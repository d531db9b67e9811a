"""Corrects databases seeded before issue 11: the seed records said more than the article.

Each change names the value the seed loader stored and the corrected one. A field is corrected
only while it still holds the seeded value; a record with any such field changed by an editor
is left as it is, and the migration says which ones it left. Fresh databases get the corrected
values from assembly/seed/ and have nothing to correct here.

Like every migration, this one does not import the application: the values are copied here.
The search texts of the corrected records are refreshed by their next save.
"""

import hashlib
import logging

from django.db import migrations

logger = logging.getLogger(__name__)

# (model, seed key): {field: (seeded value, corrected value)}. A field whose value does not
# change (a count beside its new qualifier) guards the change: it must still be the seeded one.
# "parent" holds the parent's seed key.
SEED_CHANGES = {
    ("institution", "ethnocultural-associations"): {
        "units_count": (1000, 1000),
        "units_qualifier": ("exact", "more_than"),
    },
    ("institution", "assembly-jastary"): {
        "members_count": (10000, 10000),
        "members_qualifier": ("exact", "more_than"),
        "name_en": ("Assembly Jastary youth wing", "Assembly Youth (Assambleia Jastary)"),
    },
    ("institution", "friendship-houses"): {
        "description_ru": ("В регионах работают 32 Дома дружбы. В 2025 году в Кызылординской, Атырауской и Абайской областях началось строительство новых объектов.", "В регионах работают 32 Дома дружбы. В 2025 году в Кызылординской и Атырауской областях и области Абай началось строительство новых объектов."),
    },
    ("institution", "friendship-house-kyzylorda"): {
        "description_en": ("Construction of a new Friendship House in Kyzylorda Region began in 2025. In the same year construction of new facilities also began in the Atyrau and Abai regions.", "Construction of new facilities in Kyzylorda Region began in 2025. In the same year construction of new facilities also began in the Atyrau and Abai regions."),
        "description_kk": ("Қызылорда облысында жаңа Достық үйінің құрылысы 2025 жылы басталды. Сол жылы жаңа нысандардың құрылысы Атырау және Абай облыстарында да басталды.", "Қызылорда облысында жаңа нысандардың құрылысы 2025 жылы басталды. Сол жылы жаңа нысандардың құрылысы Атырау және Абай облыстарында да басталды."),
        "description_ru": ("Строительство нового Дома дружбы в Кызылординской области началось в 2025 году. В том же году началось строительство новых объектов в Атырауской и Абайской областях.", "Строительство новых объектов в Кызылординской области началось в 2025 году. В том же году началось строительство новых объектов в Атырауской области и области Абай."),
        "kind": ("friendship_house", "facility"),
        "name_en": ("New Friendship House in Kyzylorda Region", "New facilities in Kyzylorda Region"),
        "name_kk": ("Қызылорда облысындағы жаңа Достық үйі", "Қызылорда облысындағы жаңа нысандар"),
        "name_ru": ("Новый Дом дружбы в Кызылординской области", "Новые объекты в Кызылординской области"),
        "parent": ("friendship-houses", None),
    },
    ("institution", "friendship-house-atyrau"): {
        "description_en": ("Construction of a new Friendship House in Atyrau Region began in 2025. In the same year construction of new facilities also began in the Kyzylorda and Abai regions.", "Construction of new facilities in Atyrau Region began in 2025. In the same year construction of new facilities also began in the Kyzylorda and Abai regions."),
        "description_kk": ("Атырау облысында жаңа Достық үйінің құрылысы 2025 жылы басталды. Сол жылы жаңа нысандардың құрылысы Қызылорда және Абай облыстарында да басталды.", "Атырау облысында жаңа нысандардың құрылысы 2025 жылы басталды. Сол жылы жаңа нысандардың құрылысы Қызылорда және Абай облыстарында да басталды."),
        "description_ru": ("Строительство нового Дома дружбы в Атырауской области началось в 2025 году. В том же году началось строительство новых объектов в Кызылординской и Абайской областях.", "Строительство новых объектов в Атырауской области началось в 2025 году. В том же году началось строительство новых объектов в Кызылординской области и области Абай."),
        "kind": ("friendship_house", "facility"),
        "name_en": ("New Friendship House in Atyrau Region", "New facilities in Atyrau Region"),
        "name_kk": ("Атырау облысындағы жаңа Достық үйі", "Атырау облысындағы жаңа нысандар"),
        "name_ru": ("Новый Дом дружбы в Атырауской области", "Новые объекты в Атырауской области"),
        "parent": ("friendship-houses", None),
    },
    ("institution", "friendship-house-abai"): {
        "description_en": ("Construction of a new Friendship House in Abai Region began in 2025. In the same year construction of new facilities also began in the Kyzylorda and Atyrau regions.", "Construction of new facilities in Abai Region began in 2025. In the same year construction of new facilities also began in the Kyzylorda and Atyrau regions."),
        "description_kk": ("Абай облысында жаңа Достық үйінің құрылысы 2025 жылы басталды. Сол жылы жаңа нысандардың құрылысы Қызылорда және Атырау облыстарында да басталды.", "Абай облысында жаңа нысандардың құрылысы 2025 жылы басталды. Сол жылы жаңа нысандардың құрылысы Қызылорда және Атырау облыстарында да басталды."),
        "description_ru": ("Строительство нового Дома дружбы в Абайской области началось в 2025 году. В том же году началось строительство новых объектов в Кызылординской и Атырауской областях.", "Строительство новых объектов в области Абай началось в 2025 году. В том же году началось строительство новых объектов в Кызылординской и Атырауской областях."),
        "kind": ("friendship_house", "facility"),
        "name_en": ("New Friendship House in Abai Region", "New facilities in Abai Region"),
        "name_kk": ("Абай облысындағы жаңа Достық үйі", "Абай облысындағы жаңа нысандар"),
        "name_ru": ("Новый Дом дружбы в Абайской области", "Новые объекты в области Абай"),
        "parent": ("friendship-houses", None),
    },
    ("institution", "ethnic-media"): {
        "units_count": (50, 50),
        "units_qualifier": ("exact", "more_than"),
    },
    ("institution", "journalists-club"): {
        "members_count": (500, 500),
        "members_qualifier": ("exact", "about"),
    },
    ("institution", "creative-groups-association"): {
        "ensembles_count": (170, 170),
        "ensembles_qualifier": ("exact", "more_than"),
    },
    ("institution", "unesco"): {
        "description_en": ("The Assembly Jastary organisation has joined UNESCO’s international youth structures and presented its initiatives at UNESCO headquarters in Paris.", "The Assembly Youth (Assambleia Jastary) organisation has joined UNESCO’s international youth structures and presented its initiatives at UNESCO headquarters in Paris."),
    },
    ("institution", "council-of-europe"): {
        "description_en": ("The Assembly Jastary organisation has joined the Council of Europe’s international youth structures.", "The Assembly Youth (Assambleia Jastary) organisation has joined the Council of Europe’s international youth structures."),
    },
    ("initiative", "apk-30th-anniversary"): {
        "description_en": ("More than 10,000 socially significant events were held as part of the anniversary, with more than 3 million people taking part. The large-scale celebration is described as further proof that policy is being pursued in the right direction.", "More than 10,000 socially significant events were held as part of the anniversary, with more than 3 million people taking part."),
        "description_kk": ("Мерейтой аясында 3 миллионнан астам адам қатысқан 10 мыңнан аса әлеуметтік маңызы бар іс-шара өткізілді. Мерейтойды кең көлемде атап өту дұрыс бағытта жүргізіліп жатқан саясаттың тағы бір дәлелі ретінде бағаланды.", "Мерейтой аясында 3 миллионнан астам адам қатысқан 10 мыңнан аса әлеуметтік маңызы бар іс-шара өткізілді."),
        "description_ru": ("В рамках юбилея прошло более 10 тысяч социально значимых мероприятий, в которых приняли участие свыше 3 миллионов человек. Широкое празднование юбилея названо ещё одним подтверждением того, что политика проводится в верном направлении.", "В рамках юбилея прошло более 10 тысяч социально значимых мероприятий, в которых приняли участие свыше 3 миллионов человек."),
        "participants_count": (3000000, 3000000),
        "participants_qualifier": ("exact", "more_than"),
    },
    ("initiative", "jomart-jan-assistance"): {
        "description_en": ("Patrons of the Jomart Jan Centre under the Assembly of People of Kazakhstan provided assistance totalling 305 million tenge to 35,000 Kazakhstanis. This is cited as one of the good deeds for which 2025 will be remembered.", "In 2025 patrons of the Jomart Jan Centre under the Assembly of People of Kazakhstan provided assistance totalling 305 million tenge to 35,000 Kazakhstanis."),
        "description_kk": ("Қазақстан халқы Ассамблеясы жанындағы «Жомарт жан» орталығының меценаттары 35 мың қазақстандыққа жалпы сомасы 305 миллион теңге көлемінде көмек көрсетті. Бұл 2025 жылдың есте қалған игі істерінің бірі ретінде аталды.", "2025 жылы Қазақстан халқы Ассамблеясы жанындағы «Жомарт жан» орталығының меценаттары 35 мың қазақстандыққа жалпы сомасы 305 миллион теңге көлемінде көмек көрсетті."),
        "description_ru": ("Меценаты центра «Жомарт жан» при Ассамблее народа Казахстана оказали помощь 35 тысячам казахстанцев на общую сумму 305 миллионов тенге. Это названо одним из добрых дел, которыми запомнился 2025 год.", "В 2025 году меценаты центра «Жомарт жан» при Ассамблее народа Казахстана оказали помощь 35 тысячам казахстанцев на общую сумму 305 миллионов тенге."),
    },
    ("initiative", "jana-tolqyn"): {
        "description_en": ("The project is carried out by the Assembly Jastary youth wing, which brings together more than 10,000 young people. The wing also runs the projects APK Leadership School and 50 Young Leaders.", "The project is carried out by the youth wing Assembly Youth (Assambleia Jastary), which brings together more than 10,000 young people. The wing also runs the projects APK Leadership School and 50 Young Leaders."),
        "summary_en": ("Jana Tolqyn is a project of the Assembly Jastary youth wing aimed at developing intercultural dialogue.", "Jana Tolqyn is a project of the youth wing Assembly Youth (Assambleia Jastary) aimed at developing intercultural dialogue."),
    },
    ("initiative", "apk-leadership-school"): {
        "description_en": ("The project is carried out by the Assembly Jastary youth wing, which brings together more than 10,000 young people. The wing also runs the projects Jana Tolqyn and 50 Young Leaders.", "The project is carried out by the youth wing Assembly Youth (Assambleia Jastary), which brings together more than 10,000 young people. The wing also runs the projects Jana Tolqyn and 50 Young Leaders."),
        "summary_en": ("The APK Leadership School is a project of the Assembly Jastary youth wing aimed at developing intercultural dialogue.", "The APK Leadership School is a project of the youth wing Assembly Youth (Assambleia Jastary) aimed at developing intercultural dialogue."),
    },
    ("initiative", "fifty-young-leaders"): {
        "description_en": ("The project is carried out by the Assembly Jastary youth wing, which brings together more than 10,000 young people. The wing also runs the projects Jana Tolqyn and APK Leadership School.", "The project is carried out by the youth wing Assembly Youth (Assambleia Jastary), which brings together more than 10,000 young people. The wing also runs the projects Jana Tolqyn and APK Leadership School."),
        "summary_en": ("50 Young Leaders is a project of the Assembly Jastary youth wing aimed at developing intercultural dialogue.", "50 Young Leaders is a project of the youth wing Assembly Youth (Assambleia Jastary) aimed at developing intercultural dialogue."),
    },
    ("initiative", "ethnopolitical-literacy"): {
        "description_en": ("The “Ethnopolitical Literacy” course has been introduced at 14 universities. It is mentioned alongside the rapid development of ethnojournalism in the country.", "The “Ethnopolitical Literacy” course has been introduced at 14 universities. Ethnojournalism is also developing rapidly in the country."),
        "description_kk": ("«Этносаяси сауаттылық» пәні 14 университетте енгізілді. Бұл елімізде қарқынды дамып келе жатқан этножурналистика саласы туралы мәліметтермен қатар айтылды.", "«Этносаяси сауаттылық» пәні 14 университетте енгізілді. Елімізде этножурналистика саласы да қарқынды дамып келеді."),
        "description_ru": ("Курс «Этнополитическая грамотность» введён в 14 университетах. Об этом сообщается наряду со сведениями об активно развивающейся в стране этножурналистике.", "Курс «Этнополитическая грамотность» введён в 14 университетах. В стране также активно развивается этножурналистика."),
    },
    ("initiative", "cultural-events-calendar"): {
        "description_en": ("A calendar of cultural events is being implemented. The article mentions it alongside the Assembly’s Association of Creative Groups and four ethnic theatres.", "A calendar of cultural events is being implemented. The Assembly’s Association of Creative Groups has been established and brings together more than 170 ensembles; four ethnic theatres are operating in the country."),
        "description_kk": ("Мәдени іс-шаралар күнтізбесі жүзеге асырылып жатыр. Мақалада ол Ассамблеяның шығармашылық ұжымдары Ассоциациясымен және төрт этникалық театрмен қатар аталады.", "Мәдени іс-шаралар күнтізбесі жүзеге асырылып жатыр. Ассамблеяның шығармашылық ұжымдары Ассоциациясы құрылды, оған 170-тен астам ансамбль кірді; елде төрт этникалық театр жұмыс істейді."),
        "description_ru": ("Реализуется календарь культурных мероприятий. В статье он упоминается наряду с Ассоциацией творческих коллективов Ассамблеи и четырьмя этническими театрами.", "Реализуется календарь культурных мероприятий. Создана Ассоциация творческих коллективов Ассамблеи, в которую вошли более 170 ансамблей; в стране работают четыре этнических театра."),
    },
    ("initiative", "apk-30th-anniversary-conference"): {
        "start_year": (2025, None),
    },
    ("keyfigure", "stable-interethnic-relations"): {
        "label_kk": ("азаматтар елдегі этносаралық қатынастардың ахуалын тұрақты әрі қолайлы деп санайды", "азамат елдегі этносаралық қатынастардың ахуалын тұрақты әрі қолайлы деп санайды"),
    },
    ("keyfigure", "youth-wing-members"): {
        "label_en": ("in the Assembly Jastary youth wing", "in the youth wing Assembly Youth (Assambleia Jastary)"),
    },
    ("keyfigure", "new-friendship-houses"): {
        "label_en": ("new Friendship Houses on which construction began in 2025 in the Kyzylorda, Atyrau and Abai regions", "(Kyzylorda, Atyrau and Abai) where construction of new facilities began in 2025"),
        "label_kk": ("жаңа Достық үйінің құрылысы 2025 жылы Қызылорда, Атырау және Абай облыстарында басталды", "2025 жылы жаңа нысандардың құрылысы басталды (Қызылорда, Атырау және Абай облыстары)"),
        "label_ru": ("новых Дома дружбы начали строить в 2025 году в Кызылординской, Атырауской и Абайской областях", "(Кызылординская, Атырауская и область Абай), где в 2025 году началось строительство новых объектов"),
        "unit_en": ("", "regions"),
        "unit_kk": ("", "облыста"),
        "unit_ru": ("", "области"),
    },
    ("keyfigure", "publication-languages"): {
        "label_ru": ("выпуска этнических газет и журналов", "этнические газеты и журналы"),
        "unit_ru": ("языков", "языков, на которых выходят"),
    },
}

# Addresses follow the corrected names; the old ones answer with a redirect (SlugRedirect).
SLUG_CHANGES = {
    ("institution", "assembly-jastary"): {
        "en": ("assembly-jastary-youth-wing", "assembly-youth-assambleia-jastary"),
    },
    ("institution", "friendship-house-kyzylorda"): {
        "kk": ("qyzylorda-oblysyndagy-jana-dostyq-uii", "qyzylorda-oblysyndagy-jana-nysandar"),
        "ru": ("novyi-dom-druzhby-v-kyzylordinskoi-oblasti", "novye-obieekty-v-kyzylordinskoi-oblasti"),
        "en": ("new-friendship-house-in-kyzylorda-region", "new-facilities-in-kyzylorda-region"),
    },
    ("institution", "friendship-house-atyrau"): {
        "kk": ("atyrau-oblysyndagy-jana-dostyq-uii", "atyrau-oblysyndagy-jana-nysandar"),
        "ru": ("novyi-dom-druzhby-v-atyrauskoi-oblasti", "novye-obieekty-v-atyrauskoi-oblasti"),
        "en": ("new-friendship-house-in-atyrau-region", "new-facilities-in-atyrau-region"),
    },
    ("institution", "friendship-house-abai"): {
        "kk": ("abai-oblysyndagy-jana-dostyq-uii", "abai-oblysyndagy-jana-nysandar"),
        "ru": ("novyi-dom-druzhby-v-abaiskoi-oblasti", "novye-obieekty-v-oblasti-abai"),
        "en": ("new-friendship-house-in-abai-region", "new-facilities-in-abai-region"),
    },
}

# The article's Russian and English text: field -> (SHA-256 of the whole seeded field,
# [(seeded wording, corrected wording)]). Corrected only while the field is exactly as seeded.
ARTICLE_KEY = "kazinform-2025-12-19"
ARTICLE_CHANGES = {
    "lead_en": (
        "cecb34374cd933004b04e06606a36840d0ea829a2ef3bc5b1263b6c70b419e59",
        [("a 2025 social survey", "a 2025 sociological survey")],
    ),
    "body_en": (
        "cd7b09ff98092a8cd4dccbb21fa6eea3614aebe4b5bbe8ccd6220b01560c5de8",
        [
            (
                "The youth wing “Assembly Jastary” (“Youth of the Assembly”) brings",
                "The youth wing “Assembly Youth” (Assambleia Jastary) brings",
            ),
            (
                "The “Assembly Jastary” organisation",
                "The “Assembly Youth” (Assambleia Jastary) organisation",
            ),
        ],
    ),
    "body_ru": (
        "4807b1f720d6df084a453b3d759f41c970e63f0ec003f8c43e8aa1faf44fa643",
        [
            (
                "в Кызылординской, Атырауской и Абайской областях началось",
                "в Кызылординской и Атырауской областях и области Абай началось",
            ),
        ],
    ),
}

# Abai region's official Russian name (migration 0002 loaded the other one).
REGION_CHANGES = {"abai": {"name_ru": ("Абайская область", "Область Абай")}}

SOURCE_LANGUAGE = "kk"
TRANSLATED_LANGUAGES = ("ru", "en")


def correct_seed_facts(apps, schema_editor):
    left = []
    for (model_name, key), changes in SEED_CHANGES.items():
        model = apps.get_model("assembly", model_name)
        slugs = SLUG_CHANGES.get((model_name, key), {})
        obj = model._base_manager.filter(seed_key=key).only(*loaded(model, changes, slugs)).first()
        if obj is None:  # never seeded, or deleted by an editor
            continue
        edited = [
            field
            for field, (seeded, corrected) in changes.items()
            if stored(obj, field) not in (seeded, corrected)
        ]
        if edited:
            left.append(f"{model_name} {key} ({', '.join(edited)})")
            continue
        correct_record(apps, obj, changes)
        left += correct_slugs(apps, model, obj, slugs)
    left += correct_article(apps)
    left += correct_regions(apps)
    for record in left:
        message = f"Left as an editor changed it, not corrected: {record}"
        logger.warning(message)
        print(f"\n  {message}", end="")


def loaded(model, changes, slugs):
    """Only the columns this migration reads and writes."""
    names = {"seed_key", "translation_sources", *changes}
    names |= {field.rpartition("_")[0] for field in changes}  # untranslated columns
    names |= {"slug", *(f"slug_{lang}" for lang in slugs)}
    return names & {field.name for field in model._meta.concrete_fields}


def stored(obj, field):
    if field == "parent":
        parent = type(obj)._base_manager.filter(pk=obj.parent_id)
        return parent.values_list("seed_key", flat=True).first()
    return getattr(obj, field)


def correct_record(apps, obj, changes):
    updated = set()
    for field, (seeded, corrected) in changes.items():
        if field == "parent":
            institutions = apps.get_model("assembly", "Institution")._base_manager
            parent = institutions.filter(seed_key=corrected) if corrected else institutions.none()
            obj.parent_id = parent.values_list("pk", flat=True).first()
            updated.add("parent")
            continue
        setattr(obj, field, corrected)
        updated.add(field)
        base, _sep, lang = field.rpartition("_")
        if lang == SOURCE_LANGUAGE:
            # modeltranslation keeps the Kazakh value in the untranslated column too.
            if getattr(obj, base, None) == seeded:
                setattr(obj, base, corrected)
                updated.add(base)
            if note_translation_sources(obj, base, corrected):
                updated.add("translation_sources")
    obj.save(update_fields=sorted(updated))


def note_translation_sources(obj, field, kazakh):
    """The corrected ru and en text translate the corrected Kazakh text: say so where a
    translator's save noted the Kazakh text (assembly/translation_status.py)."""
    sources = getattr(obj, "translation_sources", None)
    if not sources:
        return False
    digest = hashlib.sha256(" ".join(kazakh.split()).encode()).hexdigest()[:16]
    for lang in TRANSLATED_LANGUAGES:
        if field in sources.get(lang, {}):
            sources[lang][field] = digest
    return True


def correct_slugs(apps, model, obj, slugs):
    left = []
    redirects = apps.get_model("assembly", "SlugRedirect")._base_manager
    label = f"assembly.{model._meta.model_name}"
    updated = set()
    for lang, (seeded, corrected) in slugs.items():
        column = f"slug_{lang}"
        if getattr(obj, column) != seeded:
            continue
        if model._base_manager.filter(**{column: corrected}).exclude(pk=obj.pk).exists():
            left.append(f"{label} {obj.seed_key} ({column}: {corrected} is taken)")
            continue
        setattr(obj, column, corrected)
        updated.add(column)
        if lang == SOURCE_LANGUAGE and obj.slug == seeded:
            obj.slug = corrected
            updated.add("slug")
        redirects.update_or_create(
            model_label=label, language=lang, old_slug=seeded, defaults={"object_id": obj.pk}
        )
        redirects.filter(model_label=label, old_slug=corrected).delete()
    if updated:
        obj.save(update_fields=sorted(updated))
    return left


def correct_article(apps):
    items = apps.get_model("assembly", "NewsItem")._base_manager.filter(seed_key=ARTICLE_KEY)
    item = items.only(*ARTICLE_CHANGES).first()
    if item is None:
        return []
    edited, updated = [], []
    for field, (seeded_hash, wordings) in ARTICLE_CHANGES.items():
        text = getattr(item, field) or ""
        if all(corrected in text for _seeded, corrected in wordings):
            continue
        if hashlib.sha256(text.encode()).hexdigest() != seeded_hash:
            edited.append(field)
            continue
        for seeded, corrected in wordings:
            text = text.replace(seeded, corrected)
        setattr(item, field, text)
        updated.append(field)
    if updated:
        item.save(update_fields=updated)
    return [f"newsitem {ARTICLE_KEY} ({', '.join(edited)})"] if edited else []


def correct_regions(apps):
    left = []
    regions = apps.get_model("assembly", "Region")._base_manager
    for code, changes in REGION_CHANGES.items():
        region = regions.filter(code=code).only("code", *changes).first()
        if region is None:
            continue
        for field, (seeded, corrected) in changes.items():
            value = getattr(region, field)
            if value == seeded:
                setattr(region, field, corrected)
                region.save(update_fields=[field])
            elif value != corrected:
                left.append(f"region {code} ({field})")
    return left


class Migration(migrations.Migration):
    dependencies = [("assembly", "0015_count_qualifiers")]

    operations = [migrations.RunPython(correct_seed_facts, migrations.RunPython.noop)]
