"""Importers: read a board's history from agenda packs and ModernGov, then save it
through the product's own services (meetings.services.imports)."""
