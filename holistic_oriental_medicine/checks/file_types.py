"""Whether a file published as it is holds what its name says: a `.pdf` a PDF, a `.jpg` a JPEG.

Hosts send a file's type from its name. A file whose bytes are another kind (an HTML page or a
script saved as `form.pdf` or `photo.jpg`) could be read by a browser or a program as that kind,
on the site's own address; so each file's first bytes are compared with the signature its type
begins with (its "magic number") before it is copied.
"""

# The signatures of each published type, at the start of the file (AVIF: after the box size).
SIGNATURES = {
    ".pdf": ("PDF", [(0, b"%PDF-")]),
    ".jpg": ("JPEG", [(0, b"\xff\xd8\xff")]),
    ".jpeg": ("JPEG", [(0, b"\xff\xd8\xff")]),
    ".png": ("PNG", [(0, b"\x89PNG\r\n\x1a\n")]),
    ".gif": ("GIF", [(0, b"GIF87a"), (0, b"GIF89a")]),
    ".webp": ("WebP", [(8, b"WEBP")]),
    ".avif": ("AVIF", [(4, b"ftypavif"), (4, b"ftypavis")]),
}
HEADER_BYTES = 16


def type_mismatch(path):
    """An editor's message if the file at `path` does not begin as its type does, else None."""
    suffix = path.suffix.lower()
    if suffix not in SIGNATURES:
        return None
    kind, signatures = SIGNATURES[suffix]
    with open(path, "rb") as file:
        header = file.read(HEADER_BYTES)
    if suffix == ".webp" and not header.startswith(b"RIFF"):
        signatures = []
    if any(header[offset:offset + len(magic)] == magic for offset, magic in signatures):
        return None
    return (f"is named {suffix} but is not a {kind} file (its content is of another kind), so "
            f"browsers could read it as something else. Save it again as a real {kind} from the "
            "program that made it, or delete it.")
