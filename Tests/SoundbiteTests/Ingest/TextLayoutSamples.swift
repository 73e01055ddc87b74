/// Samples of each text layout, written here in the layouts the tools publish
/// (invented speakers and words), shared by the reader, detector and
/// collection tests.
enum TextLayoutSamples {
    /// Otter.ai TXT export: name, two spaces, `m:ss` (`h:mm:ss` past an hour),
    /// the paragraph on the next line, a blank line; the closing credit line.
    static let otter = """
    Ines Marlow  0:00
    Thanks for coming in. Could you tell me how the orchard started?

    Pavel Okonjo  0:06
    It started with my grandmother. She planted twelve pear trees,
    and we still pick from four of them.

    Ines Marlow  59:58
    Four of the twelve, after seventy years?

    Pavel Okonjo  1:00:03
    Yes.

    Transcribed by https://otter.ai

    """

    /// Rev TXT: `Name (mm:ss):` or `(hh:mm:ss):`, the words on the next line or
    /// the same one, tags in brackets.
    static let rev = """
    Ines Marlow (00:00):
    Thanks for coming in. [inaudible 00:00:02] how the orchard started?

    Pavel Okonjo (00:06):
    It started with my grandmother. [laughter] She planted twelve pear trees.

    Ines Marlow (01:02:07): Four of the twelve? [crosstalk]

    Pavel Okonjo (01:02:11):
    [foreign language 01:02:12]
    Yes.

    """

    /// Descript / Trint TXT: `[hh:mm:ss] Name: words` per paragraph.
    static let descript = """
    [00:00:00] Ines Marlow: Thanks for coming in.
    [00:00:06] Pavel Okonjo: It started with my grandmother.
    [00:00:11] She planted twelve pear trees.
    [00:01:02] Ines Marlow: Four of the twelve?

    """

    /// Premiere Pro transcript text export: `hh:mm:ss:ff - hh:mm:ss:ff`, the
    /// speaker's name, the words.
    static let premiere = """
    00:00:00:00 - 00:00:05:15
    Ines Marlow
    Thanks for coming in.

    00:00:06:12 - 00:00:14:02
    Pavel Okonjo
    It started with my grandmother.
    She planted twelve pear trees.

    00:01:02:00 - 00:01:04:29
    Ines Marlow
    Thank you.

    """

    /// Whisper TSV: header, then integer milliseconds and the text.
    static let whisperTSV = """
    start\tend\ttext
    0\t5120\tThanks for coming in.
    5120\t9800\tIt started with my grandmother.
    9800\t14050\tShe planted twelve pear trees.

    """

    /// Plain text: one utterance per line, labels.
    static let plain = """
    Ines Marlow: Thanks for coming in.
    Pavel Okonjo: It started with my grandmother.
    She planted twelve pear trees.

    """
}
