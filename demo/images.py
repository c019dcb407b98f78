"""Demo pictures drawn with Pillow: the demo never downloads an image.

Abstract compositions in the site's palette (one motif per discipline or theme: arcs for live
performance, rings for music, pixels for games…), with a fine grain, and partner logos as
monogram + wordmark compositions. Everything is seeded by the image's key, so a second load
draws the same pixels, and stored once as a Wagtail image of the project's model (found again
by its file name), with a French description that the templates use as alternative text.
"""

import math
import random
from functools import cache
from io import BytesIO
from pathlib import Path

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model

# The brand palette of site.css, as RGB.
NIGHT = (27, 26, 58)
BLUE = (36, 56, 168)
CORAL = (228, 87, 46)
MINT = (27, 153, 139)
SAFFRON = (246, 174, 45)
SKY = (168, 200, 240)
PAPER = (251, 248, 243)
PALETTE = [BLUE, CORAL, MINT, SAFFRON, SKY]

WIDTH, HEIGHT = 1280, 720  # 16:9, as wide as the widest rendition the templates ask for
SCALE = 2  # drawn at twice the size, then reduced: smooth edges without slow anti-aliasing
CREDIT = "Illustration générée pour la démonstration de Passerelles"
FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)


def _font(size: int) -> ImageFont.FreeTypeFont:
    for path in FONT_FILES:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


@cache
def _grain(seed: int) -> Image.Image:
    """A 256 px tile of soft noise (seeded, unlike Pillow's effect_noise)."""
    data = random.Random(seed).randbytes(256 * 256)  # noqa: S311 (pictures, not secrets)
    return Image.frombytes("L", (256, 256), data)


def _add_grain(image: Image.Image, seed: int, strength: float = 0.07) -> Image.Image:
    noise = Image.new("L", image.size)
    tile = _grain(seed)
    for x in range(0, image.width, 256):
        for y in range(0, image.height, 256):
            noise.paste(tile, (x, y))
    grey = Image.merge("RGB", (noise, noise, noise))
    return Image.blend(image, grey, strength)


def _gradient(size, top, bottom, angle: float) -> Image.Image:
    # Rotated on a larger square and cropped back, so that no corner is left unpainted.
    mask = Image.linear_gradient("L").resize((512, 512)).rotate(angle).crop((128, 128, 384, 384))
    mask = mask.resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _rgba(colour, alpha: int) -> tuple[int, int, int, int]:
    return (*colour, alpha)


# --- Motifs: each draws on a transparent layer of the doubled size -------------------------------


def _arcs(draw, rnd, w, h):
    """Live performance: stage arches and spotlight cones."""
    for _index in range(3):
        x = rnd.randint(int(w * 0.2), int(w * 0.8))
        colour = rnd.choice(PALETTE)
        draw.polygon([(x, 0), (x - w * 0.18, h), (x + w * 0.18, h)], fill=_rgba(colour, 70))
    for index in range(5):
        r = h * (0.35 + index * 0.12)
        draw.arc(
            (w / 2 - r, h * 0.95 - r, w / 2 + r, h * 0.95 + r),
            180,
            360,
            fill=_rgba(PALETTE[index % 5], 230),
            width=int(h * 0.035),
        )


def _rings(draw, rnd, w, h):
    """Music: concentric rings and a sound wave."""
    cx, cy = w * rnd.uniform(0.55, 0.75), h * 0.5
    for index in range(8, 0, -1):
        r = h * 0.07 * index
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_rgba(PALETTE[index % 5], 200))
    bars = 28
    for index in range(bars):
        amplitude = h * (0.08 + 0.3 * abs(math.sin(index * 0.55 + rnd.random())))
        x = w * 0.06 + index * w * 0.016
        draw.rounded_rectangle(
            (x, h / 2 - amplitude, x + w * 0.009, h / 2 + amplitude),
            radius=w * 0.004,
            fill=_rgba(PAPER, 220),
        )


