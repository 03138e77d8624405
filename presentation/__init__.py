"""Everything that draws: plotly figures, folium map layers, tooltip and legend HTML, palettes, the
offline Leaflet files. Builds figures and HTML from the domain (`core`); never imports Streamlit — the
`components` put what is built here on the page."""
