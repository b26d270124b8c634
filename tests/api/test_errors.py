"""One error format under /api/ (issue 15): RFC 9457 problem details for every refusal."""

import pytest

PROBLEM = "application/problem+json"


def _problem(response, status, code=None):
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.mimetype == PROBLEM
    body = response.get_json()
    assert body["status"] == status and body["detail"] and body["title"]
    if code:
        assert body["code"] == code
    return body


def test_unknown_paths_and_methods_answer_problems(demo, api):
    caller = api("theodoi")
    _problem(caller.get("/api/v1/khong-co"), 404, "not_found")
    _problem(caller.get("/api/v1/tasks/999999"), 404, "not_found")
    response = caller.delete("/api/v1/units")
    body = _problem(response, 405, "method_not_allowed")
    assert "GET" in response.headers["Allow"] and body["errors"] == []


def test_invalid_json_and_wrong_types_answer_problems(demo, api):
    caller = api("theodoi")
    body = caller.post("/api/v1/documents", data="{không phải json", content_type="application/json")
    _problem(body, 400, "invalid_json")
    body = _problem(caller.post("/api/v1/documents", json=[1, 2]), 400, "invalid_request")
    body = _problem(caller.post("/api/v1/documents", json={"number_symbol": 5, "bogus": 1}), 400, "invalid_request")
    fields = {e["field"] for e in body["errors"]}
    assert {"number_symbol", "bogus", "issuer_kind", "received_on", "tasks"} <= fields
    assert all(e["message"] for e in body["errors"])


@pytest.mark.parametrize(
    "query, field",
    [
        ("from=2026-02-30&n=1", "from"),
        ("from=2026-02-13&n=abc", "n"),
        ("from=2026-02-13", "n"),
        ("from=2026-02-13&n=1&x=1", "x"),
    ],
)
def test_bad_query_values_are_named_by_field(demo, api, query, field):
    body = _problem(api("theodoi").get(f"/api/v1/workdays/add?{query}"), 400, "invalid_request")
    assert field in {e["field"] for e in body["errors"]}


def test_the_workday_calculation_of_the_issue(demo, api):
    response = api("canbodonvi").get("/api/v1/workdays/add?from=2026-02-13&n=1")
    assert response.status_code == 200
    assert response.get_json() == {"from": "2026-02-13", "n": 1, "result": "2026-02-23"}  # Tết 2026


@pytest.mark.parametrize("per_page", ["0", "-1", "101", "100000000000000000000", "x"])
def test_page_sizes_outside_the_maximum_are_refused(demo, api, per_page):
    body = _problem(api("theodoi").get(f"/api/v1/tasks?per_page={per_page}"), 400, "invalid_request")
    assert body["errors"][0]["field"] == "per_page"


def test_a_50_mb_body_is_refused_before_it_is_read(demo, api):
    response = api("theodoi").post(
        "/api/v1/documents", data=b"{" + b" " * (50 * 1024 * 1024) + b"}", content_type="application/json"
    )
    _problem(response, 413, "payload_too_large")


def test_too_many_requests_answer_429_with_retry_after(demo, app, api):
    app.config["API_RATE_LIMIT"] = "3 per minute"
    caller = api("theodoi")
    statuses = [caller.get("/api/v1/units").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = caller.get("/api/v1/units")
    _problem(response, 429, "rate_limited")
    assert int(response.headers["Retry-After"]) > 0
    assert api("giamdoc").get("/api/v1/units").status_code == 200  # the limit is per token


@pytest.mark.parametrize("method, path", [("POST", "extensions"), ("GET", "extensions"), ("GET", "progress")])
def test_an_id_past_the_largest_is_not_found_even_where_another_method_exists(demo, api, method, path):
    """One path, a GET and a POST rule: an id over 2**31-1 is 404 (werkzeug said 405 before)."""
    caller = api("theodoi")
    for task_id in ("2147483648", "5523779116", "9999999999"):
        response = caller.open(f"/api/v1/tasks/{task_id}/{path}", method=method, json={} if method == "POST" else None)
        _problem(response, 404, "not_found")
