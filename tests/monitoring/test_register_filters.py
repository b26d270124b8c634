"""The register list's drill-down filters of the dashboards (R-8): figure, as_of, involving."""

import pytest

from inspection.register.models import TaskUnit


def _listed(client, fixed_register, **args):
    body = client.get("/register/tasks", query_string=args).get_data(as_text=True)
    return {t.summary for t in fixed_register["tasks"].values() if f'/register/tasks/{t.id}"' in body}


def test_R_8_register_list_filters_one_figure_as_of_a_date(client, login, make_user, fixed_register):
    make_user(roles=["tracking_officer"], username="td")
    login(client, "td")
    assert _listed(client, fixed_register, figure="dang_thuc_hien_qua_han", as_of="15/10/2026") == {"T2", "T6"}
    assert _listed(client, fixed_register, figure="hoan_thanh_qua_han", as_of="2026-11-20") == {"T3"}
    # without as_of: today (27/11/2026 in these tests); never the secret T7
    assert _listed(client, fixed_register, figure="dang_thuc_hien_trong_han") == {"T2", "T4"}  # T5 due 24/11
    assert _listed(client, fixed_register, figure="total", as_of="15/10/2026") == {"T1", "T2", "T3", "T5", "T6", "T8"}
    assert _listed(client, fixed_register, figure="late_result", as_of="20/11/2026") == {"T3"}
    unknown = _listed(client, fixed_register, figure="nonsense")
    assert unknown == {"T1", "T2", "T3", "T4", "T5", "T6", "T8"}  # an unknown figure is ignored


def test_R_8_register_list_filters_the_tasks_a_unit_takes_part_in(client, login, make_user, fixed_register):
    make_user(roles=["tracking_officer"], username="td")
    TaskUnit.create(task=fixed_register["tasks"][5], unit=fixed_register["kl"], role="cooperate")
    login(client, "td")
    kl = fixed_register["kl"].id
    assert _listed(client, fixed_register, involving=kl) == {"T1", "T2", "T5", "T6", "T8"}


@pytest.mark.parametrize(
    "query",
    [
        "involving=99999999999999999999999",
        "unit=99999999999999999999999",
        "involving=-5",
        "figure=total&as_of=99/99/9999",
        "as_of=" + "9" * 400,
        "figure=%00",
    ],
)
def test_bad_drill_down_filters_never_fail(client, login, make_user, fixed_register, query):
    make_user(roles=["tracking_officer"], username="td")
    login(client, "td")
    assert client.get(f"/register/tasks?{query}").status_code == 200
