#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QuipuCore
import QuipuText

/// A problem at a place in a file: `FILE:LINE:COL: message`, then the line with the spot marked.
public struct JournalError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// What is wrong, for each language to say (`localizedSummary` in QuipuText's terms:
    /// `Message.at(place, reason).localized`).
    public var reason: Message
    /// What is wrong, in English.
    public var message: String { reason.english }
    /// The offending line, made inert (no control characters reach a terminal).
    public var excerpt: String?

    public init(file: String, line: Int, column: Int, message: Message, excerpt: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        reason = message
        self.excerpt = excerpt
    }

    /// `FILE:LINE:COL: reason`, for each language to say: the place stays as editors read it.
    public var summaryMessage: Message { .at("\(file):\(line):\(column)", reason) }

    /// The one-line form: `FILE:LINE:COL: message`.
    public var summary: String { "\(file):\(line):\(column): \(message)" }

    public var description: String {
        guard let excerpt else { return summary }
        let gutter = String(line)
        let pad = String(repeating: " ", count: gutter.count)
        return "\(summary)\n\(pad) |\n\(gutter) | \(excerpt)\n\(pad) | \(String(repeating: " ", count: max(0, column - 1)))^"
    }
}

/// What reading a journal found.
public struct ParsedJournal: Sendable {
    public var events: [Event]
    /// Bytes up to the end of the last good line: where the next append goes.
    public var goodLength: Int
    /// A torn or garbage tail after the last good line (crash, power loss, a half-saved edit).
    public var tail: Tail?
    public var version: (major: Int, minor: Int)
    /// Non-fatal notes: unknown event kinds, a newer minor version.
    public var warnings: [String]

    public struct Tail: Sendable {
        public var line: Int
        public var bytes: [UInt8]
        public var reason: String
    }
}

public enum JournalReader {
    /// Parses a whole journal. A bad line followed only by bad lines is a torn tail, reported in
    /// `tail`; a bad line with a good line after it is corruption in the middle and throws.
    /// `startLine` lets a writer parse only what other writers appended (then `expectHeader` is
    /// false and offsets are relative to `data`).
    public static func parse(_ data: [UInt8], file: String, expectHeader: Bool = true,
                             startLine: Int = 1) throws(JournalError) -> ParsedJournal {
        try data.withUnsafeBufferPointer { all in
            Result { () throws(JournalError) -> ParsedJournal in
                try parse(data, all, file: file, expectHeader: expectHeader, startLine: startLine)
            }
        }.get()
    }

