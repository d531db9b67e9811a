"""Draws the seed article's hero image with Pillow, so nothing has to be downloaded."""

import io
import math

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

SKY_BLUE = (0, 175, 202)
DEEP_BLUE = (0, 94, 130)
GOLD = (254, 197, 12)
WIDTH, HEIGHT = 1600, 900


def render_hero_png(width=WIDTH, height=HEIGHT):
    image = Image.new("RGB", (width, height), SKY_BLUE)
    draw = ImageDraw.Draw(image)
    draw_gradient(draw, width, height)
    centre = (width // 2, int(height * 0.42))
    draw_sun(draw, centre, radius=int(height * 0.14))
    draw_circle_of_people(draw, centre, radius=int(height * 0.33), count=30)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return ContentFile(buffer.getvalue())


def draw_gradient(draw, width, height):
    for y in range(height):
        share = y / height
        colour = tuple(int(a + (b - a) * share) for a, b in zip(SKY_BLUE, DEEP_BLUE, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)


def draw_sun(draw, centre, radius):
    cx, cy = centre
    for ray in range(32):
        angle = 2 * math.pi * ray / 32
        inner, outer = radius * 1.15, radius * 1.55
        draw.line(
            [
                (cx + inner * math.cos(angle), cy + inner * math.sin(angle)),
                (cx + outer * math.cos(angle), cy + outer * math.sin(angle)),
            ],
            fill=GOLD,
            width=max(2, radius // 18),
        )
    draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill=GOLD)


def draw_circle_of_people(draw, centre, radius, count):
    cx, cy = centre
    head = max(6, radius // 14)
    for index in range(count):
        angle = 2 * math.pi * index / count - math.pi / 2
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        draw.ellipse([x - head, y - head, x + head, y + head], fill=GOLD)
        body_x, body_y = (
            x - head * 0.9 * math.cos(angle) * -1.8,
            y - head * 0.9 * math.sin(angle) * -1.8,
        )
        draw.line([(x, y), (body_x, body_y)], fill=GOLD, width=max(3, head // 2))
    draw.ellipse(
        [cx - radius, cy - radius, cx + radius, cy + radius], outline=GOLD, width=max(2, head // 3)
    )
