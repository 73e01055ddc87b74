#!/usr/bin/env python3
"""Writes the .docx test fixtures: Word packages (ZIP, zlib DEFLATE) holding
invented interviews in the layouts Otter.ai and Rev use for their Word
exports, a transcript typed in Word in the plain-text layout, and one
document that exercises the WordprocessingML features the reader handles.

    python3 make_fixtures.py      # run in this folder; rewrites *.docx

DocxTests and DocxIngestTests state what each one must read as."""
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
OFFICE_DOC = R + "/officeDocument"


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def run(text, bold=False, color=None, p="w"):
    props = ""
    if bold or color:
        props = "<%s:rPr>%s%s</%s:rPr>" % (p, "<%s:b/>" % p if bold else "",
                                          '<%s:color %s:val="%s"/>' % (p, p, color) if color else "", p)
    space = ' xml:space="preserve"' if text != text.strip() or "  " in text else ""
    return "<%s:r>%s<%s:t%s>%s</%s:t></%s:r>" % (p, props, p, space, esc(text), p, p)


def para(*runs, style=None, p="w"):
    props = '<%s:pPr><%s:pStyle %s:val="%s"/></%s:pPr>' % (p, p, p, style, p) if style else ""
    return "<%s:p>%s%s</%s:p>" % (p, props, "".join(runs), p)


def document(body, p="w", ns=W):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            '<%s:document xmlns:%s="%s" xmlns:r="%s" xmlns:mc="%s" xmlns:wps="%s" xmlns:w14="%s" '
            'mc:Ignorable="w14"><%s:body>%s<%s:sectPr><%s:pgSz %s:w="12240" %s:h="15840"/></%s:sectPr>'
            '</%s:body></%s:document>') % (p, p, ns, R, MC, WPS, W14, p, body, p, p, p, p, p, p, p)


def package(path, body_xml, part="word/document.xml", extra_parts=None, rels_target=None):
    content_types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
                     '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                     '<Default Extension="xml" ContentType="application/xml"/>'
                     '<Override PartName="/%s" ContentType="application/vnd.openxmlformats-officedocument.'
                     'wordprocessingml.document.main+xml"/></Types>') % part
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
            'metadata/core-properties" Target="docProps/core.xml"/>'
            '<Relationship Id="rId1" Type="%s" Target="%s"/></Relationships>') % (OFFICE_DOC, rels_target or part)
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Interview</dc:title>'
            '<dc:creator>Fixture generator</dc:creator></cp:coreProperties>')
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        def add(name, text):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
        add("[Content_Types].xml", content_types)
        add("_rels/.rels", rels)
        add(part, body_xml)
        add("docProps/core.xml", core)
        for name, text in (extra_parts or {}).items():
            add(name, text)


