"""Importers: read a board's history from agenda packs (pack.py, over the lines
source.py extracts) and from a ModernGov web service (moderngov.py), in one
shape; meetings.services.imports saves a reading through the product's own
services."""
