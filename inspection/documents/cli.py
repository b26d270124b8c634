"""`flask doc ...`: list kinds, render one from a JSON context, rebuild templates."""

import json
from pathlib import Path

import click
from flask.cli import AppGroup

from . import kinds, render_docx, render_pdf
from .render import DocumentError

doc_cli = AppGroup("doc", help="Văn bản theo mẫu (Nghị định 30/2020/NĐ-CP).")


@doc_cli.command("kinds")
def kinds_command():
    """Liệt kê các loại văn bản và các biến của từng loại."""
    for k in kinds.all_kinds():
        click.echo(f"{k.name}\t{k.type_abbr or '-'}\t{k.name_vi}")
        click.echo("    " + ", ".join(k.fields))


@doc_cli.command("render")
@click.argument("kind")
@click.option("--data", "data", type=click.Path(dir_okay=False), help="Tệp JSON ngữ cảnh (mặc định: sample.json).")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="Tệp kết quả .docx hoặc .pdf.")
def render_command(kind, data, out):
    """Tạo văn bản KIND từ tệp dữ liệu JSON; định dạng theo phần mở rộng của --out."""
    try:
        k = kinds.get(kind)
    except kinds.UnknownKind:
        raise click.ClickException(f'Không có loại văn bản "{kind}". Xem: flask doc kinds') from None
    suffix = Path(out).suffix.lower()
    if suffix not in (".docx", ".pdf"):
        raise click.ClickException("Tệp kết quả phải có đuôi .docx hoặc .pdf.")
    try:
        context = json.loads(Path(data).read_text(encoding="utf-8")) if data else k.sample
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"Không đọc được tệp dữ liệu JSON: {exc}") from None
    if not isinstance(context, dict):
        raise click.ClickException('Tệp dữ liệu JSON phải là một đối tượng {"tên biến": giá trị}.')
    try:
        result = (render_docx if suffix == ".docx" else render_pdf)(kind, context)
    except DocumentError as exc:
        raise click.ClickException(exc.message) from None
    Path(out).write_bytes(result)
    click.echo(f"Đã tạo {out} ({len(result)} byte).")


@doc_cli.command("build-templates")
def build_command():
    """Tạo lại template.docx, template.html và frame.css từ layout.py và bodies.py."""
    from .build_templates import build

    click.echo(f"Đã tạo lại mẫu trong {build()}")
