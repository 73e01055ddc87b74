#!/usr/bin/env python3
"""Writes the ZIP test fixtures with Python's zipfile (zlib's DEFLATE):
the same three invented entries in archives written the ways tools do.

    python3 make_fixtures.py      # run in this folder; rewrites *.zip

ZipArchiveTests opens each and checks every entry's bytes."""
import io
import zipfile

ENTRIES = [
    ("notes/interview.txt", ("Ruth Okafor  0:01\nThe laptops went home with the children.\n\n" * 40).encode()),
    ("empty.txt", b""),
    ("data/levels.bin", bytes((i * 7 + i // 13) % 256 for i in range(5000))),
]


def write(path, compression=zipfile.ZIP_DEFLATED, level=None, comment=b"", zip64=False, stream=False):
    buf = io.BytesIO()
    target = buf
    if stream:
        # An unseekable target: zipfile writes data descriptors (flag bit 3).
        class Unseekable(io.RawIOBase):
            def writable(self): return True
            def write(self, b): return buf.write(b)
        target = Unseekable()
    with zipfile.ZipFile(target, "w", compression=compression, compresslevel=level) as z:
        z.comment = comment
        for name, data in ENTRIES:
            info = zipfile.ZipInfo(name, date_time=(2024, 5, 1, 12, 0, 0))
            info.compress_type = compression
            with z.open(info, "w", force_zip64=zip64) as f:
                f.write(data)
    with open(path, "wb") as f:
        f.write(buf.getvalue())


write("deflate.zip")
write("deflate-level1.zip", level=1)
write("stored.zip", compression=zipfile.ZIP_STORED)
write("comment.zip", comment=b"An archive comment that a reader must search past: PK\x05\x06 decoy")
write("zip64.zip", zip64=True)
write("descriptor.zip", stream=True)
