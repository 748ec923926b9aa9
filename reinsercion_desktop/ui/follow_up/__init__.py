"""Tab «Seguimiento» of a participant file: interviews, coordination, conferences, employment."""
