"""Helpers the tests share: each written once here, never imported from another test module.

Fixtures (seed content, staff clients, the crawl of the sitemap) live in ``tests/conftest.py``.
"""
