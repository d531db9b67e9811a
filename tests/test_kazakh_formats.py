from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.utils import translation
from django.utils.formats import date_format, get_format, number_format


@pytest.fixture
def kazakh():
    with translation.override("kk"):
        yield


def test_kazakh_long_date_has_lowercase_month_and_year_mark(kazakh):
    assert date_format(date(2025, 12, 19), "DATE_FORMAT") == "19 желтоқсан 2025 ж."
    assert date_format(date(2025, 3, 1), "DATE_FORMAT") == "1 наурыз 2025 ж."


def test_kazakh_datetime_uses_24_hour_clock(kazakh):
    moment = datetime(2025, 12, 19, 15, 5, tzinfo=ZoneInfo("Asia/Almaty"))
    assert date_format(moment, "DATETIME_FORMAT") == "19 желтоқсан 2025 ж. 15:05"
    assert date_format(moment, "SHORT_DATETIME_FORMAT") == "19.12.2025 15:05"


def test_kazakh_short_date_is_day_month_year(kazakh):
    assert date_format(date(2025, 12, 19), "SHORT_DATE_FORMAT") == "19.12.2025"


def test_kazakh_numbers_use_decimal_comma_and_non_breaking_space(kazakh):
    assert number_format(1234567.5, force_grouping=True) == "1\xa0234\xa0567,5"
    assert number_format(0.25) == "0,25"


def test_kazakh_week_starts_on_monday(kazakh):
    assert get_format("FIRST_DAY_OF_WEEK") == 1


@pytest.mark.parametrize("typed", ["19.12.2025", "2025-12-19"])
def test_kazakh_date_field_accepts_dotted_and_iso_dates(kazakh, typed):
    assert forms.DateField().clean(typed) == date(2025, 12, 19)


def test_kazakh_datetime_field_accepts_dotted_date_with_time(kazakh):
    assert forms.DateTimeField().clean("19.12.2025 14:30").replace(tzinfo=None) == datetime(
        2025, 12, 19, 14, 30
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "19 декабря 2025 г."), ("en", "19 December 2025")],
)
def test_other_languages_write_the_day_before_the_month(language, expected):
    # English as the site has always written it, not Django's "Dec. 19, 2025".
    with translation.override(language):
        assert date_format(date(2025, 12, 19), "DATE_FORMAT") == expected


def test_strings_missing_from_djangos_kazakh_catalog_are_kazakh(kazakh):
    assert translation.gettext("Toggle theme (current theme: dark)") == (
        "Безендіруді ауыстыру (қазіргі безендіру: қараңғы)"
    )
    assert translation.gettext("Recent actions") == "Соңғы әрекеттер"
    assert (
        translation.ngettext(
            "Please correct the error below.", "Please correct the errors below.", 2
        )
        == "Төмендегі қателерді түзетіңіз."
    )
    # A wrong upstream translation ("Өшіру/Уақыт", delete/time) is corrected.
    assert translation.gettext("Date/time") == "Күні/уақыты"


def test_third_party_strings_are_translated_in_kazakh_and_russian():
    with translation.override("kk"):
        assert translation.gettext("access attempts") == "кіру әрекеттері"
        assert translation.gettext("Initial version.") == "Бастапқы нұсқа."
    with translation.override("ru"):
        assert translation.gettext("Expires At") == "Истекает"


def test_kazakh_month_heading_puts_the_year_first(kazakh):
    assert date_format(date(2025, 12, 1), "YEAR_MONTH_FORMAT") == "2025 ж. желтоқсан"


@pytest.mark.parametrize(
    ("lang", "separator", "decimal"), [("kk", "\xa0", ","), ("ru", "\xa0", ","), ("en", ",", ".")]
)
def test_numbers_are_grouped_by_each_languages_formats_module(lang, separator, decimal):
    with translation.override(lang):
        assert (
            number_format(1234567.5, force_grouping=True)
            == f"1{separator}234{separator}567{decimal}5"
        )
