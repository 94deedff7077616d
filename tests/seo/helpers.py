import json
import re

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def json_ld(html):
    """Every JSON-LD object of a page, parsed."""
    return [json.loads(payload) for payload in JSON_LD.findall(html)]


def of_type(html, schema_type):
    return [item for item in json_ld(html) if item.get("@type") == schema_type]
