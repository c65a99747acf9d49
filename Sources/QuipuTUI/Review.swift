import QuipuCore
import QuipuText

// The reviewer's screens: the home list sorted three ways, a search across every session whose
// hits open the session at the item, and a session's journal as a readable timeline.

/// How the home list is ordered; `o` cycles.
public enum HomeOrder: String, Sendable, CaseIterable {
    case date, initiative, status

    /// The order in words of the screens' language, for `sorted by …` and the home title.
    var name: String {
        switch self {
        case .date: tr("date", context: "the order of the sessions list")
        case .initiative: tr("initiative", context: "the order of the sessions list")
        case .status: tr("status", context: "the order of the sessions list")
        }
    }

    var next: HomeOrder {
        let all = HomeOrder.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// One row of the home list: a session, or a journal that could not be read.
enum HomeRow: Equatable, Sendable {
    case session(SessionSummary)
    case damaged(SessionDamage)

    var id: String {
        switch self {
        case .session(let s): s.id
        case .damaged(let d): d.id
        }
    }

    var date: String {
        switch self {
        case .session(let s): s.date
        case .damaged(let d): d.date
        }
    }

    var summary: SessionSummary? {
        if case .session(let s) = self { return s }
        return nil
    }

    var damage: SessionDamage? {
        if case .damaged(let d) = self { return d }
        return nil
    }
}

struct ReviewState: Equatable, Sendable {
    var order: HomeOrder = .date
    /// Why a damaged journal is not opened, shown on home in place of the list after Enter.
    var damageShown: SessionDamage?
    /// The `s` prompt on home, while typing.
    var searchInput: TextField?
    /// The last search's text and hits, shown on home in place of the list until Esc.
    var search: SearchShown?
    var hitSelection = 0
    /// Where to land when the session being opened arrives: its tab and the item to select.
    var pendingFocus: PendingFocus?
    /// The timeline view over the session screen, once the run loop has built it.
    var timeline: TimelineState?
}

struct SearchShown: Equatable, Sendable {
    var query: String
    var hits: [SearchHit]
}

struct PendingFocus: Equatable, Sendable {
    var session: String
    var tab: Tab
    var item: String?
}

struct TimelineState: Equatable, Sendable {
    var entries: [TimelineEntry] {
        didSet { visible = Self.shown(entries, kind) }
    }
    /// nil: every kind.
    var kind: TimelineEntry.Kind? {
        didSet { visible = Self.shown(entries, kind) }
    }
    var scroll = 0

    /// The entries of `kind`, kept up to date as it changes rather than filtered on every frame.
    private(set) var visible: [TimelineEntry]

    init(entries: [TimelineEntry], kind: TimelineEntry.Kind? = nil) {
        self.entries = entries
        self.kind = kind
        visible = Self.shown(entries, kind)
    }

    private static func shown(_ entries: [TimelineEntry], _ kind: TimelineEntry.Kind?) -> [TimelineEntry] {
        kind.map { k in entries.filter { $0.kind == k } } ?? entries
    }

    /// Kinds present in this journal, in a fixed order, for `f` to cycle through.
    var kinds: [TimelineEntry.Kind] { TimelineEntry.Kind.allCases.filter { k in entries.contains { $0.kind == k } } }
}

extension AppModel {
    // MARK: - Fed back by the run loop

    /// The hits of a search across every session, shown on home.
    mutating func showSearchResults(_ query: String, _ hits: [SearchHit]) {
        guard screen == .home else { return }
        review.search = SearchShown(query: query, hits: hits)
        review.hitSelection = 0
        message = Message(text: hits.isEmpty ? tr("nothing matches \"{query}\"", ["query": query])
                                             : tr("Enter opens the session at the selected match"),
                          isError: false)
    }

    /// The session's journal as history, for the `t` view.
    mutating func showTimeline(_ entries: [TimelineEntry]) {
        guard screen == .session else { return }
        review.timeline = TimelineState(entries: entries)
        message = nil
    }

    /// The search hit being opened, if any, lands on its tab with its item selected.
    mutating func applyPendingFocus() {
        guard let focus = review.pendingFocus, let s = log?.state, focus.session == s.id else {
            review.pendingFocus = nil
            return
        }
        review.pendingFocus = nil
        tab = focus.tab
        if let item = focus.item, rowIDs(focus.tab).contains(item) {
            selection[focus.tab] = item
            message = Message(text: tr("found {item} on the {tab} tab", ["item": item, "tab": focus.tab.title]), isError: false)
        }
    }

    // MARK: - Keys

    /// Keys for the search prompt, the hit list and the timeline; nil when none of them is up.
    mutating func handleReview(_ key: Key) -> [Effect]? {
        if screen == .session, review.timeline != nil { return handleTimeline(key) }
        guard screen == .home else { return nil }
        if review.damageShown != nil {
            // Any key goes back to the list; r (read the folder again), q and ? also do their own.
            review.damageShown = nil
            return [.char("r"), .ctrl("r"), .char("q"), .char("?")].contains(key) ? nil : []
        }
        if var input = review.searchInput {
            switch input.handle(key) {
            case .confirmed:
                review.searchInput = nil
                let query = input.text.trimmed
                return query.isEmpty ? [] : [.search(query)]
            case .cancelled: review.searchInput = nil
            case .editing, .ignored: review.searchInput = input
            }
            return []
        }
        guard let search = review.search else { return nil }
        switch key {
        case .up, .char("k"): review.hitSelection = max(0, review.hitSelection - 1)
        case .down, .char("j"): review.hitSelection = min(max(0, search.hits.count - 1), review.hitSelection + 1)
        case .pageUp: review.hitSelection = max(0, review.hitSelection - 10)
        case .pageDown: review.hitSelection = min(max(0, search.hits.count - 1), review.hitSelection + 10)
        case .home: review.hitSelection = 0
        case .end: review.hitSelection = max(0, search.hits.count - 1)
        case .enter:
            guard search.hits.indices.contains(review.hitSelection) else { return [] }
            let hit = search.hits[review.hitSelection]
            review.pendingFocus = PendingFocus(session: hit.sessionID, tab: Self.tab(for: hit.kind), item: hit.kind == .role ? nil : hit.item)
            return [.openSession(hit.sessionID)]
        case .escape, .char("q"):
            review.search = nil
            message = nil
        case .char("s"), .char("/"):
            review.searchInput = TextField(search.query)
        case .char("?"): return nil
        default: break
        }
        return []
    }

    /// Enter on a home row: a session opens; a damaged journal is not opened, not even
    /// read-only (the part before the damage would pass for the whole session), and the screen
    /// says why and how to mend it.
    mutating func open(_ row: HomeRow) -> [Effect] {
        switch row {
        case .session(let s): return [.openSession(s.id)]
        case .damaged(let d):
            review.damageShown = d
            message = nil
            return []
        }
    }

    /// Home keys of the review: `s` searches every session, `o` changes the order.
    mutating func handleHomeReviewKey(_ key: Key) -> Bool {
        switch key {
        case .char("s"):
            review.searchInput = TextField(review.search?.query ?? "")
        case .char("o"):
            review.order = review.order.next
            message = Message(text: tr("sorted by {order}", ["order": review.order.name]), isError: false)
        default:
            return false
        }
        return true
    }

    private mutating func handleTimeline(_ key: Key) -> [Effect] {
        guard var t = review.timeline else { return [] }
        let count = t.visible.count
        switch key {
        case .up, .char("k"): t.scroll -= 1
        case .down, .char("j"): t.scroll += 1
        case .pageUp: t.scroll -= 10
        case .pageDown, .char(" "): t.scroll += 10
        case .home, .char("g"): t.scroll = 0
        case .end, .char("G"): t.scroll = count
        case .char("f"):
            let kinds = t.kinds
            if let current = t.kind, let i = kinds.firstIndex(of: current) {
                t.kind = i + 1 < kinds.count ? kinds[i + 1] : nil
            } else {
                t.kind = kinds.first
            }
            t.scroll = 0
        case .char("F"):
            t.kind = nil
            t.scroll = 0
        case .escape, .char("q"), .char("t"):
            review.timeline = nil
            return []
        case .char("?"):
            overlay = .help
        default: break
        }
        t.scroll = max(0, min(t.scroll, max(0, t.visible.count - 1)))
        review.timeline = t
        return []
    }

    static func tab(for kind: SearchHit.Kind) -> Tab {
        switch kind {
        case .session: .agenda
        case .participant: .participants
        case .idea, .note: .ideas
        case .role, .action: .workplan
        }
    }

    /// The sessions list in the chosen order: newest first; or by initiative (A–Z, newest first
    /// within one; a damaged journal by its id); or by status (damaged, which needs a person
    /// first, then running, planned, closed; newest first within one).
    func ordered(_ rows: [HomeRow]) -> [HomeRow] {
        func newest(_ a: HomeRow, _ b: HomeRow) -> Bool { (a.date, a.id) > (b.date, b.id) }
        switch review.order {
        case .date: return rows.sorted(by: newest)
        case .initiative:
            func name(_ row: HomeRow) -> String {
                guard let s = row.summary else { return row.id }
                return (s.initiative.isEmpty ? s.title : s.initiative).lowercased()
            }
            return rows.sorted { a, b in
                let (ia, ib) = (name(a), name(b))
                return ia != ib ? ia < ib : newest(a, b)
            }
        case .status:
            let rank: [SessionStatus: Int] = [.running: 1, .planned: 2, .closed: 3]
            func place(_ row: HomeRow) -> Int { row.summary.map { rank[$0.status, default: 4] } ?? 0 }
            return rows.sorted { a, b in
                let (pa, pb) = (place(a), place(b))
                return pa != pb ? pa < pb : newest(a, b)
            }
        }
    }

    // MARK: - Views

    /// Why the damaged journal chosen with Enter is not opened, in place of the sessions list.
    func drawDamageShown(in area: Area, into buffer: inout CellBuffer) -> Bool {
        guard let d = review.damageShown, screen == .home else { return false }
        let width = area.width - 4
        var y = area.y + 1
        func say(_ text: String, style: Style = .plain, indent: Int = 2) {
            for line in wrap(text, width: width - indent + 2) where y < area.y + area.height {
                buffer.put(line, x: indent, y: y, style: style)
                y += 1
            }
        }
        say(tr("{id} cannot be opened: its journal is damaged.", ["id": d.id]), style: Styles.key)
        y += 1
        say(d.problem, style: Styles.error, indent: 4)
        y += 1
        say(tr("Quipu reads a journal whole or not at all: the part before the damage would look like the whole session, without the clock, ideas, votes and actions written after it. Nothing has been changed."))
        y += 1
        say(tr("Fix that line in an editor (quipu check {id} shows it), then press r to read the folder again.", ["id": d.id]))
        return true
    }

    /// The hits of the last search in place of the sessions list.
    func drawSearchResults(into buffer: inout CellBuffer) -> Bool {
        guard let search = review.search, screen == .home else { return false }
        let sessions = Set(search.hits.map(\.sessionID)).count
        let count = sessions == 1
            ? trn("{n} match in 1 session", "{n} matches in 1 session", count: search.hits.count)
            : trn("{n} match in {sessions} sessions", "{n} matches in {sessions} sessions", count: search.hits.count,
                  ["sessions": sessions])
        buffer.bar(y: 0, left: " " + tr("Quipu · search \"{query}\"", ["query": search.query]), right: count + " ",
                   style: Styles.titleBar)
        let area = Area(x: 0, y: 2, width: buffer.width, height: buffer.height - 4)
        guard !search.hits.isEmpty else {
            buffer.putTruncated(tr("Nothing in any session matches \"{query}\".", ["query": search.query]), x: 2, y: area.y + 1,
                                width: buffer.width - 3)
            buffer.put(tr("s searches again · Esc returns to the sessions"), x: 2, y: area.y + 3, style: Styles.muted,
                       maxWidth: buffer.width - 3)
            return true
        }
        let columns = [
            Column(title: tr("Date", context: "a column"), width: 10), Column(title: tr("Session", context: "a column"), width: 10, flex: 1),
            Column(title: tr("Kind", context: "a column"), width: 11),
            Column(title: tr("ID", context: "a column"), width: idColumnWidth(search.hits.lazy.map { $0.item ?? "" })),
            Column(title: tr("Match", context: "a column"), width: 12, flex: 3),
        ]
        buffer.table(columns, count: search.hits.count, row: { index in
            let h = search.hits[index]
            return TableRow(cells: [h.date, h.initiative.isEmpty ? h.sessionTitle : h.initiative, searchKindName(h.kind),
                                    h.kind == .role ? "" : h.item ?? "", h.text])
        }, selected: review.hitSelection, in: area)
        return true
    }

    /// The session's journal, newest at the bottom, over the whole screen below the title.
    func drawTimeline(_ session: Session, into buffer: inout CellBuffer) -> Bool {
        guard let t = review.timeline, screen == .session else { return false }
        let shown = t.visible
        let kind = t.kind.map { tr("only {kind}", ["kind": timelineKindName($0)]) } ?? tr("all events")
        buffer.bar(y: 0, left: " " + tr("{title} · timeline", ["title": session.title]),
                   right: "\(formatNumber(shown.count)) · \(kind) ", style: Styles.titleBar)
        let area = Area(x: 0, y: 1, width: buffer.width, height: buffer.height - 3)
        let columns = [
            Column(title: tr("Time (local)", context: "a column"), width: 16), Column(title: tr("Who", context: "a column"), width: 6, flex: 1),
            Column(title: tr("Kind", context: "a column"), width: 8), Column(title: tr("What", context: "a column"), width: 12, flex: 4),
        ]
        // What happened is cut at a word end, never inside one ("(5 pha…").
        let whatWidth = columnWidths(columns, total: area.width)[3]
        buffer.table(columns, count: shown.count, row: { index in
            let e = shown[index]
            return TableRow(cells: [e.localTime, e.who, timelineKindName(e.kind),
                                    truncateAtWord(e.undone ? tr("{what} (undone)", ["what": e.text]) : e.text, toWidth: whatWidth)],
                            style: e.undone ? Styles.muted : .plain)
        }, selected: shown.isEmpty ? nil : t.scroll, in: area)
        buffer.bar(y: buffer.height - 1,
                   left: " " + fitFooter(tr("↑↓ PgUp PgDn scroll · f kind ({kind}) · F all · Esc/t back", ["kind": kind]),
                                         width: buffer.width - 2),
                   style: Styles.footer)
        return true
    }

    /// The `s` prompt on home, drawn on the message line. Returns the cursor.
    func drawSearchPrompt(into buffer: inout CellBuffer) -> (x: Int, y: Int)? {
        guard let input = review.searchInput, screen == .home else { return nil }
        let y = buffer.height - 2
        buffer.fill(x: 0, y: y, width: buffer.width, height: 1)
        let label = " " + tr("Search every session:") + " "
        buffer.put(label, x: 0, y: y, style: Styles.key)
        let x = displayWidth(label)
        let (text, column) = input.visible(width: buffer.width - x - 1)
        if !input.isEmpty { buffer.put(text, x: x, y: y, style: .plain.underline(), maxWidth: buffer.width - x - 1) }
        buffer.bar(y: buffer.height - 1, left: " " + fitFooter(tr("type words · Enter search · Esc cancel"), width: buffer.width - 2),
                   style: Styles.footer)
        return (x + column, y)
    }
}

/// A search hit's kind in words of the screens' language.
func searchKindName(_ kind: SearchHit.Kind) -> String {
    switch kind {
    case .session: tr("session", context: "a kind of search hit")
    case .participant: tr("participant", context: "a kind of search hit")
    case .idea: tr("idea", context: "a kind of search hit")
    case .note: tr("note", context: "a kind of search hit")
    case .role: tr("role", context: "a kind of search hit")
    case .action: tr("action", context: "a kind of search hit")
    }
}

/// A timeline entry's kind in words of the screens' language.
func timelineKindName(_ kind: TimelineEntry.Kind) -> String {
    switch kind {
    case .clock: tr("clock", context: "a kind of timeline entry")
    case .people: tr("people", context: "a kind of timeline entry")
    case .ideas: tr("ideas", context: "a kind of timeline entry")
    case .votes: tr("votes", context: "a kind of timeline entry")
    case .workplan: tr("workplan", context: "a kind of timeline entry")
    case .session: tr("session", context: "a kind of timeline entry")
    case .undo: tr("undo", context: "a kind of timeline entry")
    case .other: tr("other", context: "a kind of timeline entry")
    }
}