def _blocks(draw, rnd, w, h):
    """Visual arts: overlapping planes, a sun, a line."""
    for _index in range(6):
        x, y = rnd.uniform(0, w * 0.8), rnd.uniform(0, h * 0.7)
        draw.rectangle(
            (x, y, x + rnd.uniform(w * 0.15, w * 0.4), y + rnd.uniform(h * 0.2, h * 0.5)),
            fill=_rgba(rnd.choice(PALETTE), 170),
        )
    r = h * 0.2
    cx, cy = w * rnd.uniform(0.2, 0.8), h * rnd.uniform(0.3, 0.6)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_rgba(SAFFRON, 235))
    draw.line((0, h * 0.8, w, h * 0.62), fill=_rgba(NIGHT, 255), width=int(h * 0.02))


def _grid(draw, rnd, w, h):
    """Design: a grid of circles, squares and triangles."""
    step = h / 4
    for col in range(int(w / step) + 1):
        for row in range(4):
            x, y = col * step, row * step
            colour = _rgba(rnd.choice(PALETTE), 225)
            m = step * 0.14
            shape = rnd.randrange(4)
            if shape == 0:
                draw.ellipse((x + m, y + m, x + step - m, y + step - m), fill=colour)
            elif shape == 1:
                draw.rectangle((x + m, y + m, x + step - m, y + step - m), fill=colour)
            elif shape == 2:
                draw.polygon(
                    [(x + m, y + step - m), (x + step / 2, y + m), (x + step - m, y + step - m)],
                    fill=colour,
                )
            else:
                draw.pieslice(
                    (x + m, y + m, x + 2 * step - 3 * m, y + 2 * step - 3 * m),
                    180,
                    270,
                    fill=colour,
                )


def _frames(draw, rnd, w, h):
    """Audiovisual: frames of a film strip, slanted."""
    band_h = h * 0.36
    for index in range(3):
        y = h * (0.08 + index * 0.3)
        colour = PALETTE[(index + rnd.randrange(5)) % 5]
        draw.rectangle((0, y, w, y + band_h * 0.8), fill=_rgba(NIGHT, 200))
        for k in range(9):
            x = k * w / 8 + index * w * 0.04
            draw.rounded_rectangle(
                (x, y + band_h * 0.12, x + w / 9, y + band_h * 0.68),
                radius=h * 0.02,
                fill=_rgba(colour, 210 - k * 12),
            )


def _pixels(draw, rnd, w, h):
    """Games: big pixels, a path, a cursor."""
    cell = h / 9
    for col in range(int(w / cell)):
        height = int(3 + 3 * math.sin(col * 0.4 + rnd.random()) + rnd.randrange(2))
        for row in range(height):
            colour = PALETTE[(col + row) % 5] if rnd.random() > 0.25 else PAPER
            y = h - (row + 1) * cell
            draw.rectangle(
                (col * cell + 2, y + 2, (col + 1) * cell - 2, y + cell - 2), fill=_rgba(colour, 230)
            )


def _hills(draw, rnd, w, h):
    """Ecological transition: layered hills under a sun, leaves."""
    r = h * 0.16
    cx = w * rnd.uniform(0.6, 0.85)
    draw.ellipse((cx - r, h * 0.18 - r / 2, cx + r, h * 0.18 + r * 1.5), fill=_rgba(SAFFRON, 240))
    for layer, colour in enumerate((SKY, MINT, BLUE, NIGHT)):
        base = h * (0.45 + layer * 0.13)
        phase, amplitude = rnd.uniform(0, 6), h * 0.06
        points = (
            [(0, h)]
            + [
                (x, base + amplitude * math.sin(x / w * 5 + phase + layer))
                for x in range(0, w + 40, 40)
            ]
            + [(w, h)]
        )
        draw.polygon(points, fill=_rgba(colour, 235))
    for _index in range(5):
        x, y = rnd.uniform(w * 0.05, w * 0.5), rnd.uniform(h * 0.1, h * 0.4)
        s = h * 0.08
        draw.chord((x, y, x + s * 2, y + s), 0, 360, fill=_rgba(MINT, 220))


