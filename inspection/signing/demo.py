"""Demo data: demonstration certificates (a CA, the agency, and one for each demo signer: the
Director, the Deputy, the Chief of Office) and simple signature and seal images, so the demo's
issued documents are signed by the one who signs them, out of the box (issue 16). Their subjects
say DEMONSTRATION; a production configuration (APP_ENV=production) never reads the folder."""

import math
from pathlib import Path

from flask import current_app
from PIL import Image, ImageDraw, ImageFont

from inspection import settings

from . import pki
from .pdfa import FONT
from .signers import DEMO_PASSPHRASE

SIGNERS = ("giamdoc", "phogiamdoc", "chanhvanphong")  # inspection/demo.py USERS: Director, Deputy, Chief
BLUE, RED = (20, 50, 170, 255), (200, 20, 20, 255)


def seed(ctx):
    """Write the demonstration certificates and images into SIGNING_DEMO_DIR (once)."""
    config = current_app.config
    folder = config.get("SIGNING_DEMO_DIR")
    if not folder or config.get("SIGNING_SIGNER_P12") or config.get("SIGNING_PERSONS"):
        return ctx  # production, or an office that configured its own certificates
    folder = Path(folder)
    if not (folder / "people").is_dir():  # a folder of before issue 16's fix: made again
        users = ctx.get("users", {})
        people = {u: users[u].full_name for u in SIGNERS if u in users}
        write(folder, settings.get_many("org.")["org.agency_name"].title(), people)
    ctx["signing_demo_dir"] = str(folder)
    return ctx


def write(folder: Path, agency_name: str, people: dict):
    """A CA, the agency's certificate and seal, each person's certificate and signature image."""
    people_dir = folder / "people"
    people_dir.mkdir(parents=True, exist_ok=True)
    ca = pki.issue_cert("CA DEMONSTRATION", agency_name, ca=True, days=3650, unit=pki.DEMO)
    agency = pki.issue_cert(f"{agency_name} - DEMONSTRATION", agency_name, ca, days=730, unit=pki.DEMO)
    (folder / "agency.p12").write_bytes(agency.p12(DEMO_PASSPHRASE, [ca]))
    seal_image().save(folder / "seal.png")
    for username, full_name in people.items():
        issued = pki.issue_cert(f"{full_name} - DEMONSTRATION", agency_name, ca, days=730, unit=pki.DEMO)
        (people_dir / f"{username}.p12").write_bytes(issued.p12(DEMO_PASSPHRASE, [ca]))
        signature_image(full_name).save(people_dir / f"{username}.png")
    (folder / "signer.p12").unlink(missing_ok=True)  # the one certificate for everybody, gone
    (folder / "ca.pem").write_bytes(ca.pem())  # last: its presence turns the demo signing on


def signature_image(full_name: str) -> Image.Image:
    """A transparent PNG: a blue flourish and the given name, marked as a demonstration."""
    img = Image.new("RGBA", (360, 140), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    points = [(20 + x, 70 - 35 * math.sin(x / 22) * math.exp(-x / 400)) for x in range(0, 320, 4)]
    draw.line(points, fill=BLUE, width=5, joint="curve")
    font = ImageFont.truetype(FONT, 34)
    draw.text((40, 80), full_name.split()[-1], font=font, fill=BLUE)
    draw.text((230, 112), "minh họa", font=ImageFont.truetype(FONT, 18), fill=BLUE)
    return img


def seal_image() -> Image.Image:
    """A transparent PNG: a red round seal with a star, marked as a demonstration."""
    img = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.ellipse((6, 6, 294, 294), outline=RED, width=10)
    draw.ellipse((50, 50, 250, 250), outline=RED, width=4)
    star = [
        (150 + r * math.sin(math.pi * k / 5), 150 - r * math.cos(math.pi * k / 5))
        for k, r in zip(range(10), [70, 28] * 5, strict=True)
    ]
    draw.polygon(star, fill=RED)
    font = ImageFont.truetype(FONT, 20)
    draw.text((150, 30), "MINH HỌA", font=font, fill=RED, anchor="mm")
    draw.text((150, 270), "DEMO", font=font, fill=RED, anchor="mm")
    return img
