"""The versioned store (SQLite or PostgreSQL) and its schema migrations."""
