"""Generators for the documentation site: pages and charts made from schemas/ and the built release at build time."""
