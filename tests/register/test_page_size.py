"""PAGE_SIZE (config) sets the rows per page of the register lists."""

from flask import url_for


def test_register_list_pages_by_the_configured_page_size(app, client, login, users, units, register_doc):
    app.config["PAGE_SIZE"] = 2
    register_doc(tasks=[dict(summary=f"Việc phân trang {i}", lead_unit=units["kl"]) for i in range(3)])
    login(client, "theodoi")
    with app.test_request_context():
        first, second = (
            url_for("register.list_tasks", q="phan trang"),
            url_for("register.list_tasks", q="phan trang", page=2),
        )
    rows = [client.get(u).get_data(as_text=True).count("Việc phân trang") for u in (first, second)]
    assert rows == [2, 1]
