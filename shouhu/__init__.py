"""Shouhu 守護: personal-data protection and information-security management for Taiwanese IT vendors."""

__version__ = "0.1.0"
