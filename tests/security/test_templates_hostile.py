"""Issue 10 (R-21): the template sandbox refuses expressions whose cost explodes."""

import io

import pytest
from docx import Document

from inspection.documents import kinds, render
from inspection.documents.sandbox import TemplateTooCostly

# (costly, cheap twin, what the twin renders): the same operation is fine below the limit.
COSTLY = [
    ('{{ "x" * 2000000 }}', '{{ "ab" * 3 }}', "ababab"),
    ("{{ (2 ** 200000) > 1 }}", "{{ 2 ** 10 }}", "1024"),
    (
        "{% for a in range(2000) %}{% for b in range(1000) %}{% endfor %}{% endfor %}",
        "{% for a in range(3) %}{{ loop.length }}{% endfor %}",
        "333",
    ),
    ('{% set a = "x" * 900000 %}{{ (a ~ a)|length }}', '{% set a = "x" * 9 %}{{ (a ~ a)|length }}', "18"),
    ('{{ "x"|center(2000000) }}', '{{ "x"|center(3) }}', " x "),
    ('{{ "%02000000d"|format(1) }}', '{{ "%03d"|format(1) }}', "001"),
    ('{{ "%02000000d" % 1 }}', '{{ "%d đồng" % 1500000000 }}', "1500000000 đồng"),
    ('{{ "{:>2000000}".format(1) }}', '{{ "{:,}".format(1500000000) }}', "1,500,000,000"),
    ('{{ "x".ljust(2000000) }}', '{{ "x".ljust(3) }}', "x  "),
    (
        '{% for i in range(30) %}{{ "y" * 999999 }}{% endfor %}',
        '{% for i in range(3) %}{{ "y" * 2 }}{% endfor %}',
        "yyyyyy",
    ),
]


@pytest.mark.parametrize("costly, cheap, expected", COSTLY, ids=[c[0][:28] for c in COSTLY])
def test_R_21_sandbox_refuses_what_costs_too_much(costly, cheap, expected):
    env = render.environment()
    assert env.from_string(cheap).render() == expected
    with pytest.raises(TemplateTooCostly):
        env.from_string(costly).render()


def _template_with(text):
    doc = Document(str(kinds.get("urging_letter").docx_path))
    doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_R_21_template_upload_with_an_expression_bomb_is_refused(app, client, login, make_user):
    """`"x" * 20000000` took 16-31 s to render; now the upload is refused at once."""
    from inspection.documents.models import TemplateVersion

    login(client, make_user(roles=["chief_of_office"]).username)
    r = client.post(
        "/documents/templates/urging_letter/upload",
        data={"file": (io.BytesIO(_template_with('{{ "x" * 20000000 }}')), "mau.docx")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 400 and "vượt giới hạn an toàn" in r.text
    assert "phép nhân tạo chuỗi/danh sách quá dài" in r.text
    assert TemplateVersion.select().count() == 0


def test_R_21_one_budget_covers_the_whole_docx():
    """Body, headers and footers share one budget: a bomb split over parts is still one bomb."""
    text = '{% for i in range(12) %}{{ "z" * 999999 }}{% endfor %}'  # 12 M characters per part
    doc = Document(str(kinds.get("urging_letter").docx_path))
    doc.add_paragraph(text)
    doc.sections[0].footer.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    with pytest.raises(render.DocumentTemplateError, match="văn bản sinh ra quá dài"):
        render.docx_bytes(out.getvalue(), kinds.get("urging_letter").sample, "urging_letter")
