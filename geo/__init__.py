"""Geometry only: CRS handling, approximate commune areas, boundary simplification. No folium, no domain."""
