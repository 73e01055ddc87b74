#!/usr/bin/env python3
"""Turns a folder of WebVTT transcripts into Word documents in Otter.ai's
export layout (title, date line, "Name  m:ss" turn paragraphs, the text,
"Transcribed by https://otter.ai"), for the DOCX reading benchmark:

    python3 Benchmarks/docx/make_docx_corpus.py SRC_DIR OUT_DIR

Consecutive cues of one speaker (a leading "[Name]:" label) form one turn.
The documents are written to OUT_DIR only (outside the project: the corpus'
text stays out of the repository), deflated by zlib as Word does."""
import os
import re
import sys
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TIMING = re.compile(r"^(\d+):(\d\d):(\d\d)[.,]\d+\s+-->")
LABEL = re.compile(r"^\[([^\]]{1,60})\]:\s*")


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clock(seconds):
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return "%d:%02d:%02d" % (h, m, s) if h else "%d:%02d" % (m, s)


def turns(vtt):
    out, start, speaker, words = [], 0, "", []
    lines = vtt.splitlines()
    i = 0
    while i < len(lines):
        m = TIMING.match(lines[i])
        if not m:
            i += 1
            continue
        t = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
        i += 1
        text = []
        while i < len(lines) and lines[i].strip():
            text.append(lines[i].strip())
            i += 1
        cue = " ".join(text)
        label = LABEL.match(cue)
        who = label.group(1) if label else speaker
        cue = cue[label.end():] if label else cue
        if who != speaker or not words:
            if words:
                out.append((speaker, start, " ".join(words)))
            speaker, start, words = who, t, []
        words.append(cue)
    if words:
        out.append((speaker, start, " ".join(words)))
    return out


def para(*runs):
    return "<w:p>%s</w:p>" % "".join(runs)


def run(text, bold=False):
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return '<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (props, esc(text))


def document(title, spoken):
    body = [para(run(title, bold=True)), para(run("Mon, Jan 6, 2025 9:00AM"))]
    for speaker, start, text in spoken:
        body.append(para(run(speaker or "Speaker 1", bold=True), run("  " + clock(start))))
        body.append(para(run(text)))
    body.append(para(run("Transcribed by https://otter.ai")))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:document xmlns:w="%s"><w:body>%s'
            '</w:body></w:document>') % (W, "".join(body))


CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                 'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                 'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
                 '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
                 'document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def main(src, dst):
    os.makedirs(dst, exist_ok=True)
    count = 0
    for name in sorted(os.listdir(src)):
        if not name.endswith(".vtt") or name.endswith(".chapters.vtt"):
            continue
        with open(os.path.join(src, name), encoding="utf-8", errors="replace") as f:
            spoken = turns(f.read())
        with zipfile.ZipFile(os.path.join(dst, name[:-4] + ".docx"), "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", CONTENT_TYPES)
            z.writestr("_rels/.rels", RELS)
            z.writestr("word/document.xml", document(name[:-4], spoken))
        count += 1
    print("wrote %d documents to %s" % (count, dst))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
