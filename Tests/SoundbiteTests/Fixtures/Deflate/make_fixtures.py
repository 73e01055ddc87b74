#!/usr/bin/env python3
"""Writes the DEFLATE test fixtures: inputs made up here (invented sentences,
pseudo-random bytes, runs), each compressed by zlib as a raw DEFLATE stream
(wbits -15, as ZIP stores it) at several levels and strategies.

    python3 make_fixtures.py      # run in this folder; rewrites *.bin, *.deflate

For NAME.bin, NAME.LEVEL-STRATEGY.deflate decompresses to it exactly.
DeflateTests reads every pair."""
import random
import zlib

WORDS = ("the laptops went home and parents learned with their children while "
         "teachers planned lessons around projects assessment changed slowly "
         "because nobody had measured it before so we kept notes every week "
         "Okafor Varma Lindqvist Mbeki hillside riverside kestrel school").split()


def sentences(seed, count):
    rng = random.Random(seed)
    lines = []
    for i in range(count):
        n = rng.randint(4, 18)
        speaker = rng.choice(["Ruth Okafor", "Amit Varma", "Sam", "Guest 1"])
        lines.append("%s  %d:%02d\n%s.\n" % (speaker, i // 60, i % 60,
                                          " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()))
    return "\n".join(lines).encode("utf-8")


def noise(seed, count):
    rng = random.Random(seed)
    return bytes(rng.getrandbits(8) for _ in range(count))


def runs(seed, count):
    # Runs of one byte and of short periods: matches at distances 1..7 that overlap.
    rng = random.Random(seed)
    out = bytearray()
    while len(out) < count:
        period = rng.randint(1, 9)
        unit = bytes(rng.getrandbits(8) for _ in range(period))
        out += unit * rng.randint(2, 90)
    return bytes(out[:count])


INPUTS = {
    "empty": b"",
    "one": b"A",
    "text": sentences(7, 300),
    "utf8": ("Zoë Çelik: “naïve” café — 東京の学校 ünïcödé\n" * 150).encode("utf-8"),
    "noise": noise(11, 4000),
    "runs": runs(13, 24000),
    "mixed": sentences(17, 60) + noise(19, 1500) + runs(23, 5000) + sentences(17, 60),
}

STRATEGIES = {
    "default": zlib.Z_DEFAULT_STRATEGY,
    "fixed": zlib.Z_FIXED,
    "huffman": zlib.Z_HUFFMAN_ONLY,
    "rle": zlib.Z_RLE,
    "filtered": zlib.Z_FILTERED,
}

# (level, strategy, window bits)
SETTINGS = [(0, "default", 15), (1, "default", 15), (6, "default", 15), (9, "default", 15),
            (9, "default", 9), (6, "fixed", 15), (6, "huffman", 15), (6, "rle", 15), (6, "filtered", 15)]

for name, data in INPUTS.items():
    with open(name + ".bin", "wb") as f:
        f.write(data)
    for level, strategy, wbits in SETTINGS:
        c = zlib.compressobj(level, zlib.DEFLATED, -wbits, 8, STRATEGIES[strategy])
        stream = c.compress(data) + c.flush()
        suffix = "" if wbits == 15 else "-w%d" % wbits
        with open("%s.%d-%s%s.deflate" % (name, level, strategy, suffix), "wb") as f:
            f.write(stream)

# A stream flushed in pieces: sync flushes put empty stored blocks between
# Huffman blocks, full flushes reset the window.
c = zlib.compressobj(6, zlib.DEFLATED, -15)
data = INPUTS["mixed"]
stream = b""
for i, start in enumerate(range(0, len(data), 4000)):
    stream += c.compress(data[start:start + 4000])
    stream += c.flush(zlib.Z_SYNC_FLUSH if i % 2 else zlib.Z_FULL_FLUSH)
stream += c.flush()
with open("mixed.6-flushed.deflate", "wb") as f:
    f.write(stream)
