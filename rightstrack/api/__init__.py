"""The read-only REST API: token authentication, paging and the assembled NinjaAPI.

Each domain app owns its router in its own ``api.py``; ``api.api`` puts them together.
"""