def _dots(draw, rnd, w, h):
    """Digital: a dot matrix whose dots grow along a wave."""
    step = h / 14
    phase = rnd.uniform(0, 6)
    for col in range(int(w / step) + 1):
        for row in range(15):
            size = step * 0.45 * (0.5 + 0.5 * math.sin(col / 4 + row / 3 + phase))
            x, y = col * step, row * step
            colour = PALETTE[(col // 6 + row // 5) % 5]
            draw.ellipse((x - size, y - size, x + size, y + size), fill=_rgba(colour, 230))


def _bridges(draw, rnd, w, h):
    """The cluster itself: arches linking circles, the « passerelles »."""
    # Kept within the middle 70 %: the hero crops the picture to 3:2.
    nodes = [(w * (0.15 + 0.175 * index), h * rnd.uniform(0.55, 0.72)) for index in range(5)]
    for (x1, y1), (x2, y2), colour in zip(nodes, nodes[1:], PALETTE, strict=False):
        span = x2 - x1
        top = min(y1, y2) - span * 0.55
        draw.arc(
            (x1, top, x2, top + span * 1.1), 180, 360, fill=_rgba(colour, 255), width=int(h * 0.03)
        )
    for index, (x, y) in enumerate(nodes):
        r = h * (0.05 + 0.02 * (index % 2))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=_rgba(PALETTE[(index + 2) % 5], 255))
    for _index in range(30):
        x, y, r = rnd.uniform(0, w), rnd.uniform(0, h * 0.4), rnd.uniform(3, 10)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=_rgba(PAPER, 180))


def _steps(draw, rnd, w, h):
    """Skills: steps climbing, each a colour."""
    count = 7
    for index in range(count):
        x = w * 0.05 + index * w * 0.13
        top = h * (0.85 - index * 0.1)
        draw.rectangle((x, top, x + w * 0.12, h), fill=_rgba(PALETTE[index % 5], 230))
    r = h * 0.07
    x, y = w * 0.05 + (count - 1) * w * 0.13 + w * 0.06, h * (0.85 - (count - 1) * 0.1) - r * 1.2
    draw.ellipse((x - r, y - r, x + r, y + r), fill=_rgba(PAPER, 255))


def _stars(draw, rnd, w, h):
    """Europe and funding: a ring of stars and rising bars."""
    cx, cy, ring = w * 0.7, h * 0.45, h * 0.3
    for index in range(12):
        angle = index / 12 * 2 * math.pi
        x, y = cx + ring * math.cos(angle), cy + ring * math.sin(angle)
        s = h * 0.035
        points = [
            (
                x + (s if k % 2 == 0 else s * 0.45) * math.cos(k * math.pi / 5 - math.pi / 2),
                y + (s if k % 2 == 0 else s * 0.45) * math.sin(k * math.pi / 5 - math.pi / 2),
            )
            for k in range(10)
        ]
        draw.polygon(points, fill=_rgba(SAFFRON, 255))
    for index in range(6):
        x = w * 0.06 + index * w * 0.07
        draw.rectangle(
            (x, h * (0.8 - index * 0.08), x + w * 0.05, h), fill=_rgba(PALETTE[index % 5], 220)
        )


MOTIFS = {
    "spectacle": (_arcs, (NIGHT, BLUE)),
    "musique": (_rings, (BLUE, NIGHT)),
    "arts": (_blocks, (PAPER, SKY)),
    "design": (_grid, (PAPER, PAPER)),
    "audiovisuel": (_frames, (CORAL, SAFFRON)),
    "jeux": (_pixels, (NIGHT, BLUE)),
    "ecologie": (_hills, (PAPER, SKY)),
    "numerique": (_dots, (NIGHT, NIGHT)),
    "passerelles": (_bridges, (BLUE, NIGHT)),
    "competences": (_steps, (PAPER, SKY)),
    "europe": (_stars, (BLUE, NIGHT)),
}


