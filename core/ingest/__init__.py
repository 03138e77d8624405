"""Everything that reads what people send: packages, district reports, boundaries; validation and import."""
