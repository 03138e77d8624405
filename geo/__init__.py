"""Geometry: CRS handling, approximate commune areas, simplification, distances, folium layers."""
