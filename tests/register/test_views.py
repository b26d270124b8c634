"""Register pages through the test client: registration form, bad input, search, scope, conflicts."""

import datetime
import io

from inspection.register.models import DirectiveDocument, ProgressUpdate, Task
from tests.register.conftest import TODAY

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\nxref\n0 4\n0000000000 65535 f \n"
    b"0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\n"
    b"startxref\n160\n%%EOF\n"
)


def form(units, **overrides):
    data = {
        "number_symbol": "3456/UBND-NNTN",
        "doc_type": "cong_van",
        "issuer_kind": "ubnd_tinh",
        "issuer_name": "",
        "signer": "Nguyễn Văn A",
        "issued_on": "20/11/2026",
        "received_on": "23/11/2026",
        "channel": "eoffice",
        "abstract": "Về việc đầu tư hạ tầng nông thôn mới",
        "secret_level": "",
        "tasks-0-summary": "Rà soát hạ tầng giao thông nội đồng",
        "tasks-0-kind": "report",
        "tasks-0-lead_unit": str(units["kl"].id),
        "tasks-0-deadline": "15/12/2026",
        "tasks-0-recurrence": "",
        "tasks-1-summary": "Đề xuất danh mục công trình thủy lợi",
        "tasks-1-kind": "document",
        "tasks-1-lead_unit": str(units["tl"].id),
        "tasks-1-other_units": str(units["kl"].id),
        "tasks-1-deadline": "",
        "tasks-1-recurrence": "",
        "tasks-2-summary": "",
        "tasks-2-lead_unit": "",
        "tasks-2-deadline": "",
        "tasks-2-recurrence": "",
    }
    data.update(overrides)
    return data


def test_register_document_with_two_tasks_through_the_form(client, login, users, units):
    login(client, "theodoi")
    data = form(units)
    data["scan"] = (io.BytesIO(PDF), "van-ban.pdf")
    r = client.post("/register/documents/new", data=data, content_type="multipart/form-data")
    assert r.status_code == 302, r.get_data(as_text=True)[:3000]
    doc = DirectiveDocument.get()
    assert doc.scan_id and doc.tasks.count() == 2
    assert client.get(f"/register/files/{doc.scan_id}").data.startswith(b"%PDF")


def _refused(client, units, message, **overrides):
    r = client.post("/register/documents/new", data=form(units, **overrides), content_type="multipart/form-data")
    body = r.get_data(as_text=True)
    assert r.status_code == 400
    assert message in body, body[:4000]
    assert "3456/UBND-NNTN" in body  # the user's data is shown again
    assert DirectiveDocument.select().count() == 0 and Task.select().count() == 0
    return body


def test_bad_input_gets_a_vietnamese_message_and_nothing_is_saved(client, login, users, units):
    login(client, "theodoi")
    _refused(client, units, "Ngày “31/02/2026” không hợp lệ", received_on="31/02/2026")
    _refused(client, units, "không được trước ngày nhận văn bản", **{"tasks-0-deadline": "01/11/2026"})
    _refused(client, units, "Đơn vị chủ trì không có trong danh mục", **{"tasks-0-lead_unit": "99999"})
    _refused(client, units, "Đơn vị chủ trì không có trong danh mục", **{"tasks-0-lead_unit": "abc"})
    _refused(client, units, "Chưa nhập tóm tắt nội dung nhiệm vụ", **{"tasks-0-summary": ""})


def test_non_pdf_behind_pdf_name_and_oversize_uploads_are_refused(client, login, users, units, monkeypatch):
    login(client, "theodoi")
    data = form(units)
    data["scan"] = (io.BytesIO(b"MZ\x90\x00 not a pdf"), "van-ban.pdf")
    r = client.post("/register/documents/new", data=data, content_type="multipart/form-data")
    assert r.status_code == 400 and "Nội dung tệp không phải loại được chấp nhận" in r.get_data(as_text=True)
    from inspection.register import blueprint

    monkeypatch.setattr(blueprint, "SCAN_MAX_BYTES", 100)
    data = form(units)
    data["scan"] = (io.BytesIO(PDF), "van-ban.pdf")
    r = client.post("/register/documents/new", data=data, content_type="multipart/form-data")
    assert r.status_code == 400 and "Tệp quá lớn" in r.get_data(as_text=True)
    assert DirectiveDocument.select().count() == 0 and Task.select().count() == 0


