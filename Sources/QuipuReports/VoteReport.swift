import QuipuCore
import QuipuText

/// Vote results for every method in text, Markdown and JSON: ranks with shared places, scores,
/// turnout, IRV rounds, Schulze strengths, show-of-hands tallies and the tie-break that applies.
extension TextReport {
    /// The lines after the results table: tie-break, hands, IRV rounds, Schulze strengths.
    public static func voteDetailLines(_ v: Vote, in s: Session) -> [String] {
        var lines: [String] = []
        if let rule = v.tieBreakApplies {
            let sentence = tieBreakSentence(rule)
            if rule == .runoff && v.status == .closed {
                lines.append(tr("tie-break: {rule} (quipu vote {id} runoff opens one)", ["rule": sentence, "id": s.id]))
            } else if rule == .facilitator && v.status == .closed && v.decision == nil {
                lines.append(tr("tie-break: {rule} (quipu vote {id} decide IDEA --reason TEXT records it)", ["rule": sentence, "id": s.id]))
            } else {
                lines.append(tr("tie-break: {rule}", ["rule": sentence]))
            }
        }
        if let d = v.decision { lines.append(decisionSentence(d, in: s)) }
        for t in v.tallies {
            let counts = t.counts.map { "\($0.idea)=\($0.points)" }.joined(separator: " ")
            lines.append(t.group.map { tr("show of hands ({group}): {counts}", ["group": $0.name.localized, "counts": counts]) }
                ?? tr("show of hands: {counts}", ["counts": counts]))
        }
        lines += irvRoundLines(v.irvRounds)
        if let strengths = v.schulzeStrengths { lines += schulzeLines(strengths) }
        return lines
    }

    /// `The facilitator chose I3 Glacier monitoring: "glaciers cannot wait".`
    public static func decisionSentence(_ d: TieDecision, in s: Session) -> String {
        tr("the facilitator chose {idea}: \"{reason}\"",
           ["idea": d.idea + (s.idea(d.idea).map { " \"\(inert($0.text))\"" } ?? ""), "reason": inert(d.reason)])
    }

    /// `round 1: I1 42 · I2 26 · I3 15 · I4 17 → out: I3`, each round with why it ended so.
    public static func irvRoundLines(_ rounds: [IRVRound]) -> [String] {
        rounds.enumerated().map { tr("round {n}: {round}", ["n": $0.offset + 1, "round": irvRoundText($0.element)]) }
    }

    /// The pairwise preferences and strongest paths as two small matrices, rows over columns.
    public static func schulzeLines(_ m: SchulzeStrengths) -> [String] {
        func matrix(_ title: String, _ values: [[Int]]) -> [String] {
            var rows = [[title] + m.candidates]
            for (i, c) in m.candidates.enumerated() {
                rows.append([c] + values[i].enumerated().map { $0.offset == i ? "—" : String($0.element) })
            }
            return table(rows, rightAligned: Set(1...m.candidates.count))
        }
        return [tr("pairwise (ballots preferring row over column):")] + matrix("d", m.pairwise).map { "  " + $0 }
            + [tr("strongest paths:")] + matrix("p", m.strongest).map { "  " + $0 }
    }
}

extension MarkdownReport {
    /// Tie-break, tallies, IRV rounds and Schulze strengths under a vote's results table.
    static func voteDetails(_ v: Vote, in s: Session) -> [String] {
        var lines: [String] = []
        if let rule = v.tieBreakApplies {
            lines += [tr("Tie-break: {rule}.", ["rule": tieBreakSentence(rule)]), ""]
        }
        if let d = v.decision {
            lines += [tr("The facilitator chose {idea}: \"{reason}\".",
                         ["idea": d.idea + (s.idea(d.idea).map { " " + escape($0.text) } ?? ""), "reason": escape(d.reason)]), ""]
        }
        if v.anonymous {
            lines += [tr("Ballots were anonymous: this report shows who voted, not how."), ""]
            let voted = v.voterIDs
            if v.status == .closed, !voted.isEmpty {
                lines += [tr("Voted: {names}.", ["names": voted.map { inert(s.displayName($0)) }.joined(separator: ", ")]), ""]
            }
        }
        if !v.tallies.isEmpty {
            lines.append(tr("Show of hands (counted in the results above):"))
            lines.append("")
            for t in v.tallies {
                lines.append("- " + (t.group.map { tr("{group}: ", ["group": groupHeading($0)], context: "a label") } ?? "")
                    + t.counts.map { "\($0.idea) \($0.points)" }.joined(separator: ", "))
            }
            lines.append("")
        }
        let rounds = v.irvRounds
        if !rounds.isEmpty {
            lines += [tr("Instant-runoff rounds:"), ""]
            lines += rounds.map { "1. " + irvRoundText($0) }
            lines.append("")
        }
        if let m = v.schulzeStrengths {
            for (title, values) in [(tr("Pairwise preferences (row over column):"), m.pairwise), (tr("Strongest paths:"), m.strongest)] {
                lines += [title, ""]
                lines.append("| | " + m.candidates.joined(separator: " | ") + " |")
                lines.append("| --- |" + String(repeating: " ---: |", count: m.candidates.count))
                for (i, c) in m.candidates.enumerated() {
                    lines.append("| **\(c)** | " + values[i].enumerated().map { $0.offset == i ? "—" : String($0.element) }
                        .joined(separator: " | ") + " |")
                }
                lines.append("")
            }
        }
        return lines
    }
}

