"""The .xlsx workbook format for units and bloc memberships: definition, reading, writing."""
