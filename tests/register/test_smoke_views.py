"""Register pages answer for the roles that may see them."""


def test_list_and_document_pages_render(app, client, login, users, register_doc):
    doc, tasks = register_doc()
    login(client, "theodoi")
    r = client.get("/register/tasks")
    assert r.status_code == 200, r.data[:2000]
    assert "Tham mưu báo cáo hạ tầng thủy lợi" in r.get_data(as_text=True)
    assert client.get(f"/register/documents/{doc.id}").status_code == 200
    r = client.get(f"/register/tasks/{tasks[0].id}")
    assert r.status_code == 200, r.get_data(as_text=True)[:3000]
    assert client.get("/register/documents/new").status_code == 200
    assert client.get(f"/register/tasks/{tasks[0].id}/edit").status_code == 200
    assert client.get("/").status_code == 200
