"""One table of (role, method, URL, expected status): the permission policy as users meet it.

Rows use the demo accounts (`flask seed-demo`). 302 for anonymous means "sent to log in".
Each part keeps its rows in its own section; the table grows with every feature.
"""

import pytest

ANON = None

ROWS = [
    # --- foundation -----------------------------------------------------------------
    (ANON, "GET", "/", 302),
    (ANON, "GET", "/healthz", 200),
    (ANON, "GET", "/login", 200),
    (ANON, "GET", "/admin/users", 302),
    ("quantri", "GET", "/", 200),
    ("quantri", "GET", "/admin/users", 200),
    ("quantri", "GET", "/admin/units", 200),
    ("quantri", "GET", "/admin/org", 200),
    ("quantri", "GET", "/admin/audit", 200),
    ("giamdoc", "GET", "/admin/users", 403),
    ("giamdoc", "GET", "/admin/audit", 200),
    ("chanhvanphong", "GET", "/admin/units", 403),
    ("chanhvanphong", "GET", "/admin/audit", 200),
    ("theodoi", "GET", "/admin/org", 403),
    ("theodoi", "GET", "/admin/audit", 403),
    ("canbodonvi", "GET", "/admin/users", 403),
    ("canbodonvi", "POST", "/admin/users/new", 403),
    ("canbodonvi", "GET", "/account/password", 200),
    ("truongdonvi", "GET", "/", 200),
    ("canbodonvi", "GET", "/khong-ton-tai", 404),
    # --- calendar ---------------------------------------------------------------------
    (ANON, "GET", "/admin/calendar", 302),
    ("quantri", "GET", "/admin/calendar", 200),
    ("quantri", "GET", "/admin/calendar?year=2025", 200),
    ("giamdoc", "GET", "/admin/calendar", 403),
    ("chanhvanphong", "GET", "/admin/calendar", 403),
    ("theodoi", "GET", "/admin/calendar", 403),
    ("canbodonvi", "POST", "/admin/calendar/add", 403),
    ("truongdonvi", "POST", "/admin/calendar/1/delete", 403),
    # --- register ---------------------------------------------------------------------
    (ANON, "GET", "/register/tasks", 302),
    ("theodoi", "GET", "/register/tasks", 200),
    ("phogiamdoc", "GET", "/register/tasks", 200),
    ("canbodonvi", "GET", "/register/tasks", 200),
    ("quantri", "GET", "/register/tasks", 403),
    ("theodoi", "GET", "/register/tasks/1", 200),
    ("giamdoc", "GET", "/register/tasks/1", 200),
    ("quantri", "GET", "/register/tasks/1", 403),
    ("theodoi", "GET", "/register/secret", 403),
    ("baomat", "GET", "/register/secret", 200),
    ("giamdoc", "GET", "/register/secret", 200),
    ("canbodonvi", "GET", "/register/secret", 403),
    ("chanhvanphong", "GET", "/register/documents/new", 200),
    ("theodoi", "GET", "/register/documents/new", 200),
    ("giamdoc", "GET", "/register/documents/new", 403),
    ("canbodonvi", "GET", "/register/documents/new", 403),
    ("theodoi", "GET", "/register/documents/new?secret=1", 403),
    ("baomat", "GET", "/register/documents/new?secret=1", 200),
    ("canbodonvi", "POST", "/register/tasks/1/return", 403),
    ("canbodonvi", "POST", "/register/tasks/1/extend", 403),
    ("giamdoc", "POST", "/register/tasks/1/return", 403),
    # register: Excel import/export (register_import blueprint)
    (ANON, "GET", "/register/excel/import", 302),
    ("theodoi", "GET", "/register/excel/import", 200),
    ("chanhvanphong", "GET", "/register/excel/import", 200),
    ("giamdoc", "GET", "/register/excel/import", 403),
    ("canbodonvi", "GET", "/register/excel/import", 403),
    ("canbodonvi", "POST", "/register/excel/import", 403),
    ("quantri", "GET", "/register/excel/import", 403),
    (ANON, "GET", "/register/excel/export.xlsx", 302),
    ("theodoi", "GET", "/register/excel/export.xlsx", 200),
    ("canbodonvi", "GET", "/register/excel/export.xlsx", 200),
    ("quantri", "GET", "/register/excel/export.xlsx", 403),
    # --- documents --------------------------------------------------------------------
    (ANON, "GET", "/documents/register", 302),
    (ANON, "GET", "/documents/templates", 302),
    ("chanhvanphong", "GET", "/documents/templates", 200),
    ("chanhvanphong", "GET", "/documents/templates/inspection_decision", 200),
    ("quantri", "GET", "/documents/templates/urging_letter", 200),
    ("giamdoc", "GET", "/documents/templates", 403),
    ("theodoi", "GET", "/documents/templates", 403),
    ("theodoi", "POST", "/documents/templates/urging_letter/upload", 403),
    ("canbodonvi", "POST", "/documents/templates/urging_letter/activate", 403),
    ("theodoi", "GET", "/documents/register", 200),
    ("giamdoc", "GET", "/documents/register?secret=1", 200),
    ("theodoi", "GET", "/documents/register?secret=1", 403),
    ("chanhvanphong", "GET", "/documents/register.xlsx", 200),
    ("theodoi", "GET", "/documents/templates/periodic_report/preview", 200),
    ("truongdonvi", "GET", "/documents/register", 403),
    ("canbodonvi", "GET", "/documents/register.xlsx", 403),
    ("canbodonvi", "GET", "/documents/templates/urging_letter/sample.pdf", 403),
    ("canbodonvi", "GET", "/documents/1", 403),
    ("canbodonvi", "POST", "/documents/1/issue", 403),
    # --- cases ------------------------------------------------------------------------
    # demo: plan 1 approved; case 1 CCKL closed with notice, case 2 CCTL in progress
    # (leader phogiamdoc, members theodoi, baomat), case 3 CCCN&TY ad hoc draft.
    (ANON, "GET", "/cases/", 302),
    ("giamdoc", "GET", "/cases/", 200),
    ("giamdoc", "GET", "/cases/1", 200),
    ("giamdoc", "GET", "/cases/3", 200),
    ("giamdoc", "GET", "/cases/plans/1", 200),
    ("giamdoc", "GET", "/cases/new", 403),
    ("giamdoc", "GET", "/cases/plans/new", 403),
    ("phogiamdoc", "GET", "/cases/2", 200),
    ("phogiamdoc", "GET", "/cases/3", 200),
    ("chanhvanphong", "GET", "/cases/3", 200),
    ("chanhvanphong", "GET", "/cases/new", 200),
    ("chanhvanphong", "GET", "/cases/3/scope", 200),
    ("chanhvanphong", "GET", "/cases/plans/new", 200),
    ("chanhvanphong", "POST", "/cases/plans/1/approve", 403),
    ("theodoi", "GET", "/cases/2", 200),
    ("theodoi", "GET", "/cases/1/unit", 403),
    ("truongdonvi", "GET", "/cases/", 200),
    ("truongdonvi", "GET", "/cases/1", 302),
    ("truongdonvi", "GET", "/cases/1/unit", 200),
    ("truongdonvi", "GET", "/cases/2", 403),
    ("truongdonvi", "GET", "/cases/plans/1", 403),
    ("canbodonvi", "GET", "/cases/1/unit", 200),
    ("canbodonvi", "GET", "/cases/3/scope", 403),
    ("canbodonvi", "POST", "/cases/2/report", 403),
    ("canbodonvi2", "GET", "/cases/2/unit", 200),
    ("canbodonvi2", "GET", "/cases/2", 302),
    ("canbodonvi2", "GET", "/cases/1/unit", 403),
    ("canbodonvi2", "POST", "/cases/2/findings/prefill", 403),
    ("canbodonvi2", "POST", "/cases/requests/1/answers", 403),
    ("canbodonvi2", "POST", "/cases/3/decision", 403),
    ("theodoi", "POST", "/cases/3/decision", 403),
    ("quantri", "GET", "/cases/1", 403),
    ("quantri", "GET", "/cases/plans/1", 403),
    # --- dossier ----------------------------------------------------------------------
    # demo: dossier 1 = case 1 (closed, archived), dossier 2 = case 2 (open, partial);
    # luutru is the archivist.
    (ANON, "GET", "/dossier/", 302),
    (ANON, "GET", "/archive/", 302),
    ("chanhvanphong", "GET", "/dossier/", 200),
    ("chanhvanphong", "GET", "/dossier/1", 200),
    ("chanhvanphong", "GET", "/dossier/2", 200),
    ("chanhvanphong", "GET", "/cases/2/dossier", 302),
    ("chanhvanphong", "POST", "/dossier/1/upload", 409),
    ("chanhvanphong", "POST", "/dossier/1/close", 409),
    ("chanhvanphong", "GET", "/archive/", 200),
    ("giamdoc", "GET", "/dossier/1", 200),
    ("giamdoc", "GET", "/archive/?year=2026&q=kiem", 200),
    ("giamdoc", "POST", "/dossier/2/close", 403),
    ("theodoi", "GET", "/dossier/2", 200),
    ("theodoi", "POST", "/dossier/2/close", 403),
    ("theodoi", "GET", "/archive/", 403),
    ("luutru", "GET", "/dossier/", 200),
    ("luutru", "GET", "/dossier/1", 200),
    ("luutru", "GET", "/dossier/2", 403),
    ("luutru", "POST", "/dossier/2/upload", 403),
    ("luutru", "GET", "/archive/", 200),
    ("luutru", "GET", "/archive/verify", 200),
    ("truongdonvi", "GET", "/dossier/1", 403),
    ("truongdonvi", "GET", "/archive/", 403),
    ("canbodonvi", "GET", "/dossier/", 403),
    ("canbodonvi", "GET", "/cases/1/dossier", 403),
    ("canbodonvi2", "POST", "/dossier/2/assemble", 403),
    ("quantri", "GET", "/dossier/1", 403),
    ("quantri", "GET", "/archive/verify", 403),
]


@pytest.fixture
def seeded_client(demo, app):
    return app.test_client()


@pytest.mark.parametrize("role,method,url,expected", ROWS, ids=[f"{r or 'anon'}-{m}-{u}" for r, m, u, _ in ROWS])
def test_permission_table(app, seeded_client, login, role, method, url, expected):
    if role is not None:
        login(seeded_client, role)
    response = seeded_client.open(url, method=method)
    assert response.status_code == expected
