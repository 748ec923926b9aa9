"""Reinserción Desktop: files, forms and circuit of a social-reintegration centre."""

__version__ = "0.1.0"
