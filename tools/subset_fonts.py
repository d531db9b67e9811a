"""Makes the site's font files (static/fonts/) from Noto Sans in tools/font-sources/.

Each file holds what one group of readers needs, and site.css declares it with a
unicode-range, so that a browser downloads only the files whose letters a page shows:

- latin: every page (digits, punctuation, «», dashes, English);
- cyrillic: Russian and Kazakh pages (the Russian alphabet, with Іі and Ұұ, which the
  source keeps in this part);
- kazakh: the other Kazakh letters, ә ғ қ ң ө ү һ and their capitals;
- latin-ext and cyrillic-ext: letters of other languages, downloaded only when a page
  shows one.

The weight axis is cut to what site.css uses (400 to 800). Needs fontTools with brotli,
a tool only, not a dependency of the site:

    .venv/bin/pip install fonttools brotli
    .venv/bin/python tools/subset_fonts.py        # writes the files, prints the @font-face rules

Paste the printed rules over those at the top of static/css/site.css when a range changes.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "tools" / "font-sources"
OUTPUT = ROOT / "static" / "fonts"
WEIGHTS = (400, 800)

KAZAKH = [0x0492, 0x0493, 0x049A, 0x049B, 0x04A2, 0x04A3, 0x04AE, 0x04AF, 0x04BA, 0x04BB]
KAZAKH += [0x04D8, 0x04D9, 0x04E8, 0x04E9]


def span(first, last):
    return list(range(first, last + 1))


LATIN = [
    *span(0x0000, 0x00FF),
    *(0x0131, 0x0152, 0x0153, 0x02BB, 0x02BC, 0x02C6, 0x02DA, 0x02DC, 0x0304, 0x0308, 0x0329),
    *span(0x2000, 0x206F),
    *(0x20AC, 0x2122, 0x2191, 0x2193, 0x2212, 0x2215, 0xFEFF, 0xFFFD),
]
LATIN_EXT = [
    *span(0x0100, 0x02BA),
    *span(0x02BD, 0x02C5),
    *span(0x02C7, 0x02CC),
    *span(0x02CE, 0x02D7),
    *span(0x02DD, 0x02FF),
    *span(0x1D00, 0x1DBF),
    *span(0x1E00, 0x1E9F),
    *span(0x1EF2, 0x1EFF),
    0x2020,
    *span(0x20A0, 0x20AB),
    *span(0x20AD, 0x20C0),
    0x2113,
    *span(0x2C60, 0x2C7F),
    *span(0xA720, 0xA7FF),
]
CYRILLIC = [0x0301, *span(0x0400, 0x045F), 0x0490, 0x0491, 0x04B0, 0x04B1, 0x2116]
CYRILLIC_EXT = [
    code
    for code in [
        *span(0x0460, 0x052F),
        *span(0x1C80, 0x1C8A),
        0x20B4,
        *span(0x2DE0, 0x2DFF),
        *span(0xA640, 0xA69F),
        0xFE2E,
        0xFE2F,
    ]
    if code not in KAZAKH and code not in CYRILLIC
]

# (file name, source, code points); in site.css the order of these rules is this order.
SUBSETS = [
    ("noto-sans-cyrillic-ext", "noto-sans-cyrillic-ext-wght-normal.woff2", CYRILLIC_EXT),
    ("noto-sans-kazakh", "noto-sans-cyrillic-ext-wght-normal.woff2", KAZAKH),
    ("noto-sans-cyrillic", "noto-sans-cyrillic-wght-normal.woff2", CYRILLIC),
    ("noto-sans-latin-ext", "noto-sans-latin-ext-wght-normal.woff2", LATIN_EXT),
    ("noto-sans-latin", "noto-sans-latin-wght-normal.woff2", LATIN),
]


def unicode_range(codes):
    """U+0400-045F, U+2116, ... for a list of code points."""
    codes = sorted(set(codes))
    ranges, start = [], codes[0]
    for previous, code in zip(codes, [*codes[1:], None], strict=True):
        if code != previous + 1:
            ranges.append(f"U+{start:04X}" + (f"-{previous:04X}" if previous != start else ""))
            start = code
    return ", ".join(ranges)


def make(name, source, codes, folder):
    narrowed = Path(folder) / f"{name}.ttf"
    tools = Path(sys.executable).parent
    low, high = WEIGHTS
    instancer = [tools / "fonttools", "varLib.instancer", SOURCES / source]
    subprocess.run([*instancer, f"wght={low}:{high}", "-q", "-o", narrowed], check=True)
    subset = [tools / "pyftsubset", narrowed, f"--unicodes={unicode_range(codes)}"]
    target = OUTPUT / f"{name}.woff2"
    subprocess.run([*subset, "--flavor=woff2", f"--output-file={target}"], check=True)
    return target


def font_face(name, codes):
    low, high = WEIGHTS
    return (
        "@font-face {\n"
        '  font-family: "Noto Sans";\n'
        "  font-style: normal;\n"
        "  font-display: swap;\n"
        f"  font-weight: {low} {high};\n"
        f'  src: url("../fonts/{name}.woff2") format("woff2");\n'
        f"  unicode-range: {unicode_range(codes)};\n"
        "}"
    )


def main():
    with tempfile.TemporaryDirectory() as folder:
        for name, source, codes in SUBSETS:
            target = make(name, source, codes, folder)
            print(f"/* {target.name}: {target.stat().st_size:,} bytes */", file=sys.stderr)
    print("\n".join(font_face(name, codes) for name, _source, codes in SUBSETS))


if __name__ == "__main__":
    main()
