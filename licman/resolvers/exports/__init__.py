"""Writing export files with no database: the formats (CSV, JSON, XLSX) and the OWASP rule
against spreadsheet formulas. The resolvers `license_export*.py` decide what goes in."""
