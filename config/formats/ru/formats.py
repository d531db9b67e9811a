# Russian formats: the site's and the admin's. Only what readers and editors see is set
# here; input formats come from Django's ru module. `E` is the month in the genitive
# («19 декабря 2025 г.»), `F` in the nominative for a month heading («Декабрь 2025 г.»).
DATE_FORMAT = "j E Y г."
TIME_FORMAT = "G:i"
DATETIME_FORMAT = "j E Y г. G:i"
# Month first in a month heading; the site's archive and the admin's date hierarchy.
YEAR_MONTH_FORMAT = "F Y г."
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # non-breaking space
NUMBER_GROUPING = 3
