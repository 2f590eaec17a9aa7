"""Renderers: each reads the same step tree and prints it in one format."""
