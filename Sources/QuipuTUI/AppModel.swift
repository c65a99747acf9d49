import QuipuCore
import QuipuText

/// What the run loop is asked to do after a key. The model never does it itself.
public enum Effect: Equatable, Sendable {
    /// Decide and append a command on the open session.
    case perform(Command)
    case openSession(String)
    case createSession(NewSession)
    /// Read the sessions list again and show home (also: leave the open session).
    case reloadList
    /// Carry the open actions of the latest earlier session of the same initiative into this one.
    case carryOver
    /// Search every session in the folder; the hits come back through `showSearchResults`.
    case search(String)
    /// Build the open session's timeline; it comes back through `showTimeline`.
    case timeline
    case quit
    /// Ring and flash: a clock warning.
    case bell
    /// Drop a change still waiting to be saved (its `UnsavedChange.number`): it is not written.
    case cancelUnsaved(Int)
    /// Append the changes of a recovery file (`<id>.txt.unsaved-N`) to the open session.
    case applyRecovery(String)
    /// Who is at this terminal's keyboard from now on (`W`): recorded with its next change.
    case setWriterName(String)
    /// `quipu sync` on the folder (`S`): its outcome comes back in the status line.
    case sync
}

/// A change the disk (or a journal changed outside Quipu) has not taken yet: kept by the run
/// loop, retried in order, listed with `!`, and cancellable one by one.
public struct UnsavedChange: Equatable, Sendable {
    /// Names it for `cancelUnsaved`; never reused while Quipu runs.
    public var number: Int
    public var session: String
    /// What it does, in words: `add idea "Agua para todos"`.
    public var summary: String
    /// Why it is not saved yet, the last time it was tried.
    public var reason: String

    public init(number: Int, session: String, summary: String, reason: String) {
        self.number = number
        self.session = session
        self.summary = summary
        self.reason = reason
    }
}

/// One drawn screen and where the cursor goes (nil hides it).
public struct Frame {
    public var buffer: CellBuffer
    public var cursor: (x: Int, y: Int)?

    public init(buffer: CellBuffer, cursor: (x: Int, y: Int)? = nil) {
        self.buffer = buffer
        self.cursor = cursor
    }
}

public enum Tab: Int, CaseIterable, Sendable {
    case agenda = 1, ideas, participants, vote, workplan, report

    public var title: String {
        switch self {
        case .agenda: tr("Agenda", context: "a tab")
        case .ideas: tr("Ideas", context: "a tab")
        case .participants: tr("Participants", context: "a tab")
        case .vote: tr("Vote", context: "a tab")
        case .workplan: tr("Workplan", context: "a tab")
        case .report: tr("Report", context: "a tab")
        }
    }

    /// Tabs whose list `/` filters.
    var isFilterable: Bool { self == .ideas || self == .participants || self == .workplan }
}

/// The whole screen state, Elm-style: keys go in through `handle`, effects come out as values,
/// and `render` is a pure function of the state and the moment.
public struct AppModel: Equatable, Sendable {
    public enum Screen: Equatable, Sendable { case home, session }
    enum Overlay: Equatable, Sendable { case help, projector, unsaved }
    struct Message: Equatable, Sendable {
        var text: String
        var isError: Bool
    }

