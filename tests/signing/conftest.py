"""A test PKI (CA, signer, agency, timestamp authority) and a local RFC 3161 responder.

Certificates are made with `cryptography` (inspection.signing.pki); the responder is a small
HTTP server in a thread answering with pyHanko's DummyTimeStamper: no network.
"""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from asn1crypto import tsp
from cryptography.hazmat.primitives import serialization
from pyhanko.keys import load_cert_from_pemder, load_private_key_from_pemder_data
from pyhanko.sign.timestamps import DummyTimeStamper

from inspection.signing import pki

PASS = "mật-khẩu-thử"


@pytest.fixture(scope="session")
def test_pki(tmp_path_factory, _responder):
    """Files of a CA, a signer, an agency, an expired signer, one without signing key usage, a TSA."""
    base = tmp_path_factory.mktemp("pki")
    ca = pki.issue_cert("CA Thử nghiệm", "Bộ phận thử nghiệm", ca=True, days=3650)
    other_ca = pki.issue_cert("CA Lạ", "Nơi khác", ca=True, days=3650)
    certs = {
        "signer": pki.issue_cert("Nguyễn Văn An", "Sở Nông nghiệp", ca),
        "agency": pki.issue_cert("Sở Nông nghiệp và Môi trường", "Sở Nông nghiệp", ca),
        "expired": pki.issue_cert("Người Hết Hạn", "Sở Nông nghiệp", ca, days=10, start=_days_ago(400)),
        "no_usage": pki.issue_cert("Người Không Ký", "Sở Nông nghiệp", ca, signing=False),
        "stranger": pki.issue_cert("Người Ngoài", "Nơi khác", other_ca),
        "tsa": pki.issue_cert("TSA Thử nghiệm", "Bộ phận thử nghiệm", ca, tsa=True),
        "revoked": pki.issue_cert("Người Bị Thu Hồi", "Sở Nông nghiệp", ca, crl_url=_responder["crl_url"]),
        "listed": pki.issue_cert("Người Còn Hiệu Lực", "Sở Nông nghiệp", ca, crl_url=_responder["crl_url"]),
    }
    _responder["crl"] = pki.crl(ca, [certs["revoked"]])
    paths = {"ca": base / "ca.pem", "dir": base}
    paths["ca"].write_bytes(ca.pem())
    for name, issued in certs.items():
        chain = [other_ca] if name == "stranger" else [ca]
        paths[name] = base / f"{name}.p12"
        paths[name].write_bytes(issued.p12(PASS, chain))
        (base / f"{name}.pem").write_bytes(issued.pem())
        (base / f"{name}.key").write_bytes(
            issued.key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
    return paths


def _days_ago(n):
    import datetime as dt

    return dt.datetime.now(dt.UTC) - dt.timedelta(days=n)


@pytest.fixture(scope="session")
def _responder():
    """A local HTTP server: RFC 3161 timestamps (POST /tsa) and the test CA's CRL (GET /ca.crl)."""
    state = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            req = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            self._answer(state["stamper"].request_tsa_response(req).dump(), "application/timestamp-reply")

        def do_GET(self):
            self._answer(state["crl"], "application/pkix-crl")

        def _answer(self, body, kind):
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    state["url"] = f"http://127.0.0.1:{server.server_port}"
    state["crl_url"] = state["url"] + "/ca.crl"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield state
    server.shutdown()


@pytest.fixture(scope="session")
def tsa_url(test_pki, _responder):
    """URL of the local RFC 3161 timestamp responder signing with the test TSA certificate."""
    base = test_pki["dir"]
    _responder["stamper"] = DummyTimeStamper(
        tsa_cert=load_cert_from_pemder(base / "tsa.pem"),
        tsa_key=load_private_key_from_pemder_data((base / "tsa.key").read_bytes(), None),
        certs_to_embed=[load_cert_from_pemder(test_pki["ca"])],
    )
    return _responder["url"] + "/tsa"


@pytest.fixture
def signing(app, test_pki):
    """Configure the app to sign with the test signer and agency and trust the test CA."""
    app.config.update(
        SIGNING_SIGNER_P12=str(test_pki["signer"]),
        SIGNING_SIGNER_PASSPHRASE=PASS,
        SIGNING_AGENCY_P12=str(test_pki["agency"]),
        SIGNING_AGENCY_PASSPHRASE=PASS,
        SIGNING_TRUST_ANCHORS=str(test_pki["ca"]),
        SIGNING_TSA_URL="",
    )
    return app.config
