"""One signer block (Decree 30, Appendix I): the documents page and the cases ask the same function."""

from inspection.cases import queries as case_queries
from inspection.documents import contexts, kinds, signers


def test_signer_block_lines_for_each_signer(app):
    assert signers.signer_block(signers.DEPUTY, deputy_index=1) == {
        "signer_authority": "KT. GIÁM ĐỐC",
        "signer_title": "PHÓ GIÁM ĐỐC",
        "signer_name": "Lê Thị Mai",
    }
    assert signers.signer_block(signers.OFFICE_CHIEF, "Phạm Minh Tuấn")["signer_authority"] == "TL. GIÁM ĐỐC"
    assert signers.signer_block(signers.TEAM_LEADER, "Lê Thị Hạnh")["signer_title"] == "TRƯỞNG ĐOÀN"
    assert signers.signer_block(signers.DIRECTOR, kind=kinds.get("dossier_cover")) == {}  # no signature there


def test_cases_and_documents_page_get_the_same_block(app):
    assert case_queries.signer("deputy:1") == signers.signer_block(signers.DEPUTY, deputy_index=1)
    assert case_queries.signer("chief") == signers.signer_block(signers.OFFICE_CHIEF)
    assert case_queries.signer("director") == signers.signer_block(signers.DIRECTOR)
    frame = contexts.frame("urging_letter", signer_role=signers.OFFICE_CHIEF)
    assert {k: frame[k] for k in signers.FIELDS} == case_queries.signer("chief")