    public private(set) var screen: Screen = .home
    public internal(set) var tab: Tab = .agenda
    public private(set) var log: SessionLog? {
        didSet { memos.logVersion = newLogVersion() }
    }
    /// The memos of derived lists and the versions that key them (Fast/DerivedRows.swift): an
    /// acceleration outside the model's value.
    private var memos = Memos()
    /// Names the current `log` value for the memos.
    var logVersion: UInt64 { memos.logVersion }
    var derived: DerivedRows { memos.rows }
    var readOnly = false
    /// Changes the disk refused, kept by the run loop and retried: the header says UNSAVED and
    /// `!` lists them.
    public internal(set) var unsaved: [UnsavedChange] = [] {
        didSet { unsavedSelection = min(unsavedSelection, max(0, unsaved.count - 1)) }
    }
    public var unsavedChanges: Int { unsaved.count }
    var unsavedSelection = 0
    var summaries: [SessionSummary] = [] {
        didSet { memos.summariesVersion = newLogVersion() }
    }
    /// Journals of the folder that could not be read: rows of their own (Review.swift).
    var damaged: [SessionDamage] = [] {
        didSet { memos.summariesVersion = newLogVersion() }
    }
    var summariesVersion: UInt64 { memos.summariesVersion }
    var homeSelection: String?
    var homeFilter = ""
    /// The selected row of each tab, by id, so it stays put when others add rows.
    var selection: [Tab: String] = [:]
    var filters: [Tab: String] = [:]
    var reportScroll = 0
    var overlay: Overlay? {
        didSet { if overlay != .help { helpPage = 0 } }
    }
    /// The page of help shown (it has more keys than fit at 80×24).
    var helpPage = 0
    var form: Form?
    /// A submitted form waits here for the outcome: saved closes it, an error leaves it open
    /// with the text as typed, so nothing typed is lost to a refusal.
    var formPending = false
    /// A question answered yes is being saved: the rows it adds are selected, like a form's.
    var confirmedPending = false
    /// The item an edit form is changing, as it was when the form opened (or when the person
    /// last saw another terminal's change to it): a save over a change made meanwhile asks first.
    var editedWas: EditedItem?
    var confirmation: Confirmation?
    var filterInput: TextField?
    var message: Message?
    /// The Ideas tab shows only this kind when set (`f` cycles it).
    var ideaKindFilter: IdeaKind?
    /// The Vote tab lists the ballots entered instead of the results (`b` switches).
    var voteShowsBallots = false
    /// Sorting, searching and the timeline (Review.swift).
    var review = ReviewState()
    /// `--quiet`: no clock warnings at all (no bell, flash or words).
    public var quiet = false
    /// This terminal's writer id and who is at its keyboard (`Msg.writer`): so that another
    /// terminal's undo is told, and `W` shows the name.
    var writerID: String?
    var writerName: String?
    /// The local time zone's offset from UTC, for the wall-clock times the header shows (the
    /// model keeps no clock or zone of its own).
    public var utcOffsetSeconds = 0
    /// Warnings given by this screen (keys as `ClockWarning.key`), so a read-only screen, or a
    /// journal append that failed, still rings only once.
    var warnedHere: Set<String> = []
    /// A warning just fired: the header shows it inverted until then.
    var flashUntil: Timestamp?

    /// The terminal's size as last told (`Msg.resized`); nil until then (tests that never say).
    var size: Size?
    struct Size: Equatable, Sendable {
        var width: Int, height: Int
    }

    public init() {}

    // MARK: - Fed back by the run loop

    mutating func showHome(_ summaries: [SessionSummary], damaged: [SessionDamage] = []) {
        screen = .home
        log = nil
        self.summaries = summaries
        self.damaged = damaged
        overlay = nil
        form = nil
        confirmation = nil
        filterInput = nil
        review.timeline = nil
    }

    mutating func showSession(_ log: SessionLog, readOnly: Bool) {
        if screen != .session || self.log?.state.id != log.state.id { message = nil }
        screen = .session
        self.log = log
        self.readOnly = readOnly
        tab = .agenda
        selection = [:]
        filters = [:]
        reportScroll = 0
        overlay = nil
        form = nil
        confirmation = nil
        filterInput = nil
        warnedHere = []
        flashUntil = nil
        review.timeline = nil
        applyPendingFocus()
    }

    /// After an append, or another writer's change. Selections are ids, so they stay on the
    /// same row even when rows were added above.
    mutating func sessionChanged(_ log: SessionLog) {
        guard screen == .session else { return }
        let before = self.log == nil ? nil : Set(rowIDs(tab))
        if let old = self.log, let told = otherTerminalsUndo(old, log, me: writerID) { message = Message(text: told, isError: false) }
        self.log = log
        // What this screen's form just added is selected, so it scrolls into view; rows added
        // from another terminal leave the selection where it was.
        if formPending || confirmedPending, let before, [.ideas, .participants, .workplan].contains(tab),
           let added = rowIDs(tab).last(where: { !before.contains($0) }) {
            selection[tab] = added
        }
        confirmedPending = false
    }

    mutating func report(error: String) {
        message = Message(text: error, isError: true)
        formPending = false
    }

    mutating func report(saved: String) {
        if !saved.isEmpty { message = Message(text: saved, isError: false) }
        closePendingForm()
    }

    /// A submitted change was queued because the disk (or the file) refused it: the form closes
    /// all the same, so a second Enter cannot queue it twice and nothing typed next joins it.
    mutating func report(unsaved reason: String) {
        message = Message(text: tr("NOT SAVED: {reason} — kept as unsaved ({count}), retrying; ! lists them",
                                   ["reason": reason, "count": unsaved.count]), isError: true)
        closePendingForm()
    }

