"""Small SVG charts rendered on the server for the admin dashboard (no JavaScript, no CDN).

Each chart is an `<svg role="img">` with a title and a description; every bar and point has its own
`<title>` with the exact figure, and the dashboard shows the same figures in a table, so nothing is
said by colour alone.
"""

from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    colour: str


def _nice_max(value: float) -> int:
    """A round axis maximum above `value` (1, 2, 5 × 10ⁿ)."""
    if value <= 0:
        return 1
    magnitude = 1
    while magnitude * 10 <= value:
        magnitude *= 10
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def _frame(chart_id: str, title: str, description: str, width: int, height: int, body: str):
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="watch-chart" viewBox="0 0 {w} {h}" '
        'width="100%" role="img" aria-labelledby="{id}-title {id}-desc" '
        'preserveAspectRatio="xMidYMid meet" font-family="sans-serif" font-size="11">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>',
        w=width,
        h=height,
        id=chart_id,
        title=title,
        desc=description,
        body=mark_safe(body),  # noqa: S308 - built below from escaped parts only
    )


def _axis(width: int, height: int, pad: dict, top: int) -> str:
    bottom = height - pad["bottom"]
    mid = (bottom + pad["top"]) / 2
    return (
        f'<line x1="{pad["left"]}" y1="{bottom}" x2="{width - pad["right"]}" y2="{bottom}" '
        'stroke="currentColor" stroke-opacity=".4"/>'
        f'<line x1="{pad["left"]}" y1="{pad["top"]}" x2="{width - pad["right"]}" '
        f'y2="{pad["top"]}" stroke="currentColor" stroke-opacity=".12"/>'
        f'<line x1="{pad["left"]}" y1="{mid}" x2="{width - pad["right"]}" y2="{mid}" '
        'stroke="currentColor" stroke-opacity=".12"/>'
        f'<text x="{pad["left"] - 4}" y="{pad["top"] + 4}" text-anchor="end" '
        f'fill="currentColor">{top}</text>'
        f'<text x="{pad["left"] - 4}" y="{mid + 4}" text-anchor="end" '
        f'fill="currentColor">{top // 2 if top % 2 == 0 else top / 2}</text>'
        f'<text x="{pad["left"] - 4}" y="{bottom + 4}" text-anchor="end" '
        'fill="currentColor">0</text>'
    )


def line_chart(
    chart_id: str,
    title: str,
    description: str,
    points: list[tuple[str, int]],
    *,
    colour: str = "#0b4f8a",
    width: int = 420,
    height: int = 180,
) -> SafeString:
    """A line of values over labelled periods (e.g. subscribers per week)."""
    pad = {"left": 36, "right": 10, "top": 12, "bottom": 28}
    top = _nice_max(max((value for _label, value in points), default=0))
    inner_w = width - pad["left"] - pad["right"]
    inner_h = height - pad["top"] - pad["bottom"]
    step = inner_w / max(len(points) - 1, 1)
    coords = [
        (pad["left"] + index * step, pad["top"] + inner_h * (1 - value / top))
        for index, (_label, value) in enumerate(points)
    ]
    body = [_axis(width, height, pad, top)]
    if coords:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
    for index, ((label, value), (x, y)) in enumerate(zip(points, coords, strict=True)):
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}">'
            f"<title>{escape(label)} : {value}</title></circle>"
        )
        if index % max(len(points) // 6, 1) == 0 or index == len(points) - 1:
            body.append(
                f'<text x="{x:.1f}" y="{height - 10}" text-anchor="middle" '
                f'fill="currentColor">{escape(label)}</text>'
            )
    return _frame(chart_id, title, description, width, height, "".join(body))


def bar_chart(
    chart_id: str,
    title: str,
    description: str,
    groups: list[tuple[str, dict[str, int]]],
    series: list[Series],
    *,
    width: int = 420,
    height: int = 180,
) -> SafeString:
    """Stacked bars per labelled group (e.g. items per week, stacked by kind), with a legend."""
    pad = {"left": 36, "right": 10, "top": 24, "bottom": 28}
    totals = [sum(values.get(s.key, 0) for s in series) for _label, values in groups]
    top = _nice_max(max(totals, default=0))
    inner_w = width - pad["left"] - pad["right"]
    inner_h = height - pad["top"] - pad["bottom"]
    slot = inner_w / max(len(groups), 1)
    bar_w = max(min(slot * 0.7, 40), 2)
    body = [_axis(width, height, pad, top)]
    legend_x = pad["left"]
    for s in series:
        body.append(
            f'<rect x="{legend_x}" y="4" width="10" height="10" fill="{s.colour}"/>'
            f'<text x="{legend_x + 14}" y="13" fill="currentColor">{escape(s.label)}</text>'
        )
        legend_x += 24 + 7 * len(s.label)
    for index, (label, values) in enumerate(groups):
        x = pad["left"] + index * slot + (slot - bar_w) / 2
        base = height - pad["bottom"]
        for s in series:
            value = values.get(s.key, 0)
            if not value:
                continue
            bar_h = inner_h * value / top
            base -= bar_h
            body.append(
                f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar_w:.1f}" height="{bar_h:.1f}" '
                f'fill="{s.colour}"><title>{escape(label)} — {escape(s.label)} : {value}</title>'
                "</rect>"
            )
        if index % max(len(groups) // 6, 1) == 0 or index == len(groups) - 1:
            body.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{height - 10}" text-anchor="middle" '
                f'fill="currentColor">{escape(label)}</text>'
            )
    return _frame(chart_id, title, description, width, height, "".join(body))
