"""The description (issue 15): OpenAPI 3.1, every API route in it, shown in the interface from local files."""

import re


def _described(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    return doc, {(method.upper(), path) for path, ops in doc["paths"].items() for method in ops}


def test_every_api_route_is_described_in_openapi_3_1(app, client):
    doc, described = _described(client)
    assert doc["openapi"] == "3.1.0"
    assert doc["components"]["securitySchemes"]["bearer"] == {"type": "http", "scheme": "bearer"}
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/") and rule.endpoint != "api.openapi":
            path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
            routes |= {(m, path) for m in rule.methods - {"HEAD", "OPTIONS"}}
    assert routes == described


def test_every_error_answer_is_described_as_a_problem(app, client):
    doc, _ = _described(client)
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            for status, answer in operation["responses"].items():
                if int(status) >= 400:
                    assert list(answer["content"]) == ["application/problem+json"], (method, path, status)


def test_the_description_page_is_rendered_here_without_any_outside_script(demo, client, login):
    login(client, "canbodonvi")
    page = client.get("/api-docs").get_data(as_text=True)
    assert "/api/v1/tasks/{task_id}" in page and "Bearer" in page and "TaskOut" in page
    assert not re.search(r"""<script[^>]+src=["']https?://""", page)
    assert "cdn" not in page.lower()