def test_duplicate_number_for_issuer_and_year_is_refused_in_the_form(client, login, users, units, register_doc):
    register_doc(number_symbol="3456/UBND-NNTN")
    login(client, "theodoi")
    r = client.post("/register/documents/new", data=form(units), content_type="multipart/form-data")
    assert r.status_code == 400 and "đã có trong sổ" in r.get_data(as_text=True)
    assert DirectiveDocument.select().count() == 1


def test_search_ignores_diacritics_and_filters_live_in_the_url(client, login, users, units, register_doc):
    register_doc(abstract="Về việc đầu tư hạ tầng thủy lợi")
    register_doc(
        abstract="Về phòng chống cháy rừng",
        tasks=[dict(summary="Trực cháy rừng mùa khô", lead_unit=units["kl"], deadline=None)],
    )
    login(client, "theodoi")
    body = client.get("/register/tasks?q=ha+tang").get_data(as_text=True)
    assert "Tham mưu báo cáo hạ tầng thủy lợi" in body and "Trực cháy rừng" not in body
    body = client.get("/register/tasks?q=CHAY+RUNG").get_data(as_text=True)
    assert "Trực cháy rừng" in body and "hạ tầng thủy lợi" not in body
    body = client.get("/register/tasks?status=khong_thoi_han").get_data(as_text=True)
    assert "Trực cháy rừng" in body and "hạ tầng thủy lợi" not in body
    body = client.get(f"/register/tasks?unit={units['tl'].id}&deadline_from=01/12/2026").get_data(as_text=True)
    assert "hạ tầng thủy lợi" in body and "Trực cháy rừng" not in body
    r = client.get("/register/tasks?deadline_from=31/02/2026")
    assert r.status_code == 200 and "ngày không hợp lệ" in r.get_data(as_text=True)


def test_unit_officer_sees_his_units_tasks_first_and_only(client, login, users, units, register_doc):
    register_doc(tasks=[dict(summary="Việc của Kiểm lâm", lead_unit=units["kl"])])
    register_doc(tasks=[dict(summary="Việc của Thủy lợi", lead_unit=units["tl"])])
    register_doc(
        tasks=[dict(summary="Thủy lợi chủ trì, Kiểm lâm phối hợp", lead_unit=units["tl"], other_units=[units["kl"]])]
    )
    login(client, "canbokl")
    body = client.get("/register/tasks").get_data(as_text=True)
    assert "Việc của đơn vị tôi" in body
    assert "Việc của Kiểm lâm" in body and "Kiểm lâm phối hợp" in body and "Việc của Thủy lợi" not in body
    other = Task.get(Task.summary == "Việc của Thủy lợi")
    assert client.get(f"/register/tasks/{other.id}").status_code == 403


def test_unit_officer_updates_progress_with_attachment_and_office_flags_it(client, login, users, units, register_doc):
    _, (task,) = register_doc(
        tasks=[dict(summary="Việc của Kiểm lâm", lead_unit=units["kl"], deadline=datetime.date(2026, 12, 20))]
    )
    login(client, "canbokl")
    r = client.post(
        f"/register/tasks/{task.id}/progress",
        content_type="multipart/form-data",
        data={
            "on_date": "26/11/2026",
            "text": "Đã hoàn thành khảo sát",
            "attachment": (io.BytesIO(PDF), "bao-cao.pdf"),
        },
    )
    assert r.status_code == 302
    up = ProgressUpdate.get()
    assert up.unit_id == units["kl"].id and up.attachment_id
    assert client.post(f"/register/updates/{up.id}/flag", data={"reason": "x"}).status_code == 403
    login(client, "theodoi")
    r = client.post(f"/register/updates/{up.id}/flag", data={"reason": ""})
    assert r.status_code == 400 and "lý do" in r.get_data(as_text=True)
    assert client.post(f"/register/updates/{up.id}/flag", data={"reason": "Sai số liệu"}).status_code == 302
    body = client.get(f"/register/tasks/{task.id}").get_data(as_text=True)
    assert "Chưa chính xác:" in body and "Sai số liệu" in body and "Lịch sử thay đổi" in body


