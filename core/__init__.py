"""The dxmap domain: data package, validation, filters, KPIs, scoring, planning. No Streamlit here."""
