"""Server-rendered pages of the scoring app."""