# The alternative text of each motif: what a sighted visitor sees, in one sentence.
DESCRIPTIONS = {
    "spectacle": "Illustration : des arcs de scène colorés sous des faisceaux de projecteurs.",
    "musique": "Illustration : des cercles concentriques et les barres d’une onde sonore.",
    "arts": "Illustration : des aplats de couleur superposés, un soleil jaune et un trait noir.",
    "design": "Illustration : une grille de cercles, de carrés et de triangles colorés.",
    "audiovisuel": "Illustration : des bandes de pellicule aux images colorées.",
    "jeux": "Illustration : des pixels colorés empilés comme le décor d’un jeu vidéo.",
    "ecologie": "Illustration : des collines superposées sous un soleil, des feuilles stylisées.",
    "numerique": "Illustration : une trame de points colorés qui ondule.",
    "passerelles": "Illustration : des arches colorées relient des points, comme des passerelles.",
    "competences": "Illustration : des marches colorées montent vers un point lumineux.",
    "europe": "Illustration : un cercle d’étoiles jaunes et des barres qui montent.",
}


def composition(motif: str, seed: int, size: tuple[int, int] = (WIDTH, HEIGHT)) -> Image.Image:
    """An abstract picture for `motif` (a key of MOTIFS), the same for the same seed."""
    draw_motif, (top, bottom) = MOTIFS[motif]
    rnd = random.Random(seed)  # noqa: S311 (pictures, not secrets)
    big = (size[0] * SCALE, size[1] * SCALE)
    picture = _gradient(big, top, bottom, rnd.uniform(-30, 30)).convert("RGBA")
    layer = Image.new("RGBA", big, (0, 0, 0, 0))
    draw_motif(ImageDraw.Draw(layer, "RGBA"), rnd, *big)
    picture = Image.alpha_composite(picture, layer).convert("RGB").reduce(SCALE)
    return _add_grain(picture, seed)


def monogram_logo(name: str, seed: int) -> Image.Image:
    """A partner logo: a coloured monogram disc and the name, on white (600 × 240)."""
    rnd = random.Random(seed)  # noqa: S311 (pictures, not secrets)
    colour = rnd.choice([BLUE, CORAL, MINT, NIGHT])
    w, h = 600 * SCALE, 240 * SCALE
    logo = Image.new("RGB", (w, h), (255, 255, 255))
    draw = ImageDraw.Draw(logo)
    r = h * 0.28
    cx, cy = h * 0.45, h * 0.5
    shape = rnd.randrange(3)
    box = (cx - r, cy - r, cx + r, cy + r)
    if shape == 0:
        draw.ellipse(box, fill=colour)
    elif shape == 1:
        draw.rounded_rectangle(box, radius=r * 0.35, fill=colour)
    else:
        draw.regular_polygon((cx, cy, r * 1.1), 6, fill=colour)
    initials = "".join(word[0] for word in name.replace("-", " ").split() if word[0].isupper())[:2]
    draw.text(
        (cx, cy), initials or name[:1], font=_font(int(r * 0.9)), fill=(255, 255, 255), anchor="mm"
    )
    left = h * 0.85
    lines, size = _fit(name, w - left - h * 0.05, int(h * 0.22))
    draw.multiline_text(
        (left, cy), "\n".join(lines), font=_font(size), fill=NIGHT, anchor="lm", spacing=size * 0.25
    )
    return logo.reduce(SCALE)


def _fit(text: str, width: float, size: int) -> tuple[list[str], int]:
    """The text in at most three lines no wider than `width`, and the font size that allows it."""
    while True:
        font, lines = _font(size), [""]
        for word in text.split():
            candidate = f"{lines[-1]} {word}".strip()
            if font.getlength(candidate) <= width or not lines[-1]:
                lines[-1] = candidate
            else:
                lines.append(word)
        if size <= 20 or (len(lines) <= 3 and all(font.getlength(x) <= width for x in lines)):
            return lines, size
        size -= 4


