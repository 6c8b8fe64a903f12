"""What people asked and how they voted, kept in SQLite for moderators' reports."""
