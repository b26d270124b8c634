"""The document kinds: one folder each under doc_templates/ (kind.json, sample.json, templates)."""

import json
from dataclasses import dataclass, field
from functools import cache

from inspection.errors import UnknownKind

from . import layout

NAMES = (
    "inspection_plan",
    "inspection_decision",
    "extension_decision",
    "request_letter",
    "invitation_letter",
    "inspection_minutes",
    "inspection_report",
    "conclusion_notice",
    "urging_letter",
    "periodic_report",
    "dossier_cover",
    "dossier_toc",
    "closing_certificate",
    # --- e2-transfer (issue 17): transfer to the historical archive, destruction ---
    "transfer_list",
    "handover_record",
    "destruction_record",
    # --- end e2-transfer ---
)


@dataclass(frozen=True)
class Kind:
    name: str
    name_vi: str
    type_abbr: str | None  # QĐ, KH, BC, TB, BB; None for công văn and dossier forms
    type_name: str | None  # QUYẾT ĐỊNH ...
    fields: dict = field(default_factory=dict)  # variable -> Vietnamese description
    register: bool = True  # numbered in the outgoing register

    @property
    def folder(self):
        return layout.TEMPLATES_DIR / self.name

    @property
    def docx_path(self):
        return self.folder / "template.docx"

    @property
    def is_letter(self):
        """A công văn: no type abbreviation; its symbol is agency + drafting unit."""
        return self.register and self.type_abbr is None

    @property
    def sample(self):
        """A realistic context (a fresh copy) used for previews and tests."""
        return json.loads((self.folder / "sample.json").read_text(encoding="utf-8"))


@cache
def get(name) -> Kind:
    """Return the Kind named `name`, or raise UnknownKind."""
    if name not in NAMES:
        raise UnknownKind(name)
    meta = json.loads((layout.TEMPLATES_DIR / name / "kind.json").read_text(encoding="utf-8"))
    return Kind(
        name=name,
        name_vi=meta["name_vi"],
        type_abbr=meta.get("type_abbr"),
        type_name=meta.get("type_name"),
        fields=meta["fields"],
        register=meta.get("register", True),
    )


def all_kinds():
    """Every kind, in the order of NAMES."""
    return [get(n) for n in NAMES]
