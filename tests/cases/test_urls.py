"""One URL scheme: cases live under /cases in English; every old /kiem-tra address redirects.

Bookmarks and forms posted to an old address keep working (308 keeps the method). The
page modules share the blueprint module and import no private name from each other.
"""

import ast
import pathlib

import pytest

# every old address (one example per old rule) and where it must land
OLD_TO_NEW = [
    ("/kiem-tra/", "/cases/"),
    ("/kiem-tra/ke-hoach/moi", "/cases/plans/new"),
    ("/kiem-tra/ke-hoach/7", "/cases/plans/7"),
    ("/kiem-tra/ke-hoach/7/sua", "/cases/plans/7/edit"),
    ("/kiem-tra/ke-hoach/7/muc", "/cases/plans/7/items"),
    ("/kiem-tra/ke-hoach/muc/8/xoa", "/cases/plans/items/8/remove"),
    ("/kiem-tra/ke-hoach/7/submit", "/cases/plans/7/submit"),
    ("/kiem-tra/ke-hoach/7/approve", "/cases/plans/7/approve"),
    ("/kiem-tra/ke-hoach/7/return", "/cases/plans/7/return"),
    ("/kiem-tra/ke-hoach/7/ban-hanh", "/cases/plans/7/issue"),
    ("/kiem-tra/ke-hoach/7/van-ban.pdf", "/cases/plans/7/document.pdf"),
    ("/kiem-tra/moi", "/cases/new"),
    ("/kiem-tra/3", "/cases/3"),
    ("/kiem-tra/3/sua", "/cases/3/edit"),
    ("/kiem-tra/3/pham-vi", "/cases/3/scope"),
    ("/kiem-tra/3/pham-vi/42/xoa", "/cases/3/scope/42/remove"),
    ("/kiem-tra/3/doan", "/cases/3/team"),
    ("/kiem-tra/doan/5/xoa", "/cases/team/5/remove"),
    ("/kiem-tra/3/quyet-dinh", "/cases/3/decision"),
    ("/kiem-tra/3/bat-dau", "/cases/3/start"),
    ("/kiem-tra/3/ket-thuc", "/cases/3/end"),
    ("/kiem-tra/3/cong-van", "/cases/3/requests"),
    ("/kiem-tra/cong-van/9/ban-hanh", "/cases/requests/9/issue"),
    ("/kiem-tra/cong-van/9/tra-loi", "/cases/requests/9/answers"),
    ("/kiem-tra/3/bien-ban", "/cases/3/minutes"),
    ("/kiem-tra/3/ghi-chu", "/cases/3/notes"),
    ("/kiem-tra/3/ket-qua/khoi-tao", "/cases/3/findings/prefill"),
    ("/kiem-tra/ket-qua/11", "/cases/findings/11"),
    ("/kiem-tra/3/danh-gia/4", "/cases/3/evaluations/4"),
    ("/kiem-tra/3/kien-nghi", "/cases/3/recommendations"),
    ("/kiem-tra/kien-nghi/12/xoa", "/cases/recommendations/12/remove"),
    ("/kiem-tra/3/noi-dung-bao-cao", "/cases/3/report/texts"),
    ("/kiem-tra/3/bao-cao", "/cases/3/report"),
    ("/kiem-tra/3/thong-bao", "/cases/3/notice"),
    ("/kiem-tra/3/don-vi", "/cases/3/unit"),
    ("/kiem-tra/van-ban/13.docx", "/cases/documents/13.docx"),
    ("/kiem-tra/dap-an/14", "/cases/answers/14"),
    ("/kiem-tra/ghi-chu-tep/15", "/cases/notes/15/file"),
]


@pytest.mark.parametrize("old,new", OLD_TO_NEW)
def test_old_address_redirects_to_its_new_url(app, client, old, new):
    response = client.get(old)
    assert response.status_code == 308
    assert response.headers["Location"] == new


def test_every_old_rule_is_tested_and_lands_on_a_cases_page(app):
    adapter = app.url_map.bind("localhost")
    legacy = {r.endpoint for r in app.url_map.iter_rules() if r.endpoint.startswith("cases_legacy.")}
    assert {adapter.match(old, method="GET")[0] for old, _new in OLD_TO_NEW} == legacy
    for _old, new in OLD_TO_NEW:
        endpoints = {adapter.match(new, method=m)[0] for m in ("GET", "POST") if adapter.test(new, method=m)}
        assert len(endpoints) == 1 and endpoints.pop().startswith("cases."), new


def test_posted_form_and_query_string_follow_the_redirect(app, client):
    response = client.post("/kiem-tra/3/quyet-dinh", data={"signer": "director"})
    assert response.status_code == 308 and response.headers["Location"] == "/cases/3/decision"
    response = client.get("/kiem-tra/moi?plan_item=3")
    assert response.headers["Location"] == "/cases/new?plan_item=3"


def test_old_bookmark_opens_the_page_after_login(app, client, login, world):
    from inspection.cases import operations as ops
    from inspection.cases import rules

    p = world["people"]
    case = ops.create_case(
        p["chief"], title="Kiểm tra Chi cục Thủy lợi", ground=rules.GROUND_BOARD, ground_reference="Chỉ đạo"
    )
    login(client, "cvp")
    response = client.get(f"/kiem-tra/{case.id}", follow_redirects=True)
    assert response.status_code == 200 and "Kiểm tra Chi cục Thủy lợi" in response.get_data(as_text=True)


CASES = pathlib.Path(__file__).resolve().parents[2] / "inspection" / "cases"
VIEW_MODULES = ("views_plans", "views_cases", "views_work", "views_legacy")


def _imports(module):
    tree = ast.parse((CASES / f"{module}.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("inspection"):
            yield node.module, [a.name for a in node.names]


@pytest.mark.parametrize("module", (*VIEW_MODULES, "blueprint", "queries", "policy", "widgets"))
def test_cases_modules_import_no_private_name_from_each_other(module):
    for source, names in _imports(module):
        private = [n for n in names if n.startswith("_")]
        assert not private, f"{module} imports {private} from {source}"


@pytest.mark.parametrize("module", VIEW_MODULES)
def test_view_modules_do_not_import_each_other(module):
    for source, names in _imports(module):
        other_views = [n for n in names if n in VIEW_MODULES] + [source for v in VIEW_MODULES if source.endswith(v)]
        assert not other_views, f"{module} imports {other_views}"
