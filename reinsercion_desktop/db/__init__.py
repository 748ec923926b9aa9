"""Storage: the only layer that knows SQL, sessions and migrations."""
