"""Reading import files (CSV, JSON, the Snipe-IT preset) into license records, with no
database: the resolvers in licman/resolvers/license_import*.py decide and write."""
