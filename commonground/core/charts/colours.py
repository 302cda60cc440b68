"""Colour palettes and contrast (no Django).

Series colours are the Government Analysis Function's categorical palette, chosen to be told apart
with the common colour-vision deficiencies; each has at least 3:1 contrast with white (WCAG 1.4.11).
We still never rely on colour alone: lines also differ in dash and marker, bars in pattern.

Ordered levels use ColorBrewer's YlOrRd sequential scheme (colour-blind safe), light to dark.
"""

SERIES_COLOURS = ("#12436d", "#28a197", "#801650", "#f46a25", "#3d3d3d", "#a285d1")

YL_OR_RD = {
    3: ("#ffeda0", "#feb24c", "#f03b20"),
    4: ("#ffffb2", "#fecc5c", "#fd8d3c", "#e31a1c"),
    5: ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"),
    6: ("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"),
    7: ("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"),
}

DARK_TEXT = "#0b0c0c"
LIGHT_TEXT = "#ffffff"


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio, from 1 (none) to 21 (black on white)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_colour_for(fill: str) -> str:
    """GOV.UK black or white, whichever contrasts more with `fill` (at least 4.5:1 on our palettes)."""
    if contrast_ratio(fill, DARK_TEXT) >= contrast_ratio(fill, LIGHT_TEXT):
        return DARK_TEXT
    return LIGHT_TEXT


def sequential_colours(count: int) -> tuple[str, ...]:
    """`count` (3 to 7) colours for ordered levels, lightest first."""
    if count not in YL_OR_RD:
        raise ValueError(f"An ordered scale has 3 to 7 levels, not {count}.")
    return YL_OR_RD[count]