def test_second_save_of_a_task_shows_both_versions(client, login, users, units, register_doc):
    _, (task,) = register_doc()
    login(client, "theodoi")
    data = {
        "summary": "Phiên bản thứ nhất",
        "kind": "report",
        "lead_unit": str(units["tl"].id),
        "deadline": "15/12/2026",
        "recurrence": "",
        "version": str(task.version),
    }
    assert client.post(f"/register/tasks/{task.id}/edit", data=data).status_code == 302
    r = client.post(f"/register/tasks/{task.id}/edit", data=dict(data, summary="Phiên bản thứ hai"))
    body = r.get_data(as_text=True)
    assert r.status_code == 409
    assert "Phiên bản thứ nhất" in body and "Phiên bản thứ hai" in body
    assert Task.get_by_id(task.id).summary == "Phiên bản thứ nhất"


def test_return_and_extend_through_the_task_page(client, login, users, units, register_doc):
    _, (task,) = register_doc()
    login(client, "chanhvp")
    r = client.post(
        f"/register/tasks/{task.id}/extend",
        data={
            "new_deadline": "15/01/2027",
            "granted_by": "Chủ tịch UBND tỉnh",
            "document_ref": "CV 5/UBND",
            "version": str(task.version),
        },
    )
    assert r.status_code == 302
    assert "Chủ tịch UBND tỉnh cho phép" in client.get(f"/register/tasks/{task.id}").get_data(as_text=True)
    assert client.post(f"/register/tasks/{task.id}/return", data={"reason": ""}).status_code == 400
    assert client.post(f"/register/tasks/{task.id}/return", data={"reason": "Ngoài thẩm quyền"}).status_code == 302
    assert Task.get_by_id(task.id).returned_on == TODAY


def test_sorts_by_received_date_and_unit(client, login, users, units, register_doc):
    register_doc(
        received_on=datetime.date(2026, 11, 2),
        issued_on=datetime.date(2026, 11, 1),
        tasks=[dict(summary="Nhận sớm", lead_unit=units["tl"])],
    )
    register_doc(received_on=datetime.date(2026, 11, 25), tasks=[dict(summary="Nhận muộn", lead_unit=units["kl"])])
    login(client, "theodoi")
    body = client.get("/register/tasks?sort=-received").get_data(as_text=True)
    assert body.index("Nhận muộn") < body.index("Nhận sớm")
    body = client.get("/register/tasks?sort=received").get_data(as_text=True)
    assert body.index("Nhận sớm") < body.index("Nhận muộn")
    body = client.get("/register/tasks?sort=unit").get_data(as_text=True)
    assert body.index("Nhận muộn") < body.index("Nhận sớm")  # Chi cục Kiểm lâm before Chi cục Thủy lợi
    body = client.get("/register/tasks?sort=-received&q=nhan+som").get_data(as_text=True)
    assert "Nhận sớm" in body and "Nhận muộn" not in body


def test_monitoring_division_is_recorded_and_an_unknown_one_refused(client, login, users, units):
    login(client, "theodoi")
    r = client.post(
        "/register/documents/new",
        content_type="multipart/form-data",
        data=form(units, **{"tasks-0-monitor_unit": "424242"}),
    )
    assert r.status_code == 400 and "Phòng theo dõi không có trong danh mục" in r.get_data(as_text=True)
    r = client.post(
        "/register/documents/new",
        content_type="multipart/form-data",
        data=form(
            units, **{"tasks-0-monitor_unit": str(units["vp"].id), "tasks-0-monitor_officer_name": "Trần Văn Bình"}
        ),
    )
    assert r.status_code == 302
    task = Task.get(Task.summary == "Rà soát hạ tầng giao thông nội đồng")
    assert task.monitor_unit_id == units["vp"].id and task.monitor_officer_name == "Trần Văn Bình"
    body = client.get(f"/register/tasks/{task.id}").get_data(as_text=True)
    assert "Văn phòng Sở – Trần Văn Bình" in body


def test_every_form_needs_its_csrf_token(app, client, login, users, units, register_doc):
    _, (task,) = register_doc()
    login(client, "theodoi")
    app.config["WTF_CSRF_ENABLED"] = True
    for url, data in [
        ("/register/documents/new", form(units)),
        (f"/register/tasks/{task.id}/progress", {"on_date": "26/11/2026", "text": "x"}),
        (f"/register/tasks/{task.id}/return", {"reason": "x"}),
    ]:
        assert client.post(url, data=data).status_code == 400
    assert DirectiveDocument.select().count() == 1 and ProgressUpdate.select().count() == 0
    assert Task.get_by_id(task.id).returned_on is None


