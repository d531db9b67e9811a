"""Clean image fields, count qualifiers, corrected seed facts, admin preferences, the second
sign-in step, search entries, translation sources and translators' language groups.

Like every migration, this one does not import the application: the values, functions and SQL
its steps need are copied here.
"""

import hashlib
import logging

import django.contrib.postgres.search
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import assembly.languages
import assembly.models.fields
import assembly.models.images
import assembly.uploads

logger = logging.getLogger(__name__)

# Seed facts. Databases seeded before issue 11 hold records that said more than the article.
# Each change names the value the seed loader stored and the corrected one. A field is corrected
# only while it still holds the seeded value; a record with any such field changed by an editor
# is left as it is, and the migration says which ones it left. Fresh databases get the corrected
# values from assembly/seed/ and have nothing to correct here. The search texts of the corrected
# records are refreshed by their next save.
#
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

# Abai region's official Russian name (migration 0001_squashed_0013 loaded the other one).
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


# Search entries: search moves from the content tables' columns to its own table, one entry per
# object and language. The entries are filled from the columns, which are then dropped with
# their trigger and indexes.
SEARCHABLE = {"newsitem": "news", "initiative": "initiative", "institution": "institution"}
SEARCH_LANGUAGES = ("kk", "ru", "en")
TITLE_END = "\n"
BATCH = 500
OLD_VECTORS = [
    f"vector_{lang}_{kind}"
    for lang in SEARCH_LANGUAGES
    for kind in ("plain", "folded", "stems")
    if kind != "stems" or lang != "kk"
]
OLD_COLUMNS = [
    *(f"search_{lang}" for lang in SEARCH_LANGUAGES),
    *(f"search_title_{lang}" for lang in SEARCH_LANGUAGES),
    *OLD_VECTORS,
]

# The entries' word vectors and folded title, kept by a trigger so that every writer fills
# them. Stems only for the languages PostgreSQL stems; others keep NULL.
CREATE_ENTRY_FUNCTION = """
CREATE OR REPLACE FUNCTION assembly_search_entry() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    whole text := coalesce(NEW.title, '') || ' ' || coalesce(NEW.body, '');
BEGIN
    NEW.vector_plain := to_tsvector('simple'::regconfig, whole);
    NEW.vector_folded := to_tsvector(
        'simple'::regconfig, translate(whole, 'қғңәөұүһіё', 'кгнаоуухие')
    );
    NEW.vector_stems := CASE NEW.lang
        WHEN 'ru' THEN to_tsvector('russian'::regconfig, whole)
        WHEN 'en' THEN to_tsvector('english'::regconfig, whole)
    END;
    NEW.title_folded := translate(coalesce(NEW.title, ''), 'қғңәөұүһіё', 'кгнаоуухие');
    RETURN NEW;
END
$$
"""
ENTRY_TRIGGER = (
    "CREATE TRIGGER assembly_search_entry BEFORE INSERT OR UPDATE OF title, body, lang "
    "ON assembly_searchentry FOR EACH ROW EXECUTE FUNCTION assembly_search_entry()"
)
ENTRY_INDEXES = [
    "CREATE INDEX search_entry_plain ON assembly_searchentry USING gin (vector_plain)",
    "CREATE INDEX search_entry_folded ON assembly_searchentry USING gin (vector_folded)",
    "CREATE INDEX search_entry_stems ON assembly_searchentry USING gin (vector_stems)",
    "CREATE INDEX search_entry_title_trgm ON assembly_searchentry "
    "USING gin (title_folded gin_trgm_ops)",
]

