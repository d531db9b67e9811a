import sys

import django
import PIL

django_ok = django.VERSION[:2] == (5, 2) and django.VERSION[2] >= 19
pillow_ok = int(PIL.__version__.split(".")[0]) >= 13
print(f"Django {django.get_version()}, Pillow {PIL.__version__}")
if not (django_ok and pillow_ok):
    sys.exit("Django must be 5.2.19 or a later 5.2 release, and Pillow 13 or later.")