/// `1 late ballot (Ben Okoro) not counted: cast on another laptop before it had seen the close`;
/// nil when there is none.
public func lateBallotsLine(_ v: Vote, in s: Session) -> String? {
    guard !v.late.isEmpty else { return nil }
    guard !v.anonymous else {
        return trn("{n} late ballot not counted: cast on another laptop before it had seen the close",
                   "{n} late ballots not counted: cast on another laptop before it had seen the close", count: v.late.count)
    }
    return trn("{n} late ballot ({names}) not counted: cast on another laptop before it had seen the close",
               "{n} late ballots ({names}) not counted: cast on another laptop before it had seen the close",
               count: v.late.count, ["names": v.late.map { inert(s.displayName($0.by)) }.joined(separator: ", ")])
}

extension JSONExport {
    /// The fields a vote adds beyond `id, method, status, candidates, ballots, results, nonBinding`.
    static func voteExtras(_ v: Vote) -> [(String, JSONValue)] {
        var fields: [(String, JSONValue)] = [
            ("eligible", .int(v.eligible.count)),
            ("turnout", .object([("ballots", .int(v.bindingBallots.count)), ("eligible", .int(v.eligible.count))])),
            ("hideResults", .bool(v.hideResults)),
            ("resultsHidden", .bool(!v.resultsVisible)),
            ("anonymous", .bool(v.anonymous)),
            ("tieBreak", .object([("rule", .string(v.tieBreak.rawValue)),
                                  ("applies", .bool(v.tieBreakApplies != nil)),
                                  ("tied", .array(v.tiedLeaders.map { .string($0) })),
                                  ("decision", v.decision.map { .object([("idea", .string($0.idea)),
                                                                         ("reason", .string($0.reason))]) } ?? .null)])),
            ("runoffOf", .optional(v.runoffOf)),
        ]
        if v.method == .dot {
            fields.append(("dots", .int(v.dotsPerMember)))
            fields.append(("maxPerItem", v.maxPerItem.map { .int($0) } ?? .null))
        }
        if !v.late.isEmpty {
            // Who, unless the vote is anonymous; how, as for any ballot.
            fields.append(("late", .array(v.late.map { b in
                .object([("by", v.anonymous ? .null : .string(b.by)),
                         ("choices", .object(b.choices.map { ($0.idea, .int($0.points)) }))])
            })))
        }
        if !v.tallies.isEmpty {
            fields.append(("tallies", .array(v.tallies.map { t in
                .object([("group", .optional(t.group?.rawValue)),
                         ("counts", .object(t.counts.map { ($0.idea, .int($0.points)) }))])
            })))
        }
        if v.resultsVisible, v.method == .irv {
            fields.append(("rounds", .array(v.irvRounds.map(irvRound))))
        }
        if v.resultsVisible, let m = v.schulzeStrengths {
            func matrix(_ values: [[Int]]) -> JSONValue {
                .object(m.candidates.enumerated().map { i, c in
                    (c, .object(m.candidates.enumerated().filter { $0.offset != i }.map { ($0.element, .int(values[i][$0.offset])) }))
                })
            }
            fields.append(("pairwise", .object([("preferences", matrix(m.pairwise)), ("strongestPaths", matrix(m.strongest))])))
        }
        return fields
    }

    /// `{votes, exhausted, eliminated, winners, decision, …, why}`: how the round ended in a
    /// word (`decision`), the candidates a tie was among, the round that broke it or the
    /// outcomes that left it standing, and the sentence the screens and reports show.
    static func irvRound(_ r: IRVRound) -> JSONValue {
        let strings = { (ids: [String]) in JSONValue.array(ids.map { .string($0) }) }
        var fields: [(String, JSONValue)] = [
            ("votes", .object(r.votes.map { ($0.idea, .int($0.points)) })),
            ("exhausted", .int(r.exhausted)),
            ("eliminated", strings(r.eliminated)),
            ("winners", strings(r.winners)),
        ]
        switch r.decision {
        case .majority: fields.append(("decision", .string("majority")))
        case .allTied: fields.append(("decision", .string(r.winners.count == 1 ? "majority" : "tied-for-first")))
        case .fewest: fields.append(("decision", .string("fewest")))
        case .together: fields.append(("decision", .string("together")))
        case let .tieBrokenByRound(tied, round):
            fields += [("decision", .string("tie-broken-by-round")), ("tied", strings(tied)), ("brokenByRound", .int(round))]
        case let .tieWithoutEffect(tied):
            fields += [("decision", .string("tie-without-effect")), ("tied", strings(tied))]
        case let .tieUnbroken(tied, outcomes):
            fields += [("decision", .string("tie-unbroken")), ("tied", strings(tied)),
                       ("outcomes", .array(outcomes.map { o in
                           .object([("out", .string(o.out)), ("winners", .object(o.winners.map { ($0.idea, .int($0.points)) }))])
                       }))]
        }
        fields.append(("why", .string(Language.english.speak { irvRoundText(r) })))
        return .object(fields)
    }
}
