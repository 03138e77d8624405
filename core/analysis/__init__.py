"""Figures computed from a view: KPIs, indicators, idle teams, priority scores, interventions, map figures."""
