"""Charts drawn at build time as inline SVG: no chart library runs in the browser.

A chart is decoration for sighted readers: it is hidden from assistive technology, and every
chart is printed next to its table twin (the same numbers) and a sentence, which carry the meaning.
Colours come from the status's tone through CSS classes (so the dark palette can change them);
each segment also gets a distinct pattern, so that the bar reads in greyscale and in print.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

#: Fallback fills, used when the stylesheet is missing (the CSS classes override them).
FILLS = {
    "neutral": "#6b6b6b", "pending": "#8a5a00", "progress": "#0b5cad",
    "partial": "#6a3d9a", "done": "#18753c", "stopped": "#b3261e",
}
PATTERNS = {"pending": "dots", "partial": "hatch", "stopped": "cross"}


def status_bar(counts: Sequence, uid: str, *, width: int = 600, height: int = 28) -> Markup:
    """A horizontal bar split by status, proportional to the counts (zero counts take no space).

    `uid` makes the pattern ids unique in the page (several bars may share a page).
    """
    return share_bar([(c.count, c.status.tone) for c in counts], uid, width=width, height=height)


#: Tones given in turn to parts that are not statuses (member groups, workshops).
SERIES = ("progress", "partial", "pending", "done", "neutral", "stopped")


def share_bar(parts: Sequence[tuple[int, str]], uid: str, *, width: int = 600, height: int = 28) -> Markup:
    """A horizontal bar of (count, tone) parts, proportional to the counts."""
    total = sum(count for count, _ in parts)
    out = [f'<svg class="dds-bar" viewBox="0 0 {width} {height}" width="100%" height="{height}" '
           f'preserveAspectRatio="none" aria-hidden="true" focusable="false">']
    uid = str(escape(uid))
    out.append(_patterns(uid))
    if total == 0:
        out.append(f'<rect x="0" y="0" width="{width}" height="{height}" class="dds-bar__empty" fill="#e5e5e5"/>')
    x = 0.0
    for count, tone in parts:
        if not count or not total:
            continue
        w = width * count / total
        out.append(f'<rect x="{x:.2f}" y="0" width="{w:.2f}" height="{height}" '
                   f'class="dds-bar__part dds-tone-{tone}" fill="{FILLS.get(tone, "#777")}"/>')
        if tone in PATTERNS:
            out.append(f'<rect x="{x:.2f}" y="0" width="{w:.2f}" height="{height}" fill="url(#{uid}-{PATTERNS[tone]})"/>')
        x += w
    out.append("</svg>")
    return Markup("".join(out))


def _patterns(uid: str) -> str:
    return (
        "<defs>"
        f'<pattern id="{uid}-dots" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<circle cx="3" cy="3" r="1.2" fill="#fff" fill-opacity=".6"/></pattern>'
        f'<pattern id="{uid}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="2" height="6" fill="#fff" fill-opacity=".45"/></pattern>'
        f'<pattern id="{uid}-cross" width="8" height="8" patternUnits="userSpaceOnUse">'
        '<path d="M0 0L8 8M8 0L0 8" stroke="#fff" stroke-opacity=".5" stroke-width="1.2"/></pattern>'
        "</defs>"
    )
