# Kazakh formats; Django ships none, so without this module dates fall back to US style.
# Date formats use Django's date syntax: `E` is the month name from MONTHS_ALT (the
# "alt. month" context), lowercase in Kazakh as in «19 желтоқсан 2025 ж.».
DATE_FORMAT = "j E Y ж."
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y ж. H:i"
# Year first in a month heading, as in «2025 ж. желтоқсан»; the site's archive and the
# admin's date hierarchy both read it from here.
YEAR_MONTH_FORMAT = "Y ж. E"
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

# Input formats use Python's strptime syntax; the first one is what the admin's calendar
# writes into the field. ISO dates are accepted too.
DATE_INPUT_FORMATS = [
    "%d.%m.%Y",  # '19.12.2025'
    "%d.%m.%y",  # '19.12.25'
    "%Y-%m-%d",  # '2025-12-19'
]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M:%S",  # '19.12.2025 14:30:59'
    "%d.%m.%Y %H:%M:%S.%f",  # '19.12.2025 14:30:59.000200'
    "%d.%m.%Y %H:%M",  # '19.12.2025 14:30'
    "%d.%m.%Y",  # '19.12.2025'
    "%Y-%m-%d %H:%M:%S",  # '2025-12-19 14:30:59'
    "%Y-%m-%d %H:%M:%S.%f",  # '2025-12-19 14:30:59.000200'
    "%Y-%m-%d %H:%M",  # '2025-12-19 14:30'
    "%Y-%m-%d",  # '2025-12-19'
]
TIME_INPUT_FORMATS = [
    "%H:%M:%S",  # '14:30:59'
    "%H:%M:%S.%f",  # '14:30:59.000200'
    "%H:%M",  # '14:30'
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # non-breaking space
NUMBER_GROUPING = 3
