"""Map (/map): village gaps, team coverage and a commune choropleth; a click narrows the shared filter."""

from __future__ import annotations

from components.context import current_dataset, current_lang
from components.map_view import map_page

lang = current_lang()
map_page(current_dataset(lang), lang)
