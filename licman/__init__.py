"""Licman: a self-hosted license manager."""

__version__ = "0.1.0"
