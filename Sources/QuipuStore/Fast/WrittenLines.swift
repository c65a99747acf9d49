import QuipuCore

/// The most frequent lines read straight into their change, without collecting their fields.
extension JournalFormat {
    /// The change on a line of one of the frequent kinds written as `Change.record` writes it: its
    /// fields in that order, ids and words bare, nothing else after the kind. On such a line it
    /// gives exactly what the field-by-field path gives (`commonChange` on the same fields); any
    /// other line, well formed or not, gives nil and takes that path, which reads or reports it
    /// as it always has. `start` is just after the kind.
    static func writtenChange(_ kind: EventKind, _ b: UnsafeBufferPointer<UInt8>, from start: Int,
                              _ context: inout LineContext, _ fail: (Int, Message) -> LineError) -> Change? {
        var p = start
        let end = b.count
        /// ` NAME=` at `p`, stepped over.
        func field(_ name: StaticString) -> Bool {
            let n = name.utf8CodeUnitCount
            guard p + n + 2 <= end, b[p] == 0x20, b[p + n + 1] == 0x3D else { return false }
            for i in 0..<n where name.utf8Start[i] != b[p + 1 + i] { return false }
            p += n + 2
            return true
        }
        /// A bare value as the field-by-field path accepts one (printable ASCII but `"` and `\`,
        /// at least one byte), stepped over.
        func bare() -> UnsafeBufferPointer<UInt8>? {
            let s = p
            while p < end, b[p] != 0x20 {
                let c = b[p]
                guard c > 0x20, c < 0x7F, c != 0x5C, c != 0x22 else { return nil }
                p += 1
            }
            return p > s ? UnsafeBufferPointer(rebasing: b[s..<p]) : nil
        }
        func equals(_ v: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
            guard v.count == literal.utf8CodeUnitCount else { return false }
            for i in 0..<v.count where literal.utf8Start[i] != v[i] { return false }
            return true
        }
        /// yes or no; nil for any other word.
        func yesNo(_ v: UnsafeBufferPointer<UInt8>) -> Bool? {
            equals(v, "yes") ? true : equals(v, "no") ? false : nil
        }

        switch kind {
        case .ideaEdit:
            guard field("id"), let id = bare(), field("text"), p < end, b[p] == 0x22,
                  let text = try? quoted(b, &p, fail), p == end else { return nil }
            return .ideaEdited(id: context.bareValue(id), text: text)
        case .voteCast:
            guard field("vote"), let vote = bare(), field("by"), let by = bare(), field("choices"), let list = bare(),
                  field("binding"), let bindingWord = bare(), p == end, let binding = yesNo(bindingWord),
                  let choices = asciiChoices(context.bareValue(list)) else { return nil }
            return .ballotCast(vote: context.bareValue(vote),
                               ballot: Ballot(by: context.bareValue(by), choices: choices, binding: binding))
        case .participantSet:
            guard field("id"), let id = bare() else { return nil }
            var present: Bool?
            var observer: Bool?
            if field("present") {
                guard let word = bare(), let yesNo = yesNo(word) else { return nil }
                present = yesNo
            }
            if field("role") {
                guard let word = bare() else { return nil }
                if equals(word, "observer") { observer = true } else if equals(word, "member") { observer = false } else { return nil }
            }
            guard p == end else { return nil }
            return .participantUpdated(id: context.bareValue(id), present: present, observer: observer)
        case .actionStatus:
            guard field("id"), let id = bare(), field("status"), let word = bare(), p == end,
                  let status = ActionStatus(rawValue: context.bareValue(word)) else { return nil }
            return .actionStatusChanged(id: context.bareValue(id), status: status)
        default:
            // The rest (`idea.withdraw` and `vote.close` among them) are short or rare: the
            // field-by-field path reads them.
            return nil
        }
    }
}
