"""Accounts' secrets and access rules (no Qt, no SQL)."""
