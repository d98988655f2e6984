"""Shared semantic helpers: numbers (quantities, 'vijf dagen geleden') and time."""
