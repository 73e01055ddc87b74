#!/usr/bin/env python3
"""Writes the held-out .docx set: exports in the Otter.ai, Rev and
Descript/Trint layouts, written apart from the development fixtures (other
people, other text, other markup choices), read only by DocxAPITests, whose
expectations were written from this file before the reader ran on them.

    python3 make_heldout.py       # run in this folder; rewrites *.docx"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)) + "/..")
from make_fixtures import document, package, para, run  # noqa: E402

# Otter with its keywords and speakers block, a turn past the hour, a name
# with accents, a word split over two runs and a soft line break in a turn.
otter = [para(run("Kestrel allotment project"), style="Title"),
         para(run("Sat, Oct 5, 2024 11:15AM \u2022 1:12:09")),
         para(run("SUMMARY KEYWORDS", bold=True)),
         para(run("allotment, compost, rota, seedlings")),
         para(run("SPEAKERS", bold=True)),
         para(run("Inés Dalgaard, Kofi Mensah")),
         para(run("Inés Dalgaard", bold=True), run("  0:04")),
         para(run("The rota started with four fami"), run("lies and a shed key.")),
         para(run("Kofi Mensah", bold=True), run("  2:31")),
         para(run("Then the seedlings came,"), "<w:r><w:br/></w:r>", run("two hundred of them.")),
         para(run("Inés Dalgaard", bold=True), run("  1:10:42")),
         para(run("We still compost every Friday.")),
         para(run("Transcribed by https://otter.ai"))]
package("otter-keywords.docx", document("".join(otter)))

# Rev with the words on the turn line, mm:ss times, tags, a tracked insertion
# and a deletion.
rev = [para(run("Harbour choir rehearsal notes")),
       para(run("Speaker 1 (00:03):", bold=True), run(" We meet on Tuesdays in the church hall.")),
       para(run("Speaker 2 (00:09):", bold=True),
            run(" The tenors [inaudible 00:00:11] always arrive late "),
            '<w:ins w:id="5" w:author="R">%s</w:ins>' % run("and sing loudly"),
            '<w:del w:id="6" w:author="R"><w:r><w:delText> and quietly</w:delText></w:r></w:del>', run(".")),
       para(run("Speaker 1 (01:15):", bold=True)),
       para(run("[crosstalk] Nobody minds. [laughter]")),
       para(run("Speaker 2 (01:20):", bold=True)),
       para(run("It is the best hour of the week."))]
package("rev-sameline.docx", document("".join(rev)))

# Descript/Trint: one paragraph per utterance, times in brackets, inside a
# content control, a speaker name in a hyperlink.
descript = ('<w:sdt><w:sdtPr><w:alias w:val="Transcript"/></w:sdtPr><w:sdtContent>%s</w:sdtContent></w:sdt>'
            % "".join([
                para(run("[00:00:02] Lena Brandt: Our library opens at nine.")),
                para(run("[00:00:06] "), '<w:hyperlink w:anchor="x">%s</w:hyperlink>' % run("Tariq Aziz"),
                     run(": And the reading club meets after school.")),
                para(run("[00:01:30] Lena Brandt: Forty children signed up this year."))]))
package("descript.docx", document(descript))