def test_edit_document_add_task_complete_and_period_through_pages(client, login, users, units, register_doc):
    doc, (task,) = register_doc()
    login(client, "theodoi")
    r = client.post(
        f"/register/documents/{doc.id}/edit",
        data={
            "number_symbol": doc.number_symbol,
            "doc_type": "cong_van",
            "issuer_kind": "ubnd_tinh",
            "issuer_name": "",
            "signer": "Lê Văn B",
            "issued_on": "20/11/2026",
            "received_on": "23/11/2026",
            "channel": "giay",
            "abstract": "Trích yếu đã sửa",
            "version": str(doc.version),
        },
    )
    assert r.status_code == 302
    stale = client.post(
        f"/register/documents/{doc.id}/edit",
        data={
            "number_symbol": doc.number_symbol,
            "doc_type": "cong_van",
            "issuer_kind": "ubnd_tinh",
            "issued_on": "20/11/2026",
            "received_on": "23/11/2026",
            "channel": "giay",
            "abstract": "Bản cũ",
            "version": str(doc.version),
        },
    )
    assert stale.status_code == 409 and "Trích yếu đã sửa" in stale.get_data(as_text=True)
    assert DirectiveDocument.get_by_id(doc.id).abstract == "Trích yếu đã sửa"
    assert "Lịch sử thay đổi" in client.get(f"/register/documents/{doc.id}").get_data(as_text=True)
    r = client.post(
        f"/register/documents/{doc.id}/tasks/new",
        data={
            "summary": "Báo cáo tháng",
            "kind": "report",
            "lead_unit": str(units["kl"].id),
            "recurrence": "monthly",
            "recurrence_day": "20",
            "deadline": "",
        },
    )
    assert r.status_code == 302
    monthly = Task.get(Task.summary == "Báo cáo tháng")
    period = monthly.periods.order_by(monthly.periods.model.deadline).first()
    r = client.post(
        f"/register/periods/{period.id}/complete", data={"completed_on": "27/11/2026", "result_doc_number": "5/BC-CCKL"}
    )
    assert r.status_code == 302 and Task.get_by_id(monthly.id).deadline > period.deadline
    r = client.post(
        f"/register/tasks/{task.id}/complete", data={"completed_on": "31/02/2026", "version": str(task.version)}
    )
    assert r.status_code == 400 and "không hợp lệ" in r.get_data(as_text=True)
    r = client.post(
        f"/register/tasks/{task.id}/complete",
        data={
            "completed_on": "26/11/2026",
            "result_text": "Đã báo cáo",
            "result_doc_number": "77/BC-SNN",
            "result_doc_date": "26/11/2026",
            "version": str(Task.get_by_id(task.id).version),
        },
    )
    assert r.status_code == 302
    assert "Đã hoàn thành đúng hạn" in client.get(f"/register/tasks/{task.id}").get_data(as_text=True)


def test_files_are_served_only_to_those_who_may_see_the_task(client, login, users, units):
    login(client, "theodoi")
    data = form(units)
    data["scan"] = (io.BytesIO(PDF), "van-ban.pdf")
    client.post("/register/documents/new", data=data, content_type="multipart/form-data")
    doc = DirectiveDocument.get()
    login(client, "canbokl")  # Kiểm lâm leads task 1
    assert client.get(f"/register/files/{doc.scan_id}").status_code == 200
    DirectiveDocument.update(scan=doc.scan_id).execute()
    Task.update(lead_unit=units["vp"]).execute()
    from inspection.register.models import TaskUnit

    TaskUnit.delete().execute()
    assert client.get(f"/register/files/{doc.scan_id}").status_code == 403


def test_rare_and_missing_search_words_and_pages(client, login, users, units, register_doc):
    for i in range(3):
        register_doc(tasks=[dict(summary=f"Việc thường {i}", lead_unit=units["kl"])])
    register_doc(tasks=[dict(summary="Cấp mã số vùng trồng sâm Ngọc Linh", lead_unit=units["kl"])])
    login(client, "theodoi")
    body = client.get("/register/tasks?q=sam+ngoc+linh&sort=-received").get_data(as_text=True)
    assert "sâm Ngọc Linh" in body and "Việc thường" not in body
    body = client.get("/register/tasks?q=khong+ton+tai+xyz").get_data(as_text=True)
    assert "Không có nhiệm vụ nào phù hợp" in body
    body = client.get("/register/tasks?page=99").get_data(as_text=True)
    assert "Không có nhiệm vụ nào phù hợp" in body


