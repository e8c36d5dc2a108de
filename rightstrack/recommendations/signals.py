"""Signals of the recommendations registry.

``recommendations_changed`` is sent by writers that bypass model ``save()`` (the bulk
importer) with the ids of the recommendations they inserted or changed, inside their
transaction, so that indexes kept by later apps (search) stay in step.
"""
from django.dispatch import Signal

recommendations_changed = Signal()  # keyword argument: ids (a list of recommendation ids)
