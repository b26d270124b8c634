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


NEW_RESOURCES = {
    ("GET", "/api/v1/tasks/{task_id}/marks"),
    ("GET", "/api/v1/tasks/{task_id}/periods"),
    ("POST", "/api/v1/tasks/{task_id}/periods/{period_id}/result"),
    ("GET", "/api/v1/tasks/{task_id}/extensions"),
    ("POST", "/api/v1/tasks/{task_id}/extensions"),
    ("GET", "/api/v1/tasks/{task_id}/progress"),
    ("GET", "/api/v1/tasks/{task_id}/progress/{update_id}/attachment"),
    ("POST", "/api/v1/tasks/{task_id}/progress/{update_id}/flag"),
    ("POST", "/api/v1/tasks/{task_id}/progress/{update_id}/correction"),
    ("GET", "/api/v1/tasks/{task_id}/review"),
    ("POST", "/api/v1/tasks/{task_id}/contests"),
    ("GET", "/api/v1/tasks/{task_id}/urgings"),
    ("GET", "/api/v1/plans"),
    ("GET", "/api/v1/plans/{plan_id}"),
    ("POST", "/api/v1/plans/{plan_id}/transitions"),
    ("POST", "/api/v1/cases/{case_id}/transitions"),
    ("GET", "/api/v1/dossiers"),
    ("GET", "/api/v1/dossiers/{dossier_id}"),
    ("POST", "/api/v1/dossiers/{dossier_id}/assembly"),
    ("GET", "/api/v1/dossiers/{dossier_id}/files.{fmt}"),
    ("GET", "/api/v1/reports"),
    ("GET", "/api/v1/reports/{report_id}"),
    ("GET", "/api/v1/reports/{report_id}/report.{fmt}"),
    ("GET", "/api/v1/unit-reports"),
}


def test_the_resources_of_the_monitoring_cases_dossier_and_reports_parts_are_described(client):
    """Periods, extensions, progress and its flags, plans, case moves, dossiers, reports (issue 15)."""
    doc, described = _described(client)
    assert described >= NEW_RESOURCES
    for method, path in NEW_RESOURCES:
        operation = doc["paths"][path][method.lower()]
        assert operation["summary"] and any(int(s) < 300 for s in operation["responses"])
    lists = [
        p for m, p in NEW_RESOURCES if m == "GET" and p in ("/api/v1/plans", "/api/v1/dossiers", "/api/v1/reports")
    ]
    for path in lists:
        per_page = next(p for p in doc["paths"][path]["get"]["parameters"] if p["name"] == "per_page")
        assert per_page["schema"]["maximum"] == 100  # the maximum page size of every list
