# English formats: the site's and the admin's. The site writes British English, day first
# ("19 December 2025"), where Django's en module writes "Dec. 19, 2025". Only what readers
# and editors see is set here; input formats come from Django's en module.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
# Month first in a month heading; the site's archive and the admin's date hierarchy.
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
