"""PDF renderers: plain data in, an A4 document with header, footer and "Página n de m" out."""