    /// The changes of an earlier run that were never saved (a recovery file beside the journal):
    /// asks whether to apply them now.
    mutating func offerRecovery(_ path: String, changes: Int) -> [Effect] {
        guard screen == .session, !readOnly else { return [] }
        // Only a form's unsubmitted text: nothing to ask about; it is set aside, and said.
        if changes == 0 { return [.applyRecovery(path)] }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        confirmation = Confirmation(
            question: trn("{n} change from an earlier run was never saved: apply now?",
                          "{n} changes from an earlier run were never saved: apply now?", count: changes),
            effects: [.applyRecovery(path)])
        message = Message(text: tr("kept in {file}; n leaves it for `quipu recover`", ["file": name]), isError: false)
        return []
    }

    /// Text typed into the open form and not submitted (for the recovery file when Quipu must
    /// exit), or nil when the form is empty or closed.
    public var draft: String? {
        guard let form else { return nil }
        let typed = form.fields.filter { !$0.input.text.trimmed.isEmpty }
        guard !typed.isEmpty else { return nil }
        return tr("{form}: {fields}", ["form": form.title,
                                        "fields": typed.map { "\($0.label)=\($0.input.text)" }.joined(separator: "; ")])
    }

    private mutating func closePendingForm() {
        if formPending {
            // Ballots come in a stream: after one is saved the form is ready for the next voter.
            if let form, form.purpose == .castBallot, let vote = log?.state.openVote {
                self.form = .ballot(for: vote)
            } else {
                form = nil
            }
            formPending = false
        }
    }

    /// Called between keys as the clock runs: rings once as a phase crosses 5 and 1 minutes
    /// left, and as the session crosses 10 minutes left — also for a threshold crossed while
    /// Quipu was closed, on opening. A warning given is journalled (`warning.given`) so that it
    /// fires once, not on every redraw nor again in another terminal or after a restart.
    mutating func tick(now: Timestamp) -> [Effect] {
        guard !quiet, screen == .session, let session = log?.state, session.status != .closed,
              let phase = session.clock.phase else { return [] }
        let due = session.dueWarnings(at: now).filter { !warnedHere.contains($0.key(phase: phase)) }
        guard let urgent = due.min(by: { $0.thresholdMilliseconds < $1.thresholdMilliseconds }) else { return [] }
        for w in due { warnedHere.insert(w.key(phase: phase)) }
        let name = urgent == .session10 ? nil : session.agenda[phase].name
        message = Message(text: warningWords(urgent) + (name.map { " · \($0)" } ?? ""), isError: false)
        flashUntil = now.adding(seconds: 2)
        return [.bell] + (readOnly ? [] : [.perform(.acknowledgeWarnings(due, phase: phase))])
    }

    // MARK: - Keys

    mutating func handle(_ key: Key, now: Timestamp) -> [Effect] {
        if case .paste(let text) = key {
            let clean = removingEscapeSequences(text)
            if clean != text { return handle(.paste(clean), now: now) }
        }
        if key == .ctrl("c") { return requestQuit(again: confirmation?.effects == [.quit]) }
        if key == .resize { return [] }
        // A screen too small to draw shows only a message: a key would act unseen.
        if let size, size.width < minimumScreen.width || size.height < minimumScreen.height { return [] }
        if overlay == .unsaved, confirmation == nil { return handleUnsavedList(key) }
        if overlay == .help, [.pageDown, .char(" "), .down, .char("j")].contains(key) {
            helpPage += 1
            return []
        }
        if overlay != nil, overlay != .unsaved {
            overlay = nil
            return []
        }
        if case .paste(let text) = key, form == nil, filterInput == nil, confirmation == nil, review.searchInput == nil {
            return handlePaste(text)
        }
        if let confirmation {
            switch key {
            case _ where Confirmation.isYes(key):
                self.confirmation = nil
                // The open form's own save, asked about first: it closes when saved, as any save.
                if confirmation.submitsForm { formPending = true }
                confirmedPending = true
                return confirmation.effects
            case _ where Confirmation.isNo(key):
                self.confirmation = nil
                message = Message(text: tr("cancelled"), isError: false)
            default:
                // Never a command: while a question is up every other key is only told off.
                message = Message(text: tr("answer y or n (Esc is no)"), isError: true)
            }
            return []
        }
        if form != nil { return handleForm(key) }
        if filterInput != nil {
            handleFilter(key)
            return []
        }
        if let effects = handleReview(key) { return effects }
        if case .alt = key {
            note(tr("{key} is not a Quipu key; nothing was done", ["key": "\(key)"]), error: true)
            return []
        }
        switch screen {
        case .home: return handleHome(key)
        case .session: return handleSession(key, now: now)
        }
    }

