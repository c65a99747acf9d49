import QuipuCore
import QuipuText

/// The colours of the HTML pages. Each passes WCAG AA against white: text 4.5:1, the marks of a
/// chart 3:1 (HTMLReportTests measures them). No chart says anything by colour alone: every bar
/// carries its number, observers' bars and overruns are hatched, ties and eliminations are
/// written out.
public enum Palette {
    public static let ink = "#1a1a1a"
    public static let muted = "#4d4d4d"
    /// Members' (binding) bars and the actual time.
    public static let members = "#1f4e79"
    /// Observers' (non-binding) bars: hatched.
    public static let observers = "#7a4100"
    /// Time over plan, and overdue actions: hatched in charts, the word written in tables.
    public static let over = "#b3261e"
    /// The planned time's outline, rules and grid lines.
    public static let rule = "#595959"
    /// The background of a grid cell where the row wins the pair: a tint under dark text.
    public static let tint = "#dce6f2"
    public static let background = "#ffffff"
}

/// The charts of the HTML pages: small pure functions from numbers to inline SVG, each with its
/// numbers written beside its marks and a `<title>` naming it for screen readers. Golden files
/// in Tests/QuipuReportsTests/Golden/ hold them to their drawing.
public enum Charts {
    /// One bar of a vote's results.
    public struct Bar: Equatable, Sendable {
        /// What the bar is for: `I3 Community water committees`.
        public var label: String
        public var value: Int
        /// Shared places are ties (1, 1, 3): the rank is written `=1` for each of them.
        public var rank: Int
        public var tied: Bool
        /// Words after the number: `tied for first`, `chosen by the facilitator`.
        public var note: String
        public init(label: String, value: Int, rank: Int, tied: Bool = false, note: String = "") {
            self.label = label
            self.value = value
            self.rank = rank
            self.tied = tied
            self.note = note
        }
    }

    public enum BarStyle: Sendable { case solid, hatched }

    /// A vote's results as horizontal bars, one a candidate in rank order: the rank and the
    /// candidate above each bar, the number (with `unit`) and any note after it. `scale` is the
    /// value a full bar stands for, so two charts side by side (members, observers) compare.
    /// `id` makes the chart's pattern unique in its page.
    public static func bars(_ bars: [Bar], title: String, unit: (Int) -> String, scale: Int, style: BarStyle,
                            id: String) -> Markup {
        let width = 420, row = 36, full = 260
        let height = max(1, bars.count) * row + 4
        var marks: [Markup] = [svgTitle(title)]
        let pattern = "\(safeID(id))-hatch"
        if style == .hatched { marks.append(hatch(pattern, colour: Palette.observers)) }
        for (i, bar) in bars.enumerated() {
            let y = i * row
            let rank = bar.tied ? "=\(bar.rank)" : "\(bar.rank)"
            marks.append(svgText(x: 0, y: y + 13, truncate("\(rank). \(bar.label)", toWidth: 58), size: 11, weight: bar.rank == 1))
            let length = scale > 0 ? bar.value * full / scale : 0
            if length > 0 {
                marks.append(style == .solid
                    ? rect(x: 0, y: y + 18, width: length, height: 12, fill: Palette.members)
                    : rect(x: 0, y: y + 18, width: length, height: 12, fill: "url(#\(pattern))", stroke: Palette.observers))
            }
            let words = unit(bar.value) + (bar.note.isEmpty ? "" : " · " + bar.note)
            marks.append(svgText(x: length + 6, y: y + 28, words, size: 11))
        }
        if bars.isEmpty { marks.append(svgText(x: 0, y: 14, tr("No candidates."), size: 11)) }
        return svg(width: width, height: height, label: title, marks)
    }

