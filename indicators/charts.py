"""Charts drawn on the server as SVG, with a title and a description, so the
same chart shows in a page and in a PDF. Each chart sits beside its data table;
lines differ by dash and marker as well as colour."""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 160, 20, 40
STYLES = [  # colour, dash, marker: never colour alone
    ("#00545c", "", "circle"),
    ("#505a5f", "6 4", "square"),
    ("#912b88", "2 3", "diamond"),
]


@dataclass
class Series:
    name: str
    points: list  # [(period label, value, lower, upper)], oldest first


def _marker(kind, x, y, colour):
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'
    if kind == "square":
        return (
            f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" '
            f'fill="{colour}"/>'
        )
    return (
        f'<path d="M{x:.1f} {y - 5:.1f} L{x + 5:.1f} {y:.1f} L{x:.1f} {y + 5:.1f} '
        f'L{x - 5:.1f} {y:.1f} Z" fill="{colour}"/>'
    )


def _scale(series):
    numbers = [
        n
        for s in series
        for _, v, lo, hi in s.points
        for n in (v, lo, hi)
        if n is not None
    ]
    low, high = min(numbers), max(numbers)
    pad = (high - low) * 0.1 or abs(high) * 0.1 or 1
    return low - pad, high + pad


def time_series(title, description, series, unit="", chart_id="chart"):
    """An SVG line chart of values over periods, with 95% intervals as bars."""
    series = [s for s in series if any(v is not None for _, v, _, _ in s.points)]
    if not series:
        return ""
    periods = sorted(
        {p for s in series for p, *_ in s.points}, key=_period_order(series)
    )
    low, high = _scale(series)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(period):
        step = plot_w / max(len(periods) - 1, 1)
        return LEFT + periods.index(period) * step

    def y(value):
        return TOP + plot_h - (value - low) / (high - low) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        'class="app-chart">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" '
        f'y2="{TOP + plot_h}" stroke="#0b0c0c"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" '
        'stroke="#0b0c0c"/>',
    ]
    for tick in (low, (low + high) / 2, high):
        parts.append(
            f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" '
            f'font-size="12" font-family="Arial">{tick:.1f}</text>'
        )
    for period in periods:
        parts.append(
            f'<text x="{x(period):.1f}" y="{HEIGHT - BOTTOM + 18}" '
            'text-anchor="middle" '
            f'font-size="12" font-family="Arial">{escape(period)}</text>'
        )
    for index, s in enumerate(series):
        parts.extend(_series_svg(s, STYLES[index % len(STYLES)], index, x, y))
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _period_order(series):
    order = {}
    for s in series:
        for position, (period, *_) in enumerate(s.points):
            order.setdefault(period, position)
    return lambda period: order[period]


def _series_svg(s, style, index, x, y):
    colour, dash, marker = style
    points = [(p, v, lo, hi) for p, v, lo, hi in s.points if v is not None]
    path = " ".join(f"{x(p):.1f},{y(v):.1f}" for p, v, _, _ in points)
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    out = [
        f'<polyline points="{path}" fill="none" stroke="{colour}" '
        f'stroke-width="2"{dash_attr}/>'
    ]
    for period, value, lower, upper in points:
        if lower is not None and upper is not None:
            out.append(
                f'<line x1="{x(period):.1f}" y1="{y(lower):.1f}" x2="{x(period):.1f}" '
                f'y2="{y(upper):.1f}" stroke="{colour}"/>'
            )
        out.append(_marker(marker, x(period), y(value), colour))
    legend_y = TOP + 16 + index * 22
    legend_x = WIDTH - RIGHT + 12
    out.append(_marker(marker, legend_x, legend_y - 4, colour))
    out.append(
        f'<text x="{legend_x + 10}" y="{legend_y}" font-size="12" font-family="Arial">'
        f"{escape(s.name)}</text>"
    )
    return out


SPARK_W, SPARK_H, SPARK_PAD = 120, 36, 4


def sparkline(name, points, unit=""):
    """A small SVG line of one area's values, oldest first, newest marked.

    points: [(period label, value)]. Its accessible name gives every value, so
    the line never carries information that is not also in words.
    """
    points = [(p, v) for p, v in points if v is not None]
    if len(points) < 2:
        return ""
    values = [v for _, v in points]
    low, high = min(values), max(values)
    span = (high - low) or 1
    step = (SPARK_W - 2 * SPARK_PAD) / (len(points) - 1)

    def xy(index, value):
        x = SPARK_PAD + index * step
        y = SPARK_H - SPARK_PAD - (value - low) / span * (SPARK_H - 2 * SPARK_PAD)
        return x, y

    coords = [xy(i, v) for i, (_, v) in enumerate(points)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    suffix = f" {unit}" if unit and unit != "%" else unit
    words = ", ".join(f"{p}: {v:g}{suffix}" for p, v in points)
    label = escape(f"{name}, {len(points)} periods. {words}")
    last_x, last_y = coords[-1]
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SPARK_W} {SPARK_H}" '
        f'width="{SPARK_W}" height="{SPARK_H}" role="img" aria-label="{label}" '
        f'class="app-sparkline"><title>{label}</title>'
        f'<polyline points="{path}" fill="none" stroke="#00545c" stroke-width="2"/>'
        f'<circle cx="{last_x:.1f}" cy="{last_y:.1f}" r="3.5" fill="#00545c"/>'
        "</svg>"
    )


BAR_ROW, BAR_LEFT, BAR_RIGHT = 34, 190, 70


def area_bars(title, description, rows, chart_id="areas"):
    """Horizontal bars, one per area, for one period, with 95% intervals as
    whiskers. rows: [(area name, value, lower, upper)]; the comparator first.
    The value is written at the end of each bar."""
    rows = [r for r in rows if r[1] is not None]
    if not rows:
        return ""
    numbers = [n for _, v, lo, hi in rows for n in (v, lo, hi) if n is not None]
    high = max(max(numbers), 0) * 1.1 or 1
    height = TOP + BAR_ROW * len(rows) + 10
    plot_w = WIDTH - BAR_LEFT - BAR_RIGHT

    def x(value):
        return BAR_LEFT + max(value, 0) / high * plot_w

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        'class="app-chart">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for index, (name, value, lower, upper) in enumerate(rows):
        top = TOP + index * BAR_ROW
        colour, dash, _ = STYLES[0] if index else STYLES[1]
        parts.append(
            f'<text x="{BAR_LEFT - 8}" y="{top + 17}" text-anchor="end" '
            f'font-size="12" font-family="Arial">{escape(name)}</text>'
        )
        stroke = f' stroke="#0b0c0c" stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<rect x="{BAR_LEFT}" y="{top + 4}" width="{x(value) - BAR_LEFT:.1f}" '
            f'height="{BAR_ROW - 12}" fill="{colour}" fill-opacity="0.35"{stroke}/>'
        )
        if lower is not None and upper is not None:
            mid = top + 4 + (BAR_ROW - 12) / 2
            parts.append(
                f'<path d="M{x(lower):.1f} {mid:.1f} H{x(upper):.1f} '
                f"M{x(lower):.1f} {mid - 6:.1f} V{mid + 6:.1f} "
                f'M{x(upper):.1f} {mid - 6:.1f} V{mid + 6:.1f}" '
                'stroke="#0b0c0c" stroke-width="1.5" fill="none"/>'
            )
        end = max(x(value), x(upper) if upper is not None else 0)
        parts.append(
            f'<text x="{end + 6:.1f}" y="{top + 17}" font-size="12" '
            f'font-family="Arial">{value:g}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
