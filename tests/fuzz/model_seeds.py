#!/usr/bin/env python3
"""Writes the seeds of fuzz_model (tests/fuzz/corpus/model): valid models (deflated, stored, bzip2,
zip64, float32, row layout, a readout-less one) and the hostile cases of issue 26 (names that
clash, LZMA entries, a damaged central directory, declared sizes that lie, a shape above the
limits, a 2 MB meta, meta numbers out of range, control characters in meta). Small files only:
a bomb's declared size is written into the headers, not inflated.
Run from the repository root: python3 tests/fuzz/model_seeds.py"""
import io
import json
import os
import struct
import zipfile

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "model")


def npy(descr, shape, data):
    sh = "(" + ", ".join(str(s) for s in shape) + (",)" if len(shape) == 1 else ")")
    d = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, sh)
    total = 10 + len(d) + 1
    d = d + " " * ((total + 63) // 64 * 64 - total) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(d)) + d.encode() + data


def f8(v):
    return b"".join(struct.pack("<d", x) for x in v)


def f4(v):
    return b"".join(struct.pack("<f", x) for x in v)


def meta(obj):
    t = json.dumps(obj)
    return npy("<U%d" % len(t), (), b"".join(struct.pack("<I", ord(c)) for c in t))


BASE = [("A.npy", npy("<f8", (2, 2), f8([0.5, 0.1, -0.2, 0.3]))),
        ("B.npy", npy("<f8", (2, 3), f8([1, 0, 0, 0, 1, 0]))),
        ("c.npy", npy("<f8", (2,), f8([0.1, -0.1]))),
        ("W_out.npy", npy("<f8", (2, 2), f8([1, -1, -1, 1]))),
        ("b_out.npy", npy("<f8", (2,), f8([0, 0]))),
        ("meta.npy", meta({"format": "equilab-model", "version": 1, "layout": "column",
                           "dataset": {"dataset": "moons", "samples": 40}}))]


def archive(entries, method=zipfile.ZIP_DEFLATED, zip64=False):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = method
            if zip64:
                with z.open(info, "w", force_zip64=True) as f:
                    f.write(data)
            else:
                z.writestr(info, data)
    return buf.getvalue()


def replace(name, data):
    return [(n, data if n == name else d) for n, d in BASE]


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


os.makedirs(OUT, exist_ok=True)
write("valid-deflate", archive(BASE))
write("valid-stored", archive(BASE, zipfile.ZIP_STORED))
write("bzip2-entries", archive(BASE, zipfile.ZIP_BZIP2))
write("valid-zip64", archive(BASE, zip64=True))
write("valid-float32", archive([("A.npy", npy("<f4", (2, 2), f4([0.5, 0.1, -0.2, 0.3]))),
                                ("B.npy", npy("<f4", (2, 1), f4([1, 2]))),
                                ("c.npy", npy("<f4", (2,), f4([0.1, -0.1])))]))
write("valid-no-readout", archive(BASE[:3]))
write("valid-row-layout", archive([("A.npy", BASE[0][1]),
                                   ("B.npy", npy("<f8", (3, 2), f8([1, 0, 0, 1, 0, 0]))),
                                   ("c.npy", BASE[2][1]), ("W_out.npy", BASE[3][1]),
                                   ("b_out.npy", BASE[4][1]),
                                   ("meta.npy", meta({"layout": "row"}))]))
write("dup-names", archive(BASE + [("A", npy("<f8", (2, 2), f8([0.9, 0, 0, 0.9])))]))
write("lzma-entries", archive(BASE, zipfile.ZIP_LZMA))
valid = archive(BASE)
cd = valid.find(b"PK\x01\x02")
write("damaged-central-directory", valid[:cd] + b"XX" + valid[cd + 2:])
# A stored A.npy whose central directory declares 4 GiB uncompressed.
big = bytearray(archive(BASE, zipfile.ZIP_STORED))
at = big.find(b"PK\x01\x02")
big[at + 24:at + 28] = struct.pack("<I", 0xFFFFFFF0)
write("bomb-declared-4GiB", bytes(big))
write("bomb-shape-8192", archive(replace("A.npy", npy("<f8", (8192, 8192), b""))))
write("npy-size-lies", archive(replace("A.npy", npy("<f8", (2, 2), f8([1, 2, 3, 4, 5])))))
write("meta-2MB", archive(replace("meta.npy", npy("|S2000000", (), b" " * 2000000))))
write("meta-samples-negative",
      archive(replace("meta.npy", meta({"dataset": {"dataset": "moons", "samples": -5}}))))
write("meta-inject", archive(replace(
    "meta.npy", meta({"layout": "diag\nequilab-cli: FAKE LINE\x1b[31m red\x00cut"}))))
print("wrote", len(os.listdir(OUT)), "seeds to", OUT)
