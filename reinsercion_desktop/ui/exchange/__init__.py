"""Intercambio (issue 13): bundles sent to and taken from the office or its centres."""