    /// Instant-runoff rounds as a grid: a row a candidate, a column a round, each cell a small
    /// bar with the candidate's votes; `out` where the candidate went out, `wins` or `tied`
    /// in the last round. Exhausted ballots on a last row when any.
    public static func irvRounds(_ rounds: [IRVRound], candidates: [String], title: String, id: String) -> Markup {
        let labelWidth = 48, column = 96, row = 24, top = 22, barMax = 48
        let exhausted = rounds.contains { $0.exhausted > 0 }
        let rows = candidates.count + (exhausted ? 1 : 0)
        let width = labelWidth + max(1, rounds.count) * column
        let height = top + rows * row + 4
        let most = rounds.flatMap { $0.votes.map(\.points) }.max() ?? 0
        let pattern = "\(safeID(id))-out"
        var marks: [Markup] = [svgTitle(title), hatch(pattern, colour: Palette.over)]
        for (r, round) in rounds.enumerated() {
            let x = labelWidth + r * column
            marks.append(svgText(x: x, y: 14, tr("Round {n}", ["n": r + 1]), size: 11, weight: true))
            for (c, candidate) in candidates.enumerated() {
                guard let votes = round.votes.first(where: { $0.idea == candidate })?.points else { continue }
                let y = top + c * row
                let length = most > 0 ? votes * barMax / most : 0
                let out = round.eliminated.contains(candidate)
                let won = r == rounds.count - 1 && round.winners.contains(candidate)
                if length > 0 {
                    marks.append(out
                        ? rect(x: x, y: y + 4, width: length, height: 12, fill: "url(#\(pattern))", stroke: Palette.over)
                        : rect(x: x, y: y + 4, width: length, height: 12, fill: Palette.members))
                }
                let words = out ? tr("{n} out", ["n": votes], context: "a chart's IRV cell")
                    : won ? (round.winners.count == 1 ? tr("{n} wins", ["n": votes], context: "a chart's IRV cell")
                                                      : tr("{n} tied", ["n": votes], context: "a chart's IRV cell"))
                    : formatNumber(votes)
                marks.append(svgText(x: x + length + 4, y: y + 14, words, size: 11, weight: won))
            }
            if exhausted {
                marks.append(svgText(x: x, y: top + candidates.count * row + 14, "\(round.exhausted)", size: 11))
            }
        }
        for (c, candidate) in candidates.enumerated() {
            marks.append(svgText(x: 0, y: top + c * row + 14, candidate, size: 11, weight: true))
        }
        if exhausted { marks.append(svgText(x: 0, y: top + candidates.count * row + 14, tr("exhausted", context: "ballots"), size: 10)) }
        return svg(width: width, height: height, label: title, marks)
    }

    /// A square matrix (Schulze's pairwise preferences or strongest paths), rows over columns:
    /// the number in each cell, a dash on the diagonal, and where the row beats the column
    /// (its number is larger than the mirror cell's) the cell tinted and its number bold.
    public static func grid(_ values: [[Int]], candidates: [String], title: String) -> Markup {
        let cell = 34, head = 40
        let size = head + candidates.count * cell + 2
        var marks: [Markup] = [svgTitle(title)]
        for (i, c) in candidates.enumerated() {
            marks.append(svgText(x: head + i * cell + cell / 2, y: head - 10, c, size: 11, weight: true, anchor: "middle"))
            marks.append(svgText(x: head - 6, y: head + i * cell + cell / 2 + 4, c, size: 11, weight: true, anchor: "end"))
        }
        for i in candidates.indices {
            for j in candidates.indices {
                let x = head + j * cell, y = head + i * cell
                let wins = i != j && values[i][j] > values[j][i]
                marks.append(rect(x: x, y: y, width: cell, height: cell, fill: wins ? Palette.tint : Palette.background,
                                  stroke: Palette.rule))
                marks.append(svgText(x: x + cell / 2, y: y + cell / 2 + 4, i == j ? "—" : "\(values[i][j])", size: 12,
                                     weight: wins, anchor: "middle"))
            }
        }
        return svg(width: size, height: size, label: title, marks)
    }

    /// One phase of the agenda: its name, planned and actual time.
    public struct Phase: Equatable, Sendable {
        public var name: String
        public var planned: Int64
        public var actual: Int64
        public init(name: String, planned: Int64, actual: Int64) {
            self.name = name
            self.planned = planned
            self.actual = actual
        }
    }