def test_list_marks_due_soon_and_late_registration(client, login, users, units, register_doc):
    register_doc(
        received_on=datetime.date(2026, 11, 16),
        issued_on=datetime.date(2026, 11, 13),
        tasks=[dict(summary="Vào sổ muộn, sắp đến hạn", lead_unit=units["kl"], deadline=datetime.date(2026, 12, 1))],
    )
    login(client, "theodoi")
    body = client.get("/register/tasks").get_data(as_text=True)
    assert "Sắp đến hạn</span>" in body and "Vào sổ chậm</span>" in body
    body = client.get("/register/tasks?late_reg=1&due_soon=1").get_data(as_text=True)
    assert "Vào sổ muộn, sắp đến hạn" in body


def test_tampered_choices_get_vietnamese_messages(client, login, users, units):
    login(client, "theodoi")
    r = client.post("/register/documents/new", data=form(units, doc_type="bogus"), content_type="multipart/form-data")
    assert r.status_code == 400 and "Loại văn bản không hợp lệ" in r.get_data(as_text=True)
    r = client.post(
        "/register/documents/new",
        data=form(units, **{"tasks-0-recurrence": "daily"}),
        content_type="multipart/form-data",
    )
    assert r.status_code == 400 and "Định kỳ không hợp lệ" in r.get_data(as_text=True)
    r = client.post("/register/documents/new", data=form(units, secret_level="mat"), content_type="multipart/form-data")
    assert r.status_code == 403  # no clearance: the secret register is not his
    assert DirectiveDocument.select().count() == 0


def test_received_sort_with_filters_and_few_matches(client, login, users, units, register_doc):
    register_doc(
        received_on=datetime.date(2026, 11, 2),
        issued_on=datetime.date(2026, 11, 1),
        tasks=[dict(summary="Sớm hạ tầng", lead_unit=units["tl"])],
    )
    register_doc(received_on=datetime.date(2026, 11, 25), tasks=[dict(summary="Muộn hạ tầng", lead_unit=units["kl"])])
    login(client, "theodoi")
    for qs in (
        "sort=-received&q=ha+tang",
        f"sort=-received&unit={units['kl'].id}",
        "sort=-received&received_from=01/11/2026&received_to=30/11/2026",
    ):
        body = client.get(f"/register/tasks?{qs}").get_data(as_text=True)
        assert "Muộn hạ tầng" in body, qs
    login(client, "canbokl")
    body = client.get("/register/tasks?sort=-received&mine=0").get_data(as_text=True)
    assert "Muộn hạ tầng" in body and "Sớm hạ tầng" not in body


def test_refused_flag_keeps_the_reason_row_and_shows_the_message_beside_it(client, login, users, units, register_doc):
    # R-7 (khoản 1 Điều 7): a flag needs a reason; the refusal stands once, beside that update's field.
    _, (task,) = register_doc(tasks=[dict(summary="Việc cần đánh dấu", lead_unit=units["kl"])])
    login(client, "canbokl")
    client.post(f"/register/tasks/{task.id}/progress", data={"on_date": "26/11/2026", "text": "Đã xong một phần"})
    up = ProgressUpdate.get()
    login(client, "theodoi")
    r = client.post(f"/register/updates/{up.id}/flag", data={"reason": "   "})
    body = r.get_data(as_text=True)
    message = "Chưa nêu lý do thông tin không chính xác (khoản 1 Điều 7)."
    assert r.status_code == 400 and body.count(message) == 1
    assert f'<div class="invalid-feedback d-block">{message}</div>' in body
    assert not ProgressUpdate.get_by_id(up.id).flagged_inaccurate


def test_R_5_2_refusal_about_a_field_a_secret_task_hides_is_shown_once_at_the_top(
    client, login, users, units, register_doc
):
    # Online, a secret task's page has no result text field; the refusal must not vanish with it.
    from inspection.register.operations import SECRET_REFUSED

    _, (task,) = register_doc(
        secret_level="mat", abstract="", tasks=[dict(summary="", lead_unit=units["kl"])], user=users["secret_tracker"]
    )
    login(client, "baomat")
    data = {"completed_on": "20/11/2026", "result_text": "Nội dung mật", "version": str(task.version)}
    r = client.post(f"/register/tasks/{task.id}/complete", data=data)
    body = r.get_data(as_text=True)
    assert r.status_code == 400 and body.count(SECRET_REFUSED) == 1
    assert 'role="alert">' + SECRET_REFUSED in body  # the page message, not a hidden field
    assert not Task.get_by_id(task.id).is_completed
