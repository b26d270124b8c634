"""The old Vietnamese addresses under /kiem-tra answer with a permanent redirect to /cases.

One table: old rule -> new endpoint, with the old `pk` renamed to the new parameter. 308
keeps the method, so a form posted to an old address still lands where it should, and a
bookmark opens the new page. The query string goes along (`?plan_item=3`, the scope filters).
"""

from flask import Blueprint, redirect, request, url_for

legacy = Blueprint("cases_legacy", __name__, url_prefix="/kiem-tra")

# (old rule, new endpoint, name the old `pk` takes in the new rule)
OLD_RULES = [
    ("/", "cases.list_cases", None),
    ("/ke-hoach/moi", "cases.create_plan", None),
    ("/ke-hoach/<int:pk>", "cases.show_plan", "plan_id"),
    ("/ke-hoach/<int:pk>/sua", "cases.edit_plan", "plan_id"),
    ("/ke-hoach/<int:pk>/muc", "cases.add_plan_item", "plan_id"),
    ("/ke-hoach/muc/<int:pk>/xoa", "cases.remove_plan_item", "item_id"),
    ("/ke-hoach/<int:pk>/<any(submit, approve, return):move>", "cases.move_plan", "plan_id"),
    ("/ke-hoach/<int:pk>/ban-hanh", "cases.issue_plan", "plan_id"),
    ("/ke-hoach/<int:pk>/van-ban.<any(pdf, docx):fmt>", "cases.download_plan", "plan_id"),
    ("/moi", "cases.create_case", None),
    ("/<int:pk>", "cases.show_case", "case_id"),
    ("/<int:pk>/sua", "cases.edit_case", "case_id"),
    ("/<int:pk>/pham-vi", "cases.choose_scope", "case_id"),
    ("/<int:pk>/pham-vi/<int:task_id>/xoa", "cases.remove_scope_task", "case_id"),
    ("/<int:pk>/doan", "cases.add_member", "case_id"),
    ("/doan/<int:pk>/xoa", "cases.remove_member", "member_id"),
    ("/<int:pk>/quyet-dinh", "cases.issue_decision", "case_id"),
    ("/<int:pk>/bat-dau", "cases.start_inspection", "case_id"),
    ("/<int:pk>/ket-thuc", "cases.end_inspection", "case_id"),
    ("/<int:pk>/cong-van", "cases.create_request", "case_id"),
    ("/cong-van/<int:pk>/ban-hanh", "cases.issue_request", "request_id"),
    ("/cong-van/<int:pk>/tra-loi", "cases.upload_answer", "request_id"),
    ("/<int:pk>/bien-ban", "cases.create_minutes", "case_id"),
    ("/<int:pk>/ghi-chu", "cases.add_note", "case_id"),
    ("/<int:pk>/ket-qua/khoi-tao", "cases.prefill_findings", "case_id"),
    ("/ket-qua/<int:pk>", "cases.save_finding", "finding_id"),
    ("/<int:pk>/danh-gia/<int:unit_id>", "cases.save_evaluation", "case_id"),
    ("/<int:pk>/kien-nghi", "cases.add_recommendation", "case_id"),
    ("/kien-nghi/<int:pk>/xoa", "cases.remove_recommendation", "recommendation_id"),
    ("/<int:pk>/noi-dung-bao-cao", "cases.save_report_texts", "case_id"),
    ("/<int:pk>/bao-cao", "cases.issue_report", "case_id"),
    ("/<int:pk>/thong-bao", "cases.issue_notice", "case_id"),
    ("/<int:pk>/don-vi", "cases.show_unit_page", "case_id"),
    ("/van-ban/<int:pk>.<any(pdf, docx):fmt>", "cases.download_document", "document_id"),
    ("/dap-an/<int:pk>", "cases.download_answer", "answer_id"),
    ("/ghi-chu-tep/<int:pk>", "cases.download_note_file", "note_id"),
]


def _redirect_to(endpoint, pk_name):
    def view(**values):
        if pk_name:
            values[pk_name] = values.pop("pk")
        target = url_for(endpoint, **values)
        if request.query_string:
            target += "?" + request.query_string.decode("latin-1")
        return redirect(target, 308)

    return view


for _rule, _endpoint, _pk_name in OLD_RULES:
    legacy.add_url_rule(
        _rule,
        endpoint=_endpoint.split(".", 1)[1],
        view_func=_redirect_to(_endpoint, _pk_name),
        methods=["GET", "POST"],
    )