# The content tables' trigger function as migration 0001_squashed_0013 left it, for the way back.
OLD_FUNCTION = r"""
CREATE OR REPLACE FUNCTION assembly_search_vectors() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.vector_kk_plain := to_tsvector('simple'::regconfig, coalesce(NEW.search_kk, ''));
    NEW.vector_kk_folded := to_tsvector('simple'::regconfig, translate(coalesce(NEW.search_kk, ''), 'қғңәөұүһіё', 'кгнаоуухие'));
    NEW.vector_ru_plain := to_tsvector('simple'::regconfig, coalesce(NEW.search_ru, ''));
    NEW.vector_ru_folded := to_tsvector('simple'::regconfig, translate(coalesce(NEW.search_ru, ''), 'қғңәөұүһіё', 'кгнаоуухие'));
    NEW.vector_ru_stems := to_tsvector('russian'::regconfig, coalesce(NEW.search_ru, ''));
    NEW.vector_en_plain := to_tsvector('simple'::regconfig, coalesce(NEW.search_en, ''));
    NEW.vector_en_folded := to_tsvector('simple'::regconfig, translate(coalesce(NEW.search_en, ''), 'қғңәөұүһіё', 'кгнаоуухие'));
    NEW.vector_en_stems := to_tsvector('english'::regconfig, coalesce(NEW.search_en, ''));
    NEW.search_title_kk := translate(split_part(coalesce(NEW.search_kk, ''), chr(10), 1), 'қғңәөұүһіё', 'кгнаоуухие');
    NEW.search_title_ru := translate(split_part(coalesce(NEW.search_ru, ''), chr(10), 1), 'қғңәөұүһіё', 'кгнаоуухие');
    NEW.search_title_en := translate(split_part(coalesce(NEW.search_en, ''), chr(10), 1), 'қғңәөұүһіё', 'кгнаоуухие');
    RETURN NEW;
END
$$
"""


def add_entry_sql(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_ENTRY_FUNCTION)
    schema_editor.execute(ENTRY_TRIGGER)
    for column in ("vector_plain", "vector_folded", "vector_stems"):
        # No statistics: for a word in most rows they make the planner read every row's
        # vector instead of the GIN index, several times slower.
        schema_editor.execute(
            f"ALTER TABLE assembly_searchentry ALTER COLUMN {column} SET STATISTICS 0"
        )
    for statement in ENTRY_INDEXES:
        schema_editor.execute(statement)


