"""Reads of the dossiers app."""
