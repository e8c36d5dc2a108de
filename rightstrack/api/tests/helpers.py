"""Helpers of the API tests."""
from __future__ import annotations

import json

# Text only unpublished records carry: no anonymous response may ever contain it.
SECRET = "UNPUBLISHED-DRAFT-MARKER"


def body(response) -> bytes:
    """The body of a plain or a streaming response."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def payload(response):
    return json.loads(body(response))
