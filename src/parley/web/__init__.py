"""The local dashboard (``parley serve``): a view over the store and analysis."""

from parley.web.app import create_app

__all__ = ["create_app"]
