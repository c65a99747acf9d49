/// How a report writes people's text and ids inside a sentence, so the sentences of a section
/// (what was left open) are written once for Markdown and for HTML.
struct Inline: Sendable {
    /// People's text, escaped for the format.
    var text: @Sendable (String) -> String
    /// An id set apart: a session's id in backticks, or in `<code>`.
    var code: @Sendable (String) -> String

    static let markdown = Inline(text: MarkdownReport.escape, code: { "`\($0)`" })
    static let html = Inline(text: Markup.escapeText, code: { "<code>\(Markup.escapeText($0))</code>" })
}