def store(key: str, picture: Image.Image, title: str, alt: str, fmt: str = "JPEG"):
    """The Wagtail image for `key`, created from `picture` the first time (`key` names the file)."""
    Image_ = get_image_model()
    extension = "png" if fmt == "PNG" else "jpg"
    filename = f"demo-{key}.{extension}"
    existing = Image_.objects.filter(file__endswith=filename).first()
    if existing is not None:
        existing.title, existing.description = title, alt
        existing.save(update_fields=["title", "description"])
        return existing
    buffer = BytesIO()
    if fmt == "PNG":
        picture.save(buffer, "PNG", optimize=True)
    else:
        picture.save(buffer, "JPEG", quality=84)  # optimize=True: 10 % smaller, 10 times slower
    image = Image_(title=title, description=alt, credit=CREDIT)
    image.file = ImageFile(BytesIO(buffer.getvalue()), name=filename)
    image.save()
    return image


# The card renditions of templates/includes/card_image.html, made with the demo so that the
# first visit of a listing does not wait for a dozen of them.
CARD_RENDITIONS = tuple(
    f"fill-{size}|format-{fmt}" for size in ("400x225", "640x360") for fmt in ("webp", "jpeg")
)
# The hero's (templates/hub/home_page.html): AVIF is slow to encode, better done here.
HERO_RENDITIONS = tuple(
    f"fill-{size}|format-{fmt}"
    for size in ("560x373", "1120x747")
    for fmt in ("avif", "webp", "jpeg")
)


def illustration(key: str, motif: str, title: str, alt: str = "", renditions=CARD_RENDITIONS):
    """The stored composition `key` (drawn only the first time); `alt` defaults to the motif's."""
    alt = alt or DESCRIPTIONS[motif]
    Image_ = get_image_model()
    existing = Image_.objects.filter(file__endswith=f"demo-{key}.jpg").first()
    if existing is not None:
        return store(key, None, title, alt)
    image = store(key, composition(motif, _seed(key)), title, alt)
    image.get_renditions(*renditions)
    return image


def logo(key: str, name: str):
    """The stored monogram logo of partner `name`."""
    alt = f"Logo de {name}"
    Image_ = get_image_model()
    if Image_.objects.filter(file__endswith=f"demo-logo-{key}.png").exists():
        return store(f"logo-{key}", None, alt, alt, fmt="PNG")
    return store(f"logo-{key}", monogram_logo(name, _seed(key)), alt, alt, fmt="PNG")


def _seed(key: str) -> int:
    """A stable seed from the key (hash() of a str changes from one process to the next)."""
    return sum((index + 1) * ord(char) for index, char in enumerate(key))


def brand_mark(size: int) -> Image.Image:
    """The site's mark (hub/static/hub/img/icon.svg) as a square bitmap, for the touch icons."""
    big = size * 4
    mark = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(mark)
    unit = big / 64
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=14 * unit, fill=NIGHT)
    draw.arc(
        (12 * unit, 24 * unit, 52 * unit, 64 * unit), 180, 360, fill=SKY, width=round(4 * unit)
    )
    for left, colour in ((12, CORAL), (32, SAFFRON)):
        box = (left * unit, 34 * unit, (left + 20) * unit, 54 * unit)
        draw.arc(box, 180, 360, fill=colour, width=round(5 * unit))
    for x in (12, 32, 52):
        draw.ellipse(((x - 4) * unit, 40 * unit, (x + 4) * unit, 48 * unit), fill=MINT)
    return mark.resize((size, size), Image.Resampling.LANCZOS)


def write_icons(directory: Path) -> None:
    """Favicon and touch icons of hub/static/hub/img (run once; the files are committed)."""
    brand_mark(180).convert("RGB").save(directory / "apple-touch-icon.png", optimize=True)
    for size in (192, 512):
        brand_mark(size).save(directory / f"icon-{size}.png", optimize=True)
    brand_mark(64).save(directory / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