    /// The work of `parse`, with `all` the bytes of `data` in place: lines are found and parsed
    /// through a pointer, without per-byte bounds checks.
    static func parse(_ data: [UInt8], _ all: UnsafeBufferPointer<UInt8>, file: String, expectHeader: Bool,
                      startLine: Int) throws(JournalError) -> ParsedJournal {
        var events: [Event] = []
        // One event a line at most: room for them all at once, rather than growing (and copying)
        // the array as it fills.
        var lines = 0
        if let base = all.baseAddress {
            var at = base
            let end = base + all.count
            while at < end, let newline = memchr(at, 0x0A, end - at) {
                lines += 1
                at = UnsafePointer(newline.assumingMemoryBound(to: UInt8.self)) + 1
            }
        }
        events.reserveCapacity(lines)
        var context = JournalFormat.LineContext(remembersValues: true, lines: lines)
        var version = (major: JournalFormat.major, minor: JournalFormat.minor)
        var warnings: [String] = []
        var lineNumber = startLine - 1
        var lineStart = 0
        var goodLength = 0
        var firstBad: (line: Int, offset: Int, error: JournalFormat.LineError, text: ArraySlice<UInt8>)?
        var sawHeader = !expectHeader
        let count = data.count
        func excerpt(_ bytes: ArraySlice<UInt8>) -> String { inertExcerpt(bytes) }

        while lineStart < count {
            lineNumber += 1
            var lineEnd = count
            if let base = all.baseAddress, let newline = memchr(base + lineStart, 0x0A, count - lineStart) {
                lineEnd = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
            }
            let complete = lineEnd < count
            var content = data[lineStart..<lineEnd]
            if content.last == 0x0D { content = content.dropLast() } // a CRLF from a Windows editor
            let next = complete ? lineEnd + 1 : lineEnd

            if !complete {
                // No newline: the last write was torn (a writer always writes the newline with the line).
                let start = firstBad?.offset ?? lineStart
                let reason = firstBad.map { tr("line {line}: {reason}", ["line": $0.line, "reason": $0.error.reason]) }
                    ?? tr("the last line has no newline (a write was cut short)")
                return ParsedJournal(events: events, goodLength: goodLength,
                                     tail: .init(line: firstBad?.line ?? lineNumber, bytes: Array(data[start...]), reason: reason),
                                     version: version, warnings: warnings)
            }
            defer { lineStart = next }
            let isBlank = content.allSatisfy { $0 == 0x20 || $0 == 0x09 }
            if firstBad == nil, isBlank || content.first == 0x23 {
                if firstBad == nil { goodLength = next }
                continue // blank lines and # comments are for people
            }
            if !sawHeader {
                do {
                    version = try JournalFormat.parseHeader(content)
                } catch {
                    throw JournalError(file: file, line: lineNumber, column: error.column, message: error.reason,
                                       excerpt: excerpt(content))
                }
                if version.major > JournalFormat.major {
                    throw JournalError(file: file, line: lineNumber, column: 15,
                                       message: Message("this journal was written by a newer Quipu (format {version}); this one reads {major}.x — upgrade Quipu to open it", ["version": .text("\(version.major).\(version.minor)"), "major": .text(String(JournalFormat.major))]),
                                       excerpt: excerpt(content))
                }
                if version.minor > JournalFormat.minor {
                    warnings.append(Message.at(file, Message("format {version} is newer than this Quipu's {known}; unknown fields are ignored",
                                                             ["version": .text("\(version.major).\(version.minor)"),
                                                              "known": .text("\(JournalFormat.major).\(JournalFormat.minor)")])).localized)
                }
                sawHeader = true
                goodLength = next
                continue
            }
            if isBlank || content.first == 0x23 { continue }
            do {
                let event = try JournalFormat.parseLine(bytes: UnsafeBufferPointer(rebasing: all[content.indices]),
                                                        context: &context)
                if let bad = firstBad {
                    // A good line after a bad one: the damage is in the middle, not a torn tail.
                    throw JournalError(file: file, line: bad.line, column: bad.error.column, message: bad.error.reason,
                                       excerpt: excerpt(bad.text))
                }
                if case let .unknown(record) = event.change {
                    warnings.append(Message.at("\(file):\(lineNumber):1", Message("unknown event kind \"{kind}\" kept as it is",
                                                                                  ["kind": .text(inertExcerpt(ArraySlice(record.kind.utf8)))])).localized)
                }
                events.append(event)
                goodLength = next
            } catch let error as JournalFormat.LineError {
                if firstBad == nil { firstBad = (lineNumber, lineStart, error, content) }
            } catch let error as JournalError {
                throw error
            } catch {
                fatalError("unreachable: \(error)")
            }
        }
        if !sawHeader && count > 0 {
            throw JournalError(file: file, line: 1, column: 1, message: Message("not a Quipu journal: it has no \"{header}\" line", ["header": .text(JournalFormat.header)]))
        }
        var tail: ParsedJournal.Tail?
        if let bad = firstBad {
            tail = .init(line: bad.line, bytes: Array(data[bad.offset...]),
                         reason: tr("line {line}: {reason}", ["line": bad.line, "reason": bad.error.reason]))
        }
        return ParsedJournal(events: events, goodLength: goodLength, tail: tail, version: version, warnings: warnings)
    }

    /// Makes bytes safe to print: invalid UTF-8 becomes U+FFFD and control characters become
    /// visible symbols, so a journal never sends escape sequences to a terminal.
    public static func inertExcerpt(_ bytes: ArraySlice<UInt8>, limit: Int = 120) -> String {
        let text = inert(String(decoding: bytes, as: UTF8.self))
        return text.count > limit ? String(text.prefix(limit)) + "…" : text
    }
}
