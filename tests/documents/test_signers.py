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


# and Decree 30 (KT./TL./TM.): who may sign each kind, with and without the Director's
# recorded delegation of his decisions to a Deputy. "-" = the kind has no signer block to check.
D, K, T, L = signers.DIRECTOR, signers.DEPUTY, signers.OFFICE_CHIEF, signers.TEAM_LEADER
SIGNER_TABLE = {
    # kind: (allowed without delegation, allowed with delegation)
    "inspection_plan": ({D, K}, {D, K}),
    "inspection_decision": ({D}, {D, K}),
    "extension_decision": ({D}, {D, K}),
    "request_letter": ({D, K, T}, {D, K, T}),
    "inspection_minutes": ("-", "-"),
    "inspection_report": ({L}, {L}),
    "invitation_letter": ({L}, {L}),
    "conclusion_notice": ({D, K, T}, {D, K, T}),
    "urging_letter": ({D, K, T}, {D, K, T}),
    "periodic_report": ({D, K}, {D, K}),
    "dossier_cover": ("-", "-"),
    "dossier_toc": ("-", "-"),
    "closing_certificate": ("-", "-"),
    # e2-transfer (issue 17): archive forms, signed by hand by the people named in them
    "transfer_list": ("-", "-"),
    "handover_record": ("-", "-"),
    "destruction_record": ("-", "-"),
}


def test_R_13_1_signer_table_covers_every_kind_and_each_signer(app):
    assert set(SIGNER_TABLE) == set(kinds.NAMES)
    delegate = {"deputy_name": "Trần Văn Hùng"}
    for kind, expected in SIGNER_TABLE.items():
        for delegation, allowed in zip((None, delegate), expected, strict=True):
            for who in signers.BLOCKS:
                block = signers.signer_block(who, "Trần Văn Hùng" if who == K else "Ai Đó")
                refused = signers.refusal(kind, block, delegation)
                if allowed == "-":
                    assert refused is None, (kind, who)
                else:
                    assert (refused is None) == (who in allowed), (kind, who, delegation, refused)


def test_R_13_1_refusals_name_the_article_and_blocks_are_read_back(app):
    leader = signers.signer_block(signers.TEAM_LEADER, "Lê Thị Hạnh")
    assert leader["signer_authority"] == "TM. ĐOÀN KIỂM TRA"  # a collective signs "TM." (Decree 30)
    assert "khoản 1 Điều 13" in signers.refusal("inspection_decision", leader)
    assert "ủy quyền" in signers.refusal("inspection_decision", signers.signer_block(signers.DEPUTY))
    assert "khoản 2 Điều 16" in signers.refusal("inspection_report", signers.signer_block(signers.DIRECTOR))
    odd = {"signer_authority": "TL. GIÁM ĐỐC", "signer_title": "GIÁM ĐỐC", "signer_name": "X"}
    assert signers.signer_of(odd) is None and signers.refusal("urging_letter", odd)
    assert [k for k, _ in case_queries.signer_choices("inspection_decision")] == ["director"]
    assert [k for k, _ in case_queries.signer_choices("inspection_report")] == ["leader"]
