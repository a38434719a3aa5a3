"""Placeholder until this family is written (store issue in progress)."""