def remove_entry_sql(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP TRIGGER IF EXISTS assembly_search_entry ON assembly_searchentry")
    schema_editor.execute("DROP FUNCTION IF EXISTS assembly_search_entry()")


def fill_entries(apps, schema_editor):
    """One entry per object and language, from the content tables' search texts."""
    alias = schema_editor.connection.alias
    ContentType = apps.get_model("contenttypes", "ContentType")
    SearchEntry = apps.get_model("assembly", "SearchEntry")
    for model_name in SEARCHABLE:
        model = apps.get_model("assembly", model_name)
        content_type, _created = ContentType.objects.using(alias).get_or_create(
            app_label="assembly", model=model_name
        )
        columns = [f"search_{lang}" for lang in SEARCH_LANGUAGES]
        rows = model._base_manager.using(alias).order_by("pk").values_list("pk", *columns)
        entries = []
        for pk, *texts in rows.iterator(chunk_size=BATCH):
            for lang, text in zip(SEARCH_LANGUAGES, texts, strict=True):
                title, _end, body = (text or "").partition(TITLE_END)
                entries.append(
                    SearchEntry(
                        content_type=content_type, object_id=pk, lang=lang, title=title, body=body
                    )
                )
            if len(entries) >= BATCH:
                SearchEntry.objects.using(alias).bulk_create(entries)
                entries = []
        SearchEntry.objects.using(alias).bulk_create(entries)


def fill_columns(apps, schema_editor):
    """Back: the content tables' search texts from the entries."""
    alias = schema_editor.connection.alias
    SearchEntry = apps.get_model("assembly", "SearchEntry")
    for model_name in SEARCHABLE:
        model = apps.get_model("assembly", model_name)
        texts = {}
        entries = SearchEntry.objects.using(alias).filter(
            content_type__app_label="assembly", content_type__model=model_name
        )
        for object_id, lang, title, body in entries.values_list(
            "object_id", "lang", "title", "body"
        ).iterator(chunk_size=BATCH):
            if lang in SEARCH_LANGUAGES:
                texts.setdefault(object_id, {})[f"search_{lang}"] = f"{title}{TITLE_END}{body}"
        rows = list(model._base_manager.using(alias).filter(pk__in=list(texts)))
        for row in rows:
            for name, value in texts[row.pk].items():
                setattr(row, name, value)
        model._base_manager.using(alias).bulk_update(
            rows, [f"search_{lang}" for lang in SEARCH_LANGUAGES], batch_size=BATCH
        )


def drop_old_sql(apps, schema_editor):
    # The indexes on the old columns go with them.
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name in SEARCHABLE:
        table = schema_editor.quote_name(apps.get_model("assembly", model_name)._meta.db_table)
        schema_editor.execute(f"DROP TRIGGER IF EXISTS assembly_search_vectors ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS assembly_search_vectors()")


def restore_old_sql(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    schema_editor.execute(OLD_FUNCTION)
    watched = ", ".join(f"search_{lang}" for lang in SEARCH_LANGUAGES)
    for model_name, prefix in SEARCHABLE.items():
        table = quote(apps.get_model("assembly", model_name)._meta.db_table)
        schema_editor.execute(
            f"CREATE TRIGGER assembly_search_vectors BEFORE INSERT OR UPDATE OF {watched} "
            f"ON {table} FOR EACH ROW EXECUTE FUNCTION assembly_search_vectors()"
        )
        for column in OLD_VECTORS:
            schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET STATISTICS 0")
            schema_editor.execute(
                f"CREATE INDEX {quote(f'{prefix}_{column}')} ON {table} USING gin ({column})"
            )
        for lang in SEARCH_LANGUAGES:
            name = quote(f"{prefix}_title_{lang}_trgm")
            schema_editor.execute(
                f"CREATE INDEX {name} ON {table} USING gin (search_title_{lang} gin_trgm_ops)"
            )


# Groups that limit a translator to one language: a member of "Translators" and of one of these
# translates only into that language (assembly/admin/roles.py); the permissions stay with
# "Translators".
TRANSLATOR_GROUPS = ("Translators ru", "Translators en")


def create_translator_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in TRANSLATOR_GROUPS:
        Group.objects.get_or_create(name=name)


def remove_translator_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=TRANSLATOR_GROUPS).delete()


class Migration(migrations.Migration):
    replaces = [
        ("assembly", "0014_clean_image_fields"),
        ("assembly", "0015_count_qualifiers"),
        ("assembly", "0016_correct_seed_facts"),
        ("assembly", "0017_admin_preference"),
        ("assembly", "0018_second_factor"),
        ("assembly", "0019_source_url_help"),
        ("assembly", "0020_search_entries"),
        ("assembly", "0021_translation_source"),
        ("assembly", "0022_translator_language_groups"),
        ("assembly", "0023_admin_language_choices"),
    ]

    dependencies = [
        ("assembly", "0001_squashed_0013_search_word_languages"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Originals are stored without metadata and their renditions made on save (issue 17).
        migrations.AlterField(
            model_name="initiative",
            name="image",
            field=assembly.models.fields.CleanImageField(
                blank=True,
                help_text="JPEG, PNG or WebP, at most 20 MB and 40 megapixels.",
                upload_to=assembly.models.images.image_upload_to,
                validators=[assembly.uploads.ImageUploadValidator()],
                verbose_name="image",
            ),
        ),
        migrations.AlterField(
            model_name="institution",
            name="image",
            field=assembly.models.fields.CleanImageField(
                blank=True,
                help_text="JPEG, PNG or WebP, at most 20 MB and 40 megapixels.",
                upload_to=assembly.models.images.image_upload_to,
                validators=[assembly.uploads.ImageUploadValidator()],
                verbose_name="image",
            ),
        ),
        migrations.AlterField(
            model_name="newsitem",
            name="hero_image",
            field=assembly.models.fields.CleanImageField(
                blank=True,
                help_text="JPEG, PNG or WebP, at most 20 MB and 40 megapixels.",
                upload_to=assembly.models.images.image_upload_to,
                validators=[assembly.uploads.ImageUploadValidator()],
                verbose_name="main image",
            ),
        ),
        migrations.AddField(
            model_name="initiative",
            name="participants_qualifier",
            field=models.CharField(
                choices=[("exact", "exactly"), ("more_than", "more than"), ("about", "about")],
                default="exact",
                max_length=12,
                verbose_name="participants: qualifier",
            ),
        ),
        migrations.AddField(
            model_name="institution",
            name="ensembles_qualifier",
            field=models.CharField(
                choices=[("exact", "exactly"), ("more_than", "more than"), ("about", "about")],
                default="exact",
                max_length=12,
                verbose_name="ensembles: qualifier",
            ),
        ),
        migrations.AddField(
            model_name="institution",
            name="experts_qualifier",
            field=models.CharField(
                choices=[("exact", "exactly"), ("more_than", "more than"), ("about", "about")],
                default="exact",
                max_length=12,
                verbose_name="experts: qualifier",
            ),
        ),
        migrations.AddField(
            model_name="institution",
            name="members_qualifier",
            field=models.CharField(
                choices=[("exact", "exactly"), ("more_than", "more than"), ("about", "about")],
                default="exact",
                max_length=12,
                verbose_name="members: qualifier",
            ),
        ),
        migrations.AddField(
            model_name="institution",
            name="publication_languages_qualifier",
            field=models.CharField(
                choices=[("exact", "exactly"), ("more_than", "more than"), ("about", "about")],
                default="exact",
                max_length=12,
                verbose_name="number of languages of publication: qualifier",
            ),
        ),
        migrations.AddField(
            model_name="institution",
            name="units_qualifier",
            field=models.CharField(
                choices=[("exact", "exactly"), ("more_than", "more than"), ("about", "about")],
                default="exact",
                max_length=12,
                verbose_name="number of units: qualifier",
            ),
        ),
        migrations.AlterField(
            model_name="institution",
            name="kind",
            field=models.CharField(
                choices=[
                    ("assembly", "the Assembly"),
                    ("regional_assembly", "regional assembly"),
                    ("district_assembly", "district assembly"),
                    ("friendship_house", "Friendship House"),
                    ("university_department", "university department"),
                    ("council", "council"),
                    ("centre", "centre"),
                    ("club", "club"),
                    ("theatre", "theatre"),
                    ("media", "ethnic newspaper or magazine"),
                    ("association", "association"),
                    ("youth_wing", "youth wing"),
                    ("ethnocultural_association", "ethnocultural association"),
                    ("state_body", "state body"),
                    ("international", "international organization"),
                    ("facility", "facility"),
                ],
                db_index=True,
                max_length=30,
                verbose_name="kind",
            ),
        ),
        migrations.RunPython(correct_seed_facts, migrations.RunPython.noop),
        migrations.CreateModel(
            name="AdminPreference",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        choices=assembly.languages.content_language_choices,
                        max_length=8,
                        verbose_name="admin language",
                    ),
                ),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="admin_preference",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "admin preference",
                "verbose_name_plural": "admin preferences",
            },
        ),
        migrations.CreateModel(
            name="RecoveryCodeDevice",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="The human-readable name of this device.", max_length=64
                    ),
                ),
                (
                    "confirmed",
                    models.BooleanField(default=True, help_text="Is this device ready for use?"),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        auto_now_add=True,
                        help_text="The date and time when this device was initially created in the system.",  # noqa: E501
                        null=True,
                    ),
                ),
                (
                    "last_used_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="The most recent date and time this device was used.",
                        null=True,
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        to=settings.AUTH_USER_MODEL,
                        help_text="The user that this device belongs to.",
                        on_delete=django.db.models.deletion.CASCADE,
                    ),
                ),
            ],
            options={
                "verbose_name": "recovery codes",
                "verbose_name_plural": "recovery codes",
            },
        ),
        migrations.CreateModel(
            name="RecoveryCode",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("digest", models.CharField(db_index=True, max_length=64)),
                (
                    "device",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="codes",
                        to="assembly.recoverycodedevice",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="SecurityEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "at",
                    models.DateTimeField(
                        db_index=True, default=django.utils.timezone.now, verbose_name="time"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("signed_in", "signed in with the second step"),
                            ("failed", "wrong code or passkey"),
                            ("locked", "second step locked"),
                            ("device_added", "device added"),
                            ("device_removed", "device removed"),
                            ("codes_renewed", "new recovery codes"),
                            ("session_ended", "session ended"),
                        ],
                        max_length=20,
                        verbose_name="event",
                    ),
                ),
                ("device", models.CharField(blank=True, max_length=200, verbose_name="device")),
                (
                    "address",
                    models.GenericIPAddressField(blank=True, null=True, verbose_name="IP address"),
                ),
                (
                    "by",
                    models.ForeignKey(
                        to=settings.AUTH_USER_MODEL,
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        verbose_name="done by",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        to=settings.AUTH_USER_MODEL,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="security_events",
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "sign-in audit entry",
                "verbose_name_plural": "sign-in audit",
                "ordering": ["-at"],
                "indexes": [
                    models.Index(fields=["user", "kind", "at"], name="security_user_kind_at_idx")
                ],
            },
        ),
        migrations.AlterField(
            model_name="newsitem",
            name="source_url",
            field=models.URLField(
                blank=True,
                help_text=(
                    "The exact address of the agency's report. Readers get a link to the "
                    "original only with this address; the agency's home page is not linked as "
                    "the original."
                ),
                max_length=500,
                verbose_name="original URL",
            ),
        ),
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("object_id", models.BigIntegerField()),
                ("lang", models.CharField(max_length=10, verbose_name="language")),
                ("title", models.TextField(blank=True, default="", verbose_name="title")),
                ("body", models.TextField(blank=True, default="", verbose_name="body")),
                (
                    "vector_plain",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
                (
                    "vector_folded",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
                (
                    "vector_stems",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
                ("title_folded", models.TextField(blank=True, default="", editable=False)),
                (
                    "content_type",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="contenttypes.contenttype",
                    ),
                ),
            ],
            options={
                "verbose_name": "search entry",
                "verbose_name_plural": "search entries",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("object_id", "content_type", "lang"), name="search_entry_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(add_entry_sql, remove_entry_sql),
        migrations.RunPython(fill_entries, fill_columns),
        migrations.RunPython(drop_old_sql, restore_old_sql),
        *(
            migrations.RemoveField(model_name=model_name, name=column)
            for model_name in SEARCHABLE
            for column in OLD_COLUMNS
        ),
        migrations.CreateModel(
            name="TranslationSource",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("object_id", models.CharField(max_length=64)),
                ("language", models.CharField(max_length=8, verbose_name="language")),
                ("field", models.CharField(max_length=64, verbose_name="field")),
                ("source_text", models.TextField(blank=True, verbose_name="Kazakh source")),
                ("source_hash", models.CharField(max_length=16)),
                ("saved_at", models.DateTimeField(auto_now=True, verbose_name="saved")),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, to="contenttypes.contenttype"
                    ),
                ),
                (
                    "saved_by",
                    models.ForeignKey(
                        to=settings.AUTH_USER_MODEL,
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                    ),
                ),
            ],
            options={
                "verbose_name": "translation source",
                "verbose_name_plural": "translation sources",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("content_type", "object_id", "language", "field"),
                        name="translation_source_unique",
                    )
                ],
            },
        ),
        migrations.RunPython(create_translator_groups, remove_translator_groups),
    ]
