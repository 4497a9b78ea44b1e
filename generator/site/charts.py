"""Charts drawn at build time as inline SVG: no chart library runs in the browser.

A chart is decoration for sighted readers: it is hidden from assistive technology, and every
chart is printed next to its table twin (the same numbers) and a sentence, which carry the meaning.
Colours come from the status's tone through CSS classes (so the dark palette can change them);
each status also has its own marker shape (`shapes`): its badge shows it, and its bar segment gets
the matching pattern, so that the bar reads in greyscale and in print. Segments are parted by a
line of the page's colour, so each one stands against the page (3:1 in both palettes, WCAG 1.4.11).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from markupsafe import Markup, escape

#: Fallback fills, used when the stylesheet is missing (the CSS classes override them).
FILLS = {
    "neutral": "#8a8a8a", "pending": "#b34000", "progress": "#000091",
    "partial": "#6a3d9a", "done": "#18753c", "stopped": "#c9191e",
}

#: The marker shapes of each tone, in order: the first status of a tone (by `order`) takes the first
#: shape, the next one the second, so that two statuses of one tone never look alike. With the
#: project's vocabulary: "not yet assessed" is a dashed ring, "no longer relevant" a struck ring.
SHAPES = {
    "neutral": ("ring-dashed", "ring-struck"),
    "pending": ("square", "square-open"),
    "progress": ("disc", "disc-half"),
    "partial": ("diamond", "diamond-open"),
    "done": ("tick", "bullseye"),
    "stopped": ("cross", "cross-ring"),
}

#: The bar pattern of each shape (none: a plain fill).
PATTERNS = {
    "ring-dashed": "grid", "ring-struck": "backhatch", "square": "dots", "square-open": "grid",
    "disc-half": "backhatch", "diamond": "hatch", "diamond-open": "grid", "bullseye": "grid",
    "cross": "cross", "cross-ring": "grid",
}


def shapes(statuses: Iterable) -> dict[str, str]:
    """Status id -> marker shape, from the vocabulary's statuses (each has `id`, `tone`, `order`).
    A third status of one tone would share that tone's second shape: the vocabulary has two at most."""
    seen: dict[str, int] = {}
    out = {}
    for status in sorted(statuses, key=lambda s: (s.order, s.id)):
        options = SHAPES[status.tone]
        out[status.id] = options[min(seen.get(status.tone, 0), len(options) - 1)]
        seen[status.tone] = seen.get(status.tone, 0) + 1
    return out


def status_bar(counts: Sequence, uid: str, *, width: int = 600, height: int = 28) -> Markup:
    """A horizontal bar split by status, proportional to the counts (zero counts take no space).

    `counts` are the vocabulary's statuses in order, with their counts (model.counts); `uid` makes
    the pattern ids unique in the page (several bars may share a page).
    """
    shape = shapes(c.status for c in counts)
    return share_bar([(c.count, c.status.tone, shape[c.status.id]) for c in counts], uid, width=width, height=height)


#: Tones given in turn to parts that are not statuses (member groups, workshops).
SERIES = ("progress", "partial", "pending", "done", "neutral", "stopped")


def share_bar(parts: Sequence[tuple], uid: str, *, width: int = 600, height: int = 28) -> Markup:
    """A horizontal bar of (count, tone) or (count, tone, shape) parts, proportional to the counts."""
    total = sum(part[0] for part in parts)
    out = [f'<svg class="dds-bar" viewBox="0 0 {width} {height}" width="100%" height="{height}" '
           f'preserveAspectRatio="none" aria-hidden="true" focusable="false">']
    uid = str(escape(uid))
    out.append(_patterns(uid))
    if total == 0:
        out.append(f'<rect x="0" y="0" width="{width}" height="{height}" class="dds-bar__empty" fill="#e5e5e5"/>')
    x = 0.0
    for count, tone, *rest in parts:
        if not count or not total:
            continue
        shape = rest[0] if rest else None
        w = width * count / total
        kind = f" dds-shape-{shape}" if shape else ""
        # The outline (page colour, 2 px whatever the bar's width) parts a segment from the next.
        out.append(f'<rect x="{x:.2f}" y="0" width="{w:.2f}" height="{height}" '
                   f'class="dds-bar__part dds-tone-{tone}{kind}" fill="{FILLS.get(tone, "#777")}" '
                   f'stroke="#fff" stroke-width="2" vector-effect="non-scaling-stroke"/>')
        pattern = PATTERNS.get(shape) if shape else _TONE_PATTERNS.get(tone)
        if pattern:
            out.append(f'<rect x="{x:.2f}" y="0" width="{w:.2f}" height="{height}" fill="url(#{uid}-{pattern})"/>')
        x += w
    out.append("</svg>")
    return Markup("".join(out))


#: Patterns of parts that are not statuses (no shape): one per tone, as before shapes existed.
_TONE_PATTERNS = {"pending": "dots", "partial": "hatch", "stopped": "cross"}


def _patterns(uid: str) -> str:
    # Marks are light on the light palette's dark fills and dark on the dark palette's light ones
    # (class dds-bar__mark in the stylesheet; these attributes are the fallback).
    return (
        "<defs>"
        f'<pattern id="{uid}-dots" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<circle cx="3" cy="3" r="1.2" class="dds-bar__mark" fill="#fff" fill-opacity=".6"/></pattern>'
        f'<pattern id="{uid}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="2" height="6" class="dds-bar__mark" fill="#fff" fill-opacity=".45"/></pattern>'
        f'<pattern id="{uid}-backhatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">'
        '<rect width="2" height="6" class="dds-bar__mark" fill="#fff" fill-opacity=".45"/></pattern>'
        f'<pattern id="{uid}-cross" width="8" height="8" patternUnits="userSpaceOnUse">'
        '<path d="M0 0L8 8M8 0L0 8" class="dds-bar__mark dds-bar__mark--line" stroke="#fff" stroke-opacity=".5" stroke-width="1.2"/></pattern>'
        f'<pattern id="{uid}-grid" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<path d="M0 0.5H6M0.5 0V6" class="dds-bar__mark dds-bar__mark--line" stroke="#fff" stroke-opacity=".55" stroke-width="1"/></pattern>'
        "</defs>"
    )
