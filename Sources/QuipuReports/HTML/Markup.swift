import QuipuCore

/// A piece of HTML (or of SVG inside it) that is safe to put in a page: the only ways to make one
/// are `text`, which escapes, and `element`, whose tag and attribute names are written in the
/// code and whose attribute values are escaped. People's text can reach a page no other way.
///
/// Our own writer rather than a library: the page is one fixed document, and what it must get
/// right is escaping in three places (text, attribute values, SVG), which is these few lines,
/// tested by HTMLEscapingTests.
public struct Markup: Equatable, Sendable {
    public let html: String

    private init(raw: String) { html = raw }

    public static let empty = Markup(raw: "")

    /// Text between tags, in HTML or SVG: `&`, `<` and `>` written as references, control
    /// characters as inert symbols (`␛`), noncharacters as U+FFFD.
    public static func text(_ s: String) -> Markup { Markup(raw: escapeText(s)) }

    /// An element: `<name a="v">children</name>`, or `<name a="v">` for a void element.
    public static func element(_ name: StaticString, _ attributes: [(String, String)] = [],
                               _ children: [Markup] = [], void: Bool = false) -> Markup {
        var out = "<\(name)"
        for (key, value) in attributes { out += " \(key)=\"\(escapeAttribute(value))\"" }
        out += ">"
        if void { return Markup(raw: out) }
        for child in children { out += child.html }
        return Markup(raw: out + "</\(name)>")
    }

    /// Fixed markup written in the code (the doctype, the style sheet): never people's text.
    static func literal(_ s: StaticString) -> Markup { Markup(raw: "\(s)") }

    /// A sentence whose people's text `Inline.html` already escaped (ReportLeftOpen.swift).
    static func escaped(_ html: String) -> Markup { Markup(raw: html) }

    /// Numbers and other text Quipu makes itself, known to hold nothing to escape: checked.
    static func number(_ n: Int) -> Markup { Markup(raw: String(n)) }

    public static func + (a: Markup, b: Markup) -> Markup { Markup(raw: a.html + b.html) }

    /// Pieces one after another, with a newline between them (the source stays readable).
    static func lines(_ parts: [Markup]) -> Markup { Markup(raw: parts.map(\.html).filter { !$0.isEmpty }.joined(separator: "\n")) }

    static func joined(_ parts: [Markup], separator: String = "") -> Markup {
        Markup(raw: parts.map(\.html).joined(separator: escapeText(separator)))
    }

    /// An attribute value, in HTML or SVG, always written between double quotes: what
    /// `escapeText` escapes, and `"` and `'`.
    public static func escapeAttribute(_ s: String) -> String { escape(s, quotes: true) }

    /// Text between tags: `&`, `<` and `>` as references, and what `cleaned` replaces.
    public static func escapeText(_ s: String) -> String { escape(s, quotes: false) }

    static func escape(_ s: String, quotes: Bool) -> String {
        var out = ""
        for scalar in cleaned(s) {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "'" where quotes: out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `inert` (controls as symbols), and noncharacters, which an HTML parser reports as errors,
    /// as U+FFFD.
    static func cleaned(_ s: String) -> String.UnicodeScalarView {
        var out = String.UnicodeScalarView()
        for scalar in inert(s).unicodeScalars {
            let v = scalar.value
            out.append((0xFDD0...0xFDEF).contains(v) || v & 0xFFFE == 0xFFFE ? "\u{FFFD}" : scalar)
        }
        return out
    }
}

/// Shorthands for the elements the pages use.
extension Markup {
    static func el(_ name: StaticString, _ children: Markup...) -> Markup { element(name, [], children) }

    static func el(_ name: StaticString, _ text: String) -> Markup { element(name, [], [.text(text)]) }

    static func el(_ name: StaticString, class c: String, _ text: String) -> Markup { element(name, [("class", c)], [.text(text)]) }
}
