"""Import of award history from .xlsx registries: format, reading, checking and writing.

Modules, in layer order: `format` (sheet, columns, the report), `reader` (cells → rows, no
database), `template` (the downloadable workbook), `validation` (rows against the province's
units, people and the catalogue), `service` (`registry_import`), `jobs` (background runs with
a progress file), `forms`.
"""
