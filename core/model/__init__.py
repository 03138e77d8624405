"""The data contract in code: tables, the Dataset, the Filter, administrative units and their names."""
