"""Translation tables: one module per area of the product, merged by `core.i18n.catalogue()`."""
