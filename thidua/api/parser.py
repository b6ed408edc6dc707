import json
from typing import Any

from django.http import HttpRequest
from ninja.parser import Parser


class JsonObjectParser(Parser):
    """Request bodies are JSON objects; a list, string or null is refused as malformed (400)."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise TypeError("The request body must be a JSON object.")
        return data