    private mutating func handleForm(_ key: Key) -> [Effect] {
        guard var form, !formPending else { return [] }
        if let effects = pasteLines(key, form) { return effects }
        if case .paste(let text) = key, text.contains(where: \.isNewline) {
            let lines = text.split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }.count
            if lines > 1 {
                note(trn("pasted {n} line into {field}, joined into one line with spaces",
                         "pasted {n} lines into {field}, joined into one line with spaces",
                         count: lines, ["field": form.fields[form.focus].label]))
            }
        }
        let outcome = form.handle(key)
        self.form = form
        switch outcome {
        case .editing:
            // Enter moved on to the next field to fill: what was said about the last one is done.
            if key == .enter, message?.isError == true { message = nil }
            return []
        case .missing(let field):
            if let reason = refusal(of: form) {
                message = Message(text: reason, isError: true)
                return []
            }
            note(field.placeholder.isEmpty
                 ? tr("{field} is empty, so nothing was saved: type it, or Esc to cancel", ["field": field.label])
                 : tr("{field} is empty, so nothing was saved: type it ({example}), or Esc to cancel",
                      ["field": field.label, "example": field.placeholder]), error: true)
            return []
        case .cancelled:
            self.form = nil
            return []
        case .submitted(let values):
            if let reason = refusal(of: form) {
                message = Message(text: reason, isError: true)
                return []
            }
            if let was = editedWas, let session = log?.state, let now = editedItem(was.id, in: session), now != was {
                // Another terminal changed it while this form was open: say what it is now; the
                // form keeps what was typed here, and Enter again saves it over theirs.
                editedWas = now
                note(tr("changed in another terminal meanwhile, now {item}; Enter again saves yours over it, Esc keeps theirs",
                        ["item": now.words(in: session)]), error: true)
                return []
            }
            do {
                let effects = try submit(form, values)
                if let question = askBeforeSaving(form, values) {
                    confirmation = Confirmation(question: question, effects: effects, submitsForm: true)
                    return []
                }
                formPending = true
                return effects
            } catch {
                message = Message(text: error.localized, isError: true)
                return []
            }
        }
    }

    /// A submitted form, in the room of its tab.
    private func submit(_ form: Form, _ values: FormValues) throws(QuipuError) -> [Effect] {
        switch form.purpose {
        case .newSession, .editSession, .writerName: return try submitSessionForm(form, values)
        case .addPhase, .editPhase: return try submitAgendaForm(form, values)
        case .addIdea, .editIdea, .linkIdea, .mergeIdea: return submitIdeaForm(form, values)
        case .addParticipant, .editParticipant: return try submitParticipantForm(form, values)
        case .castBallot, .decideTie, .openVote, .tallyHands: return try submitVoteForm(form, values)
        case .addAction, .assignRole, .editAction, .unassignRole: return submitWorkplanForm(form, values)
        case .refused: return []
        }
    }

    private mutating func handleFilter(_ key: Key) {
        guard var input = filterInput else { return }
        switch input.handle(key) {
        case .confirmed: filterInput = nil
        case .cancelled:
            filterInput = nil
            currentFilter = ""
        case .editing, .ignored:
            filterInput = input
            if screen == .home || tab.isFilterable { currentFilter = input.text }
        }
        pinSelection()
    }

    /// Remembers the row shown as selected by its id, so that it stays selected when the
    /// filter changes again or is cleared.
    private mutating func pinSelection() {
        if screen == .home {
            homeSelection = homeIndex.map { visibleHomeRows[$0].id } ?? homeSelection
        } else if let index = selectedIndex(tab) {
            selection[tab] = rowID(tab, at: index)
        }
    }

    var currentFilter: String {
        get { screen == .home ? homeFilter : filters[tab] ?? "" }
        set {
            if screen == .home { homeFilter = newValue } else { filters[tab] = newValue }
        }
    }

    private mutating func handleHome(_ key: Key) -> [Effect] {
        if handleHomeReviewKey(key) { return [] }
        if let index = movement(key, current: homeIndex, count: visibleHomeRows.count) {
            homeSelection = visibleHomeRows[index].id
            return []
        }
        switch key {
        case .enter:
            guard let index = homeIndex else { return [] }
            return open(visibleHomeRows[index])
        case .char("a"): form = .newSession(initiatives: knownInitiatives)
        case .char("/"): filterInput = TextField(homeFilter)
        case .char("?"): showOverlay(.help)
        case .char("q"): return requestQuit()
        case .char("!"): showUnsavedList()
        case .char("r"), .ctrl("r"): return [.reloadList]
        case .char("S"): return [.sync]
        case .escape: homeFilter = ""
        default: break
        }
        return []
    }

    private mutating func handleSession(_ key: Key, now: Timestamp) -> [Effect] {
        guard let session = log?.state else { return [] }
        if tab == .report {
            if let effects = handleReportKey(key) { return effects }
        } else {
            if let index = movement(key, current: selectedIndex(tab), count: rowCount(tab)) {
                selection[tab] = rowID(tab, at: index)
                return []
            }
        }
        switch key {
        case .char(let c) where ("1"..."6").contains(c):
            switchTab(to: Tab(rawValue: Int(String(c))!)!)
        case .tab: switchTab(to: Tab(rawValue: tab.rawValue % 6 + 1)!)
        case .backTab: switchTab(to: Tab(rawValue: (tab.rawValue + 4) % 6 + 1)!)
        case .char("?"): showOverlay(.help)
        case .char("p"): showOverlay(.projector)
        case .char("/"):
            // Always a text field, so what is typed after / is never keys.
            filterInput = TextField(currentFilter)
            if !tab.isFilterable { note(tr("/ filters the Ideas, Participants and Workplan lists; here nothing is filtered")) }
        case .char("q"): return leave()
        case .char("!"): showUnsavedList()
        case .char("t"): return [.timeline]
        case .char("S"): return [.sync]
        case .escape:
            if currentFilter.isEmpty { return leave() }
            currentFilter = ""
        case .char(" "): return perform(.toggleTimer)
        case .char("n"):
            // Past the last phase the clock finishes: ask, since the room has not necessarily.
            if let phase = session.clock.phase, phase == session.agenda.count - 1, session.clock.state != .finished {
                if writable() {
                    confirmation = Confirmation(question: tr("{phase} is the last phase: finish the clock?",
                                                             ["phase": session.agenda[phase].name]),
                                                effects: [.perform(.nextPhase)])
                }
                return []
            }
            return perform(.nextPhase)
        case .char("N"): return perform(.previousPhase)
        // On the Agenda tab they change the selected phase; elsewhere the current one.
        case .char("+"), .char("="): return perform(.adjustPhase(seconds: 60, phase: tab == .agenda ? selectedIndex(.agenda) : nil))
        case .char("-"): return perform(.adjustPhase(seconds: -60, phase: tab == .agenda ? selectedIndex(.agenda) : nil))
        case .char(">"): return perform(.extendSession(seconds: 60))
        case .char("<"): return perform(.extendSession(seconds: -60))
        case .char("s"):
            if writable() { offerRespread(session, now: now) }
        case .char("w"):
            return perform(.switchWarning(nil, on: !ClockWarning.allCases.allSatisfy { !session.clock.warningsOff.contains($0) }))
        case .char("u"): return perform(.undo)
        case .char("U"): return perform(.redo)
        case .char("E"): openForm(.sessionDetails(session, initiatives: knownInitiatives))
        case .char("W"): openForm(.writerName(writerName ?? (session.facilitator.isEmpty ? "" : session.facilitator)))
        case .char("C"):
            if writable() {
                if let vote = session.openVote {
                    confirmation = Confirmation(
                        question: trn("{vote} is open with {n} ballot: close it too, and the session?",
                                      "{vote} is open with {n} ballots: close it too, and the session?",
                                      count: vote.ballots.count, ["vote": vote.id]),
                        effects: [.perform(.close)])   // closing the session closes its open vote
                } else {
                    confirmation = Confirmation(question: tr("Close this session? It becomes read-only."), effects: [.perform(.close)])
                }
            }
        case .char("R"):
            if readOnly {
                note(tr("this session is open read-only and cannot be reopened here"), error: true)
            } else if session.status == .closed {
                confirmation = Confirmation(question: tr("Reopen this closed session for changes?"), effects: [.perform(.reopen)])
            } else {
                note(tr("this session is not closed"))
            }
        default:
            return handleTabKey(key, session)
        }
        return []
    }

    /// Keys whose meaning depends on the tab, each handled in its tab's file (Tabs/).
    private mutating func handleTabKey(_ key: Key, _ session: Session) -> [Effect] {
        let handled: [Effect]? = switch tab {
        case .agenda: handleAgendaKey(key, session)
        case .ideas: handleIdeasKey(key, session)
        case .participants: handleParticipantsKey(key, session)
        case .vote: handleVoteKey(key, session)
        case .workplan: handleWorkplanKey(key, session)
        case .report: nil
        }
        if let handled { return handled }
        switch key {
        case .char("a"): note(tr("a adds on the Ideas, Participants, Vote and Workplan tabs"))
        case .char("e"), .char("d"): note(tr("e and d edit and withdraw or remove on the Ideas, Participants and Workplan tabs"))
        default: break
        }
        return []
    }

    /// Quits at once when nothing would be left behind; otherwise asks first and says what
    /// becomes of it (changes not saved and a form's text go to a recovery file). `again`: a
    /// second Ctrl-C at the question means yes.
    private mutating func requestQuit(again: Bool = false) -> [Effect] {
        if again { return [.quit] }
        let question: String
        switch (unsaved.isEmpty, draft == nil) {
        case (true, true): return [.quit]
        case (false, true):
            question = trn("{n} change not saved yet: quit and keep it in a recovery file?",
                           "{n} changes not saved yet: quit and keep them in a recovery file?", count: unsaved.count)
        case (true, false): question = tr("The form is not submitted: quit and keep its text in a recovery file?")
        case (false, false):
            question = trn("{n} change not saved and a form not submitted: quit, keeping them in a recovery file?",
                           "{n} changes not saved and a form not submitted: quit, keeping them in a recovery file?",
                           count: unsaved.count)
        }
        confirmation = Confirmation(question: question, effects: [.quit])
        return []
    }

    private mutating func showUnsavedList() {
        if unsaved.isEmpty {
            note(tr("every change is saved"))
        } else {
            overlay = .unsaved
        }
    }

    /// The list of unsaved changes: ↑↓ choose, d cancels one (after asking), Esc closes.
    private mutating func handleUnsavedList(_ key: Key) -> [Effect] {
        switch key {
        case .up, .char("k"): unsavedSelection = max(0, unsavedSelection - 1)
        case .down, .char("j"): unsavedSelection = min(max(0, unsaved.count - 1), unsavedSelection + 1)
        case .char("d"), .delete, .backspace:
            guard unsaved.indices.contains(unsavedSelection) else { break }
            let item = unsaved[unsavedSelection]
            confirmation = Confirmation(question: tr("Cancel {change}? It will never be saved.", ["change": item.summary]),
                                        effects: [.cancelUnsaved(item.number)])
        case .escape, .char("q"), .char("!"), .enter: overlay = nil
        default:
            note(tr("in the unsaved list: ↑↓ choose · d cancel the change · Esc close"), error: true)
        }
        if unsaved.isEmpty { overlay = nil }
        return []
    }

    /// A message belongs to the tab it was said on.
    private mutating func switchTab(to new: Tab) {
        if new != tab { message = nil }
        tab = new
    }

    private mutating func leave() -> [Effect] {
        screen = .home
        log = nil
        message = nil
        return [.reloadList]
    }

    /// A full-screen view over the rest: what the status line said belongs to the screen left.
    mutating func showOverlay(_ overlay: Overlay) {
        self.overlay = overlay
        message = nil
    }

    /// Opens `form`. When it cannot be saved now (a read-only session, no vote open…) it opens
    /// all the same and says why: what the facilitator goes on typing lands in the form and
    /// never runs as keys, and Enter says the reason again instead of saving.
    mutating func openForm(_ form: Form) {
        // What the status line said was about the screen before: a form starts clean.
        message = nil
        self.form = form
        formPending = false
        editedWas = form.editedID.flatMap { id in log.flatMap { editedItem(id, in: $0.state) } }
        if let reason = refusal(of: form) { note(reason, error: true) }
    }

    /// Opens a stand-in for a form that cannot open at all (nothing selected to edit): it
    /// takes the typing that was meant for the form, and says why nothing can be saved.
    mutating func refuseForm(_ title: String, because reason: String) {
        openForm(Form(title: title, purpose: .refused(reason),
                      fields: [Form.Field(id: "Text", label: tr("Text", context: "a form field"), required: false)]))
    }

    /// Why `form` cannot be saved now, or nil when it can.
    func refusal(of form: Form) -> String? {
        if case .refused(let reason) = form.purpose { return reason }
        if form.purpose == .newSession || form.purpose == .writerName { return nil }
        if readOnly { return tr("this session is open read-only; changes are not possible here") }
        guard let session = log?.state else { return nil }
        if session.status == .closed { return tr("this session is closed and read-only; press R to reopen it") }
        switch form.purpose {
        case .castBallot, .tallyHands:
            if session.openVote == nil { return tr("no vote is open; close this form and press o to open one") }
        case .openVote:
            if let vote = session.openVote {
                return tr("vote {vote} is still open; close this form and press c to close it first", ["vote": vote.id])
            }
        default: break
        }
        return nil
    }

    mutating func perform(_ command: Command) -> [Effect] {
        writable() ? [.perform(command)] : []
    }

    /// Asks before `command`, which is hard to take back, and only when the session would take
    /// it; otherwise (or with nothing selected: `command` nil) a form that says why opens, so the
    /// y or n typed next lands in it and never runs as keys.
    mutating func ask(_ question: String, _ command: Command?, title: String, nothing: String) {
        guard let command else { return refuseForm(title, because: nothing) }
        guard writable() else { return }
        if let log {
            do { _ = try log.decide(command, by: writerID) } catch {
                return refuseForm(title, because: error.localized)
            }
        }
        confirmation = Confirmation(question: question, effects: [.perform(command)])
    }

    /// Refuses, in words, any change to a closed or read-only session.
    mutating func writable() -> Bool {
        if readOnly {
            note(tr("this session is open read-only; changes are not possible here"), error: true)
            return false
        }
        if log?.state.status == .closed {
            note(tr("this session is closed and read-only; press R to reopen it"), error: true)
            return false
        }
        return true
    }

    mutating func note(_ text: String, error: Bool = false) {
        message = Message(text: text, isError: error)
    }

    /// The new index for a movement key, or nil when `key` does not move.
    private func movement(_ key: Key, current: Int?, count: Int) -> Int? {
        guard count > 0 else { return nil }
        let at = current ?? 0
        let page = 10
        let target: Int
        switch key {
        case .up, .char("k"): target = at - 1
        case .down, .char("j"): target = at + 1
        case .pageUp: target = at - page
        case .pageDown: target = at + page
        case .home: target = 0
        case .end: target = count - 1
        default: return nil
        }
        return min(count - 1, max(0, target))
    }

    // MARK: - Lists as shown (filtered), shared by keys and views

    var visibleHomeRows: [HomeRow] {
        derived.summaries.value(for: SummariesKey(version: summariesVersion, filter: homeFilter, order: review.order)) {
            ordered(summaries.filter { matches(homeFilter, $0.title, $0.initiative, $0.id) }.map(HomeRow.session)
                + damaged.filter { matches(homeFilter, $0.id) }.map(HomeRow.damaged))
        }
    }

    var homeIndex: Int? {
        let rows = visibleHomeRows
        guard !rows.isEmpty else { return nil }
        return rows.firstIndex { $0.id == homeSelection } ?? 0
    }

    func visibleIdeas(_ s: Session) -> [Idea] {
        let f = filters[.ideas] ?? ""
        if f.trimmed.isEmpty && ideaKindFilter == nil { return s.ideas }
        return memo(derived.ideas, ListKey(version: logVersion, filter: f, kind: ideaKindFilter), for: s) {
            s.ideas.filter {
                (ideaKindFilter == nil || $0.kind == ideaKindFilter) && matches(f, $0.id, $0.text, $0.kind.rawValue, s.displayName($0.by))
            }
        }
    }

    func visibleParticipants(_ s: Session) -> [Participant] {
        let f = filters[.participants] ?? ""
        if f.trimmed.isEmpty { return s.participants }
        return memo(derived.participants, ListKey(version: logVersion, filter: f), for: s) {
            s.participants.filter { matches(f, $0.id, $0.name, $0.organisation, $0.group.rawValue, $0.country) }
        }
    }

    func visibleActions(_ s: Session) -> [Action] {
        let f = filters[.workplan] ?? ""
        return memo(derived.actions, ListKey(version: logVersion, filter: f), for: s) {
            let sorted = s.actionsByDue
            if f.trimmed.isEmpty { return sorted }
            return sorted.filter { matches(f, $0.id, $0.text, s.displayName($0.owner), $0.due ?? "", $0.status.rawValue) }
        }
    }

    /// A list derived from `s`, remembered while `s` is the session shown (proven in O(1): its
    /// lists are the very arrays of `log`, not copies that could differ).
    func memo<Key, Value>(_ memo: Memo<Key, Value>, _ key: Key, for s: Session, _ compute: () -> Value) -> Value {
        isShown(s) ? memo.value(for: key, compute) : compute()
    }

    /// Whether `s` is the state of `log` (its lists are the very arrays of `log`, not copies).
    func isShown(_ s: Session) -> Bool {
        guard let shown = log?.state else { return false }
        return s.id == shown.id && s.eventCount == shown.eventCount && s.lastChangeAt == shown.lastChangeAt
            && sameArray(s.ideas, shown.ideas) && sameArray(s.participants, shown.participants)
            && sameArray(s.actions, shown.actions) && sameArray(s.votes, shown.votes) && sameArray(s.roles, shown.roles)
    }

    /// The number of rows `tab` shows (as `rowIDs(tab).count`, without listing them).
    func rowCount(_ tab: Tab) -> Int {
        guard let s = log?.state else { return 0 }
        switch tab {
        case .ideas: return visibleIdeas(s).count
        case .participants: return visibleParticipants(s).count
        case .workplan: return visibleActions(s).count
        case .agenda, .vote, .report: return rowIDs(tab).count
        }
    }

    /// The id of row `index` of `tab` (as `rowIDs(tab)[index]`).
    func rowID(_ tab: Tab, at index: Int) -> String {
        guard let s = log?.state else { return rowIDs(tab)[index] }
        switch tab {
        case .ideas: return visibleIdeas(s)[index].id
        case .participants: return visibleParticipants(s)[index].id
        case .workplan: return visibleActions(s)[index].id
        case .agenda, .vote, .report: return rowIDs(tab)[index]
        }
    }

    /// Where the row `id` is in `tab` (as `rowIDs(tab).firstIndex(of: id)`).
    func rowIndex(of id: String, in tab: Tab) -> Int? {
        guard let s = log?.state else { return nil }
        switch tab {
        case .ideas: return visibleIdeas(s).firstIndex { $0.id == id }
        case .participants: return visibleParticipants(s).firstIndex { $0.id == id }
        case .workplan: return visibleActions(s).firstIndex { $0.id == id }
        case .agenda, .vote, .report: return rowIDs(tab).firstIndex(of: id)
        }
    }

    func rowIDs(_ tab: Tab) -> [String] {
        guard let s = log?.state else { return [] }
        switch tab {
        case .agenda: return s.agenda.indices.map(String.init)
        case .ideas: return visibleIdeas(s).map(\.id)
        case .participants: return visibleParticipants(s).map(\.id)
        case .workplan: return visibleActions(s).map(\.id)
        case .vote: return voteShowsBallots ? listedBallots(s).map(\.by) : []
        case .report: return []
        }
    }

    /// The selected row's index in the visible list: the remembered id, else the first row.
    /// The agenda starts on the current phase.
    func selectedIndex(_ tab: Tab) -> Int? {
        let count = rowCount(tab)
        guard count > 0 else { return nil }
        if let id = selection[tab], let index = rowIndex(of: id, in: tab) { return index }
        if tab == .agenda, let phase = log?.state.clock.phase { return min(phase, count - 1) }
        return 0
    }

    func selectedIdea(_ s: Session) -> Idea? {
        selectedIndex(.ideas).map { visibleIdeas(s)[$0] }
    }

    func selectedParticipant(_ s: Session) -> Participant? {
        selectedIndex(.participants).map { visibleParticipants(s)[$0] }
    }
}

/// An idea, participant or action as an edit form found it: compared on save, and put in
/// words (as the record says it) when another terminal changed it meanwhile.
enum EditedItem: Equatable, Sendable {
    case idea(Idea), participant(Participant), action(Action)

    var id: String {
        switch self {
        case let .idea(i): i.id
        case let .participant(p): p.id
        case let .action(a): a.id
        }
    }

    func words(in s: Session) -> String {
        switch self {
        case let .idea(i): describe(.ideaAdded(i), in: s)
        case let .participant(p): describe(.participantAdded(p), in: s)
        case let .action(a): describe(.actionAdded(a), in: s)
        }
    }
}

extension AppModel {
    func editedItem(_ id: String, in s: Session) -> EditedItem? {
        s.idea(id).map(EditedItem.idea) ?? s.participant(id).map(EditedItem.participant) ?? s.action(id).map(EditedItem.action)
    }
}

/// Case-insensitive substring match over any of `fields`; an empty filter matches everything.
func matches(_ filter: String, _ fields: String...) -> Bool {
    let needle = filter.trimmed.lowercased()
    guard !needle.isEmpty else { return true }
    return fields.contains { $0.lowercased().contains(needle) }
}
