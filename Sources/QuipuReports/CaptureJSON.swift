import QuipuCore

extension JSONExport {
    /// `participant ID list --json`: the roster, and how many come from each stakeholder group.
    public static func roster(_ s: Session) -> String {
        JSONValue.object([
            ("participants", .array(s.participants.map(participant))),
            ("groups", .array(s.groupCounts.map { .object([("group", .string($0.group.rawValue)), ("count", .int($0.count))]) })),
            ("members", .int(s.participants.filter(\.isMember).count)),
            ("observers", .int(s.participants.filter(\.observer).count)),
            ("present", .int(s.participants.filter(\.present).count)),
        ]).rendered
    }

    /// `participant ID import FILE --json`: what was added and what was skipped, by line.
    public static func rosterImport(imported: [(line: Int, id: String, name: String)],
                                    skipped: [(line: Int, message: String)]) -> String {
        JSONValue.object([
            ("imported", .array(imported.map {
                .object([("line", .int($0.line)), ("id", .string($0.id)), ("name", .string($0.name))])
            })),
            ("skipped", .array(skipped.map { .object([("line", .int($0.line)), ("message", .string($0.message))]) })),
        ]).rendered
    }

    /// `action ID list --json`: the workplan in due order, overdue marked as of `now`.
    public static func workplan(_ s: Session, at now: Timestamp) -> String {
        JSONValue.array(s.actionsByDue.map { a in
            guard case let .object(fields) = action(a) else { return .null }
            return .object(fields + [("overdue", .bool(a.isOverdue(at: now)))])
        }).rendered
    }
}
