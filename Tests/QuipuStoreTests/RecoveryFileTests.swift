import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import QuipuCore
@testable import QuipuStore

/// Changes kept when the screens had to exit go to `<id>.txt.unsaved-N`, in journal syntax, and
/// come back onto the journal as it is then, with ids minted again.
@Suite("Recovery files: what could not be saved before exiting")
struct RecoveryFileTests {
    func pending(_ command: Command) -> RecoveryFile.Pending {
        RecoveryFile.Pending(command: command, at: start.adding(seconds: 60), summary: "\(command)")
    }

    func session() throws -> (SessionsFolder, Journal) {
        let folder = temporaryFolder()
        let journal = try folder.create(title: "Andes", agenda: try AgendaTemplate.resolve(nil), at: start, writer: "screens")
        try journal.append(now: { start }) { try $0.decide(.addIdea(text: "First", kind: .area, by: nil, area: nil)) }
        return (folder, journal)
    }

    @Test func aRecoveryFileIsJournalSyntaxThatReplaysExactlyWhenNothingChangedMeanwhile() throws {
        let (folder, journal) = try session()
        let path = try RecoveryFile.write([pending(.addIdea(text: "Agua para todos", kind: .area, by: nil, area: nil)),
                                           pending(.addIdea(text: "Glaciares", kind: .programme, by: nil, area: "I2"))],
                                          drafts: ["Add idea: Idea=Half typed"], for: journal, why: "the terminal hung up",
                                          at: start.adding(seconds: 90))
        #expect(path == journal.path + ".unsaved-1")
        let text = fileText(path)
        #expect(text.hasPrefix("quipu-journal 1.1\n# Changes Quipu could not save to \(journal.id).txt (the terminal hung up)"))
        #expect(text.contains("\n3 2026-11-29T14:01:00.000Z screens idea.add id=I2 kind=area text=\"Agua para todos\"\n"))
        #expect(text.contains("\n4 2026-11-29T14:01:00.000Z screens idea.add id=I3 kind=programme text=Glaciares area=I2\n"))
        #expect(text.contains("\n# typed but not submitted: Add idea: Idea=Half typed\n"))
        #expect(RecoveryFile.pending(beside: journal.path) == [path])

        let reopened = try folder.open(journal.id, writer: "screens2")
        let events = try RecoveryFile.apply(path, to: reopened, now: { start.adding(seconds: 120) })
        #expect(events.count == 2)
        #expect(reopened.log.state.ideas.map { "\($0.id) \($0.text) \($0.area ?? "-")" }
            == ["I1 First -", "I2 Agua para todos -", "I3 Glaciares I2"])
        #expect(RecoveryFile.pending(beside: journal.path).isEmpty)
        #expect(FileManager.default.fileExists(atPath: path + ".applied"), "kept for the record")
        // A second recovery file does not reuse the applied one's name.
        let second = try RecoveryFile.write([pending(.withdrawIdea(id: "I1"))], for: reopened, why: "x", at: start)
        #expect(second == journal.path + ".unsaved-2")
    }

    @Test func idsTakenMeanwhileAreMintedAgainAndReferencesFollow() throws {
        let (folder, journal) = try session()
        let path = try RecoveryFile.write([pending(.addIdea(text: "Agua", kind: .area, by: nil, area: nil)),
                                           pending(.addIdea(text: "Under Agua", kind: .project, by: nil, area: "I2")),
                                           pending(.withdrawIdea(id: "I1"))],
                                          for: journal, why: "disk full", at: start)
        // Meanwhile the command line took I2 and I3.
        let cli = try folder.open(journal.id, writer: "cli")
        for text in ["Taken 2", "Taken 3"] {
            try cli.append(now: { start }) { try $0.decide(.addIdea(text: text, kind: .area, by: nil, area: nil)) }
        }
        try RecoveryFile.apply(path, to: cli, now: { start })
        let ideas = cli.log.state.ideas.map { "\($0.id) \($0.text) \($0.area ?? "-") \($0.withdrawn ? "withdrawn" : "")" }
        #expect(ideas == ["I1 First - withdrawn", "I2 Taken 2 - ", "I3 Taken 3 - ", "I4 Agua - ", "I5 Under Agua I4 "])
    }

    @Test func aChangeTheLastKnownStateRefusesIsKeptAsAComment() throws {
        let (_, journal) = try session()
        let path = try RecoveryFile.write([pending(.withdrawIdea(id: "I9"))], for: journal, why: "x", at: start)
        #expect(fileText(path).contains("# refused against the journal as last read (there is no idea I9"))
        #expect(try RecoveryFile.read(path).isEmpty)
    }

    @Test func rebasingWithNothingNewIsTheIdentity() throws {
        let (_, journal) = try session()
        var later = journal.log
        let changes = try later.decide(.addIdea(text: "Agua", kind: .area, by: nil, area: nil))
        let events = changes.map { Event(id: EventID(seq: later.nextSeq, writer: "screens"), at: start, change: $0) }
        later.append(events)
        let undo = Event(id: EventID(seq: later.nextSeq, writer: "screens"), at: start, change: .undo(target: events[0].id))
        #expect(journal.log.rebased(events + [undo], writer: "screens") == changes + [undo.change])
    }
}

