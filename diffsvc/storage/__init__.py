"""Storage: documents and comparisons kept by id in SQLite or PostgreSQL (the only disk and
database code of the service)."""
