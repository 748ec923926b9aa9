"""The form editor, generated from a definition: one editor widget per field kind."""
