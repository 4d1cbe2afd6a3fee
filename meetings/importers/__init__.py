"""Importers: read a council's records (a ModernGov web service, agenda packs)
into HWBB's import shape. Readers here only read; committing a reading to the
database is a service's job."""
