"""Where the signature images go on a rendered PDF (Decree 30/2020, Appendix I, items 7 and 8).

The signer's name is found on the last page that has it; the signature box sits in the
space above it (between title and name), centred on the name; the seal box overlaps the
left third of it.
"""

WIDTH, HEIGHT = 150, 48


def _name_position(reader, name):
    found = []
    for index in range(len(reader.pages) - 1, -1, -1):

        def visit(text, cm, tm, _font, size, index=index):
            if name and name in (text or "") and not found:
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                found.append((index, x, y, (size or 12) * abs(cm[0] or 1)))

        reader.pages[index].extract_text(visitor_text=visit)
        if found:
            return found[0]
    return None


def signer_box(reader, signer_name):
    """(page index, box) of the signer's signature: above the name, centred on it."""
    hit = _name_position(reader, (signer_name or "").strip())
    if hit is None:  # no name printed: the lower right of the last page, where the block is
        page = reader.pages[-1]
        right = float(page.mediabox.right)
        return len(reader.pages) - 1, (int(right - 60 - WIDTH), 90, int(right - 60), 90 + HEIGHT)
    index, x, y, size = hit
    centre = x + len(signer_name) * size * 0.25
    bottom = y + size * 1.4
    return index, (int(centre - WIDTH / 2), int(bottom), int(centre + WIDTH / 2), int(bottom + HEIGHT))


def seal_box(box):
    """The seal over about the left third of the signer's signature (item 8)."""
    x1, y1, x2, y2 = box
    side, right = y2 - y1 + 10, x1 + (x2 - x1) / 3  # a round seal's square, ending a third in
    return (int(right - side), int(y1 - 5), int(right), int(y2 + 5))