extension RecoveryFileTests {
    @Test func aBallotKeptForAnAnonymousVoteIsSealedInTheRecoveryFileToo() throws {
        let (folder, journal) = try session()
        let keys = BallotKeys(directory: temporaryFolder().path + "/keys")
        journal.ballotKeys = keys
        try journal.append(now: { start }) { try $0.decide(.addParticipant(name: "Ana Flores", organisation: "", group: .ngo,
                                                                           country: "", observer: false)) }
        try journal.append(now: { start }) { try $0.decide(.addIdea(text: "Second", kind: .area, by: nil, area: nil)) }
        try journal.append(now: { start }) { try $0.decide(.startVote(VoteSetup(method: .approval, anonymous: true))) }
        let path = try RecoveryFile.write([pending(.castBallotText(vote: nil, by: "Ana Flores", words: ["I1"]))],
                                          for: journal, why: "the disk is full", at: start.adding(seconds: 90))
        let text = fileText(path)
        #expect(!text.contains("P1") && !text.contains("Ana"), "\(text)")
        #expect(text.range(of: #"vote\.cast vote=V1 by=~[0-9a-f]{16} choices=I1:1"#, options: .regularExpression) != nil, "\(text)")

        let reopened = try folder.open(journal.id, writer: "screens2")
        reopened.ballotKeys = keys
        try RecoveryFile.apply(path, to: reopened, now: { start.adding(seconds: 120) })
        try reopened.append(now: { start.adding(seconds: 130) }) { try $0.decide(.closeVote(id: nil)) }
        #expect(reopened.log.state.votes[0].voterIDs == ["P1"])
        #expect(reopened.log.state.votes[0].results.first?.score == 1)
    }

    @Test func aBallotKeyIsItsOwnersAloneAndGoneOnceDestroyed() throws {
        let keys = BallotKeys(directory: temporaryFolder().path + "/state/ballot-keys")
        let name = try keys.newKey()
        #expect(name.count == 16 && name.allSatisfy(\.isHexDigit))
        var st = stat()
        #expect(stat(keys.path(of: name), &st) == 0 && st.st_mode & 0o777 == 0o600)
        #expect(stat(keys.directory, &st) == 0 && st.st_mode & 0o777 == 0o700)
        let key = try #require(try keys.key(named: name))
        #expect(try keys.key(named: name) == key, "the same key every time")
        #expect(try keys.newKey() != name)
        // A name from a journal cannot point outside the folder.
        #expect(try keys.key(named: "../../etc/passwd") == nil)
        keys.destroy(name)
        #expect(try keys.key(named: name) == nil)
        #expect(access(keys.path(of: name), F_OK) != 0)

        let damaged = try keys.newKey()
        try "quipu-ballot-key 1\nnot hex\n".write(toFile: keys.path(of: damaged), atomically: false, encoding: .utf8)
        #expect(throws: StoreError("\(keys.path(of: damaged)): not a ballot key; the vote that names it cannot take ballots")) {
            try keys.key(named: damaged)
        }
    }
}
