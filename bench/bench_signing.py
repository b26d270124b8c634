"""Signing speed (issue 16): what PAdES B-B signing (the signer, then the agency) adds to issuing
a 3-page document (goal < 200 ms), and checking the signatures of a 50-document dossier (< 10 s).

Certificates are made on the spot (inspection.signing.pki), like the tests'.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import io  # noqa: E402

from pypdf import PdfReader  # noqa: E402
from weasyprint import HTML  # noqa: E402

from inspection.signing import pades, pki, verify  # noqa: E402

PASS = "bench"


def three_pages():
    pages = "".join(f'<p style="page-break-after: always">Trang {i} của quyết định kiểm tra.</p>' for i in (1, 2))
    return HTML(string=pages + "<p>Trang 3</p><p>GIÁM ĐỐC</p><p>Nguyễn Văn An</p>").write_pdf()


def config_in(folder):
    ca = pki.issue_cert("CA Bench", "Bench", ca=True)
    signer = pki.issue_cert("Nguyễn Văn An", "Sở", ca)
    agency = pki.issue_cert("Sở Nông nghiệp và Môi trường", "Sở", ca)
    (folder / "ca.pem").write_bytes(ca.pem())
    (folder / "s.p12").write_bytes(signer.p12(PASS, [ca]))
    (folder / "a.p12").write_bytes(agency.p12(PASS, [ca]))
    return {
        "SIGNING_SIGNER_P12": str(folder / "s.p12"),
        "SIGNING_SIGNER_PASSPHRASE": PASS,
        "SIGNING_AGENCY_P12": str(folder / "a.p12"),
        "SIGNING_AGENCY_PASSPHRASE": PASS,
        "SIGNING_TRUST_ANCHORS": str(folder / "ca.pem"),
    }


def main():
    with tempfile.TemporaryDirectory() as tmp:
        config = config_in(Path(tmp))
        pdf = three_pages()
        assert len(PdfReader(io.BytesIO(pdf)).pages) == 3
        start = time.perf_counter()
        pades.sign_issued(pdf, "Nguyễn Văn An", config)
        print(f"first signing (font scaling, imports): {(time.perf_counter() - start) * 1000:.0f} ms")
        times, cpu, signed = [], [], []
        for _ in range(50):
            start, start_cpu = time.perf_counter(), time.process_time()
            signed.append(pades.sign_issued(pdf, "Nguyễn Văn An", config))
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        median, median_cpu = statistics.median(times), statistics.median(cpu)
        print(
            f"B-B signing, 3-page document, signer + agency, median of 50: {median:.0f} ms wall, {median_cpu:.0f} ms CPU (goal < 200)"
        )
        start, start_cpu = time.perf_counter(), time.process_time()
        verdicts = [verify.verify_pdf(data, config) for data in signed]
        elapsed, elapsed_cpu = time.perf_counter() - start, time.process_time() - start_cpu
        assert all(v.state == verify.VALID for v in verdicts)
        print(
            f"verifying 50 signed documents (2 signatures each): {elapsed:.2f} s wall, {elapsed_cpu:.2f} s CPU (goal < 10)"
        )
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