    /// The agenda as a timeline, planned against actual: a row a phase, with the planned time
    /// as an outlined bar from where the plan had it start and the actual time as a solid bar
    /// from where it did start; time past the plan is hatched in the second colour and its
    /// length written out. An axis in minutes below.
    public static func agenda(_ phases: [Phase], title: String, id: String) -> Markup {
        let labelWidth = 230, track = 400, row = 44, top = 26
        let width = labelWidth + track + 10
        let plannedEnd = phases.reduce(0) { $0 + $1.planned }
        let actualEnd = phases.reduce(0) { $0 + $1.actual }
        let span = max(60, plannedEnd, actualEnd)
        func x(_ seconds: Int64) -> Int { labelWidth + Int(seconds * Int64(track) / span) }
        let pattern = "\(safeID(id))-over"
        var marks: [Markup] = [svgTitle(title), hatch(pattern, colour: Palette.over)]
        // The legend, so the page needs no colour to be read.
        marks.append(rect(x: labelWidth, y: 4, width: 18, height: 10, fill: Palette.background, stroke: Palette.rule))
        marks.append(svgText(x: labelWidth + 22, y: 13, tr("planned", context: "a chart legend"), size: 11))
        marks.append(rect(x: labelWidth + 90, y: 4, width: 18, height: 10, fill: Palette.members))
        marks.append(svgText(x: labelWidth + 112, y: 13, tr("actual", context: "a chart legend"), size: 11))
        marks.append(rect(x: labelWidth + 170, y: 4, width: 18, height: 10, fill: "url(#\(pattern))", stroke: Palette.over))
        marks.append(svgText(x: labelWidth + 192, y: 13, tr("over plan", context: "a chart legend"), size: 11))
        var plannedStart: Int64 = 0, actualStart: Int64 = 0
        for (i, p) in phases.enumerated() {
            let y = top + i * row
            marks.append(svgText(x: 0, y: y + 14, truncate("\(i + 1). \(p.name)", toWidth: 36), size: 12, weight: true))
            let over = p.actual - p.planned
            let times: [String: any MessageValue] = ["planned": clockText(seconds: p.planned), "actual": clockText(seconds: p.actual),
                                                     "over": clockText(seconds: abs(over))]
            let detail = over > 0 ? tr("{planned} planned · {actual} actual (+{over} over)", times)
                : over < 0 ? tr("{planned} planned · {actual} actual ({over} under)", times)
                : tr("{planned} planned · {actual} actual", times)
            marks.append(svgText(x: 0, y: y + 30, detail, size: 10))
            marks.append(rect(x: x(plannedStart), y: y + 4, width: max(1, x(plannedStart + p.planned) - x(plannedStart)),
                              height: 14, fill: Palette.background, stroke: Palette.rule))
            let onPlan = min(p.actual, p.planned)
            if p.actual > 0 {
                marks.append(rect(x: x(actualStart), y: y + 20, width: max(1, x(actualStart + onPlan) - x(actualStart)),
                                  height: 14, fill: Palette.members))
            }
            if over > 0 {
                marks.append(rect(x: x(actualStart + onPlan), y: y + 20,
                                  width: max(1, x(actualStart + p.actual) - x(actualStart + onPlan)), height: 14,
                                  fill: "url(#\(pattern))", stroke: Palette.over))
            }
            plannedStart += p.planned
            actualStart += p.actual
        }
        let axis = top + phases.count * row + 2
        marks.append(line(x1: labelWidth, y1: axis, x2: labelWidth + track, y2: axis))
        let minutes = span / 60
        // At most eight labelled ticks, however long the session ran (a clock left running for
        // days must not print thousands of labels).
        let nice: [Int64] = [5, 15, 30, 60, 120, 240, 480, 720, 1440]
        var step = nice.first { minutes / $0 <= 8 } ?? 1440
        while minutes / step > 8 { step *= 2 }
        var tick: Int64 = 0
        while tick <= minutes {
            let tx = x(tick * 60)
            marks.append(line(x1: tx, y1: axis, x2: tx, y2: axis + 4))
            marks.append(svgText(x: tx, y: axis + 16, tick == 0 ? "0 min" : "\(tick)", size: 10, anchor: "middle"))
            tick += step
        }
        return svg(width: width, height: axis + 22, label: title, marks)
    }

    // MARK: Pieces

    static func svg(width: Int, height: Int, label: String, _ marks: [Markup]) -> Markup {
        .element("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(width) \(height)"),
                         ("width", "\(width)"), ("height", "\(height)"), ("role", "img"), ("aria-label", label)],
                 [.literal("\n") + .lines(marks) + .literal("\n")])
    }

    static func svgTitle(_ title: String) -> Markup { .element("title", [], [.text(title)]) }

    static func svgText(x: Int, y: Int, _ text: String, size: Int = 12, weight bold: Bool = false,
                        anchor: String = "start") -> Markup {
        var attributes: [(String, String)] = [("x", "\(x)"), ("y", "\(y)"), ("font-size", "\(size)")]
        if bold { attributes.append(("font-weight", "bold")) }
        if anchor != "start" { attributes.append(("text-anchor", anchor)) }
        attributes.append(("fill", Palette.ink))
        return .element("text", attributes, [.text(text)])
    }

    static func rect(x: Int, y: Int, width: Int, height: Int, fill: String, stroke: String? = nil) -> Markup {
        var attributes: [(String, String)] = [("x", "\(x)"), ("y", "\(y)"), ("width", "\(width)"),
                                                     ("height", "\(height)"), ("fill", fill)]
        if let stroke { attributes.append(("stroke", stroke)) }
        return .element("rect", attributes)
    }

    static func line(x1: Int, y1: Int, x2: Int, y2: Int) -> Markup {
        .element("line", [("x1", "\(x1)"), ("y1", "\(y1)"), ("x2", "\(x2)"), ("y2", "\(y2)"), ("stroke", Palette.rule)])
    }

    /// Diagonal hatching in `colour`, for marks that must read apart from the solid ones in grey.
    static func hatch(_ id: String, colour: String) -> Markup {
        .element("defs", [], [.element("pattern", [("id", id), ("width", "6"), ("height", "6"),
                                                   ("patternUnits", "userSpaceOnUse"), ("patternTransform", "rotate(45)")],
                                       [.element("rect", [("width", "6"), ("height", "6"), ("fill", Palette.background)]),
                                        .element("line", [("x1", "0"), ("y1", "0"), ("x2", "0"), ("y2", "6"),
                                                          ("stroke", colour), ("stroke-width", "3")])])])
    }

    /// Letters, digits and `-` only: ids of patterns are made from vote and session ids.
    static func safeID(_ s: String) -> String {
        String(s.unicodeScalars.map { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) ? Character($0) : "-" })
    }
}
