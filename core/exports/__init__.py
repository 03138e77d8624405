"""Exporters: a filtered view's ranked villages (and plan) in, file bytes out. One module per format.

All tabular formats take their columns from `columns.py`, so XLSX, CSV, GeoJSON and KML never disagree;
`context.ExportInput` carries what every exporter needs (view, ranked villages, weights, language, area).
"""