def main():
    # ---------------------------------------------------------------- Otter.ai
    # Title, date and duration, then per turn a paragraph "Name  m:ss" (name and
    # time in runs of their own) and the turn's text; last "Transcribed by
    # https://otter.ai". Times past an hour are h:mm:ss.
    OTTER_TURNS = [
        ("Ruth Okafor", "0:01", "Thanks for coming in. Could you start with how the laptops first arrived at Hillside?"),
        ("Amit Varma", "0:09", "They came in the spring term, about ninety of them, and nobody had planned where to charge them."),
        ("Ruth Okafor", "0:24", "So what did you do?"),
        ("Amit Varma", "0:27", "We turned the old library into a charging room. The children called it the garage, and the name stuck for years."),
        ("Ruth Okafor", "59:58", "And the parents?"),
        ("Amit Varma", "1:00:03", "Parents came to evening sessions. Some of them learned to email their own families abroad for the first time."),
    ]


    def otter_body(linebreaks):
        parts = [para(run("Hillside laptops interview"), style="Title"),
                 para(run("Tue, May 14, 2024 4:02PM \u2022 1:01:40")), para()]
        for name, time, text in OTTER_TURNS:
            header = [run(name, bold=True), run("  " + time, color="666666")]
            if linebreaks:
                parts.append(para(*header, "<w:r><w:br/></w:r>", run(text)))
            else:
                parts.append(para(*header))
                parts.append(para(run(text)))
            parts.append(para())
        parts.append(para(run("Transcribed by "),
                          '<w:hyperlink r:id="rId9" w:history="1">%s</w:hyperlink>' % run("https://otter.ai", color="0563C1")))
        return document("".join(parts))


    package("otter.docx", otter_body(linebreaks=False))
    package("otter-linebreaks.docx", otter_body(linebreaks=True))

    # ---------------------------------------------------------------- Rev
    # A title, then per turn "Speaker (hh:mm:ss):" (bold name, the time a link to
    # the recording) and the text, in which [inaudible hh:mm:ss], [crosstalk
    # hh:mm:ss] and [laughter] are tags, not speech. The page header and footer
    # are parts of their own and are not read.
    REV_TURNS = [
        ("Priya Nair", "00:00:02", "Hello, and thank you for having me. [laughter] I have been looking forward to this."),
        ("Tom Mercer", "00:00:11", "Let's begin with the bus. How did the children get to the new site every morning?"),
        ("Priya Nair", "00:00:19", "There was one bus for the whole village [inaudible 00:00:23] and it left at seven."),
        ("Tom Mercer", "00:01:05", "Seven is early. [crosstalk 00:01:07]"),
        ("Priya Nair", "00:01:08", "Very early, but the drivers knew every family by name."),
    ]


    def rev_body():
        parts = [para(run("Riverside transport interview", bold=True), style="Title"),
                 para(run("Riverside_transport.mp3")), para()]
        for name, time, text in REV_TURNS:
            link = '<w:hyperlink r:id="rId8" w:history="1">%s</w:hyperlink>' % run("(%s)" % time, color="0563C1")
            parts.append(para(run(name + " ", bold=True), link, run(":", bold=True)))
            parts.append(para(run(text)))
        return document("".join(parts))


    HEADER = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:hdr xmlns:w="%s">%s</w:hdr>'
        % (W, para(run("Riverside transport interview - page header words that are not speech"))))
    FOOTER = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:ftr xmlns:w="%s">%s</w:ftr>'
              % (W, para(run("Footer text with a page number field"))))
    package("rev.docx", rev_body(), extra_parts={"word/header1.xml": HEADER, "word/footer1.xml": FOOTER})

    # ---------------------------------------------------------------- Plain text typed in Word
    PLAIN = [
        "[00:00:05] Zoë Turner: We made a film about the river and showed it at assembly.",
        "[00:00:12] Interviewer: Who held the camera?",
        "[00:00:15] Zoë Turner: Everyone took turns, even the teachers.",
    ]
    package("plain.docx", document("".join(para(run(line)) for line in PLAIN)))

    # ---------------------------------------------------------------- WordprocessingML features
    FEATURES = "".join([
        # Tracked changes: the deletion is gone, the insertion kept.
        para(run("Tracked, the "), '<w:del w:id="1" w:author="A"><w:r><w:delText>old</w:delText></w:r></w:del>',
             '<w:ins w:id="2" w:author="A">%s</w:ins>' % run("new"), run(" plan.")),
        # A moved sentence: kept at its new place only.
        para('<w:moveFrom w:id="3" w:author="A">%s</w:moveFrom>' % run("moved words"), run("Stay.")),
        para('<w:moveTo w:id="4" w:author="A">%s</w:moveTo>' % run("moved words")),
        # Complex field: instruction dropped, result kept; simple field: result kept.
        para(run("Page "), '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
             '<w:r><w:instrText xml:space="preserve"> PAGE \\* MERGEFORMAT </w:instrText></w:r>',
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', run("7"),
             '<w:r><w:fldChar w:fldCharType="end"/></w:r>', run(" of "),
             '<w:fldSimple w:instr=" NUMPAGES ">%s</w:fldSimple>' % run("9")),
        # Tabs, breaks, symbols, hyphens, a smart tag, a content control.
        para(run("A"), "<w:r><w:tab/></w:r>", run("B"), "<w:r><w:noBreakHyphen/>%s</w:r>" % "<w:t>C</w:t>",
             '<w:r><w:sym w:font="Symbol" w:char="03A9"/></w:r>', "<w:r><w:softHyphen/></w:r>", run("D")),
        para(run("first line"), '<w:r><w:br w:type="textWrapping"/></w:r>', run("second line"),
             "<w:r><w:cr/></w:r>", run("third line")),
        para('<w:smartTag w:uri="urn:x" w:element="place">%s</w:smartTag>' % run("Kestrel"), run(" school")),
        '<w:sdt><w:sdtPr><w:alias w:val="Speaker"/><w:placeholder><w:docPart w:val="X"/></w:placeholder>'
        '</w:sdtPr><w:sdtContent>%s</w:sdtContent></w:sdt>' % para(run("Controlled content")),
        # A table: one line per row, cells separated by tabs.
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="1"/></w:tblGrid>'
        '<w:tr><w:tc><w:tcPr><w:tcW w:w="1"/></w:tcPr>%s</w:tc><w:tc>%s</w:tc><w:tc>%s%s</w:tc></w:tr>'
        '<w:tr><w:tc>%s</w:tc><w:tc>%s</w:tc><w:tc>%s</w:tc></w:tr></w:tbl>'
        % (para(run("00:00:01")), para(run("Sam")), para(run("We planted")), para(run("a garden.")),
           para(run("00:00:04")), para(run("Guest 1")), para(run("It grew."))),
        # A text box in alternate content: the choice read, the fallback (a copy) not.
        para(run("Anchor text"),
             '<mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:drawing><wps:wsp><wps:txbx><w:txbxContent>%s'
             '</w:txbxContent></wps:txbx></wps:wsp></w:drawing></w:r></mc:Choice><mc:Fallback><w:r><w:pict>'
             '<w:txbxContent>%s</w:txbxContent></w:pict></w:r></mc:Fallback></mc:AlternateContent>'
             % (para(run("Boxed words")), para(run("Boxed words")))),
        # Entities, a run split mid-word, an empty paragraph, non-ASCII text.
        para(run("Fish & chips <cheap>")), para(run("lap"), run("tops")), para(),
        para(run("Siobhán said naïve café")),
    ])
    package("features.docx", document(FEATURES))

    # The same first paragraph with another prefix and the strict namespace, in a
    # part the relationships name word/main.xml.
    STRICT = para(run("Strict namespace text", p="s"), p="s")
    package("strict.docx", document(STRICT, p="s", ns=STRICT_W), part="word/main.xml", rels_target="/word/main.xml")


if __name__ == "__main__":
    main()
