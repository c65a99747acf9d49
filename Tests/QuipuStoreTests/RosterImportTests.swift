import Testing
import QuipuCore
@testable import QuipuStore

@Suite("Roster import from CSV")
struct RosterImportTests {
    /// A roster as spreadsheets really export it: a byte-order mark, CRLF line ends, headers in
    /// odd case and American spelling, quoted commas and quotes, accents and CJK, blank lines,
    /// a multi-line quoted cell, a duplicate, rows with problems, and columns Quipu does not use.
    static let messy: [UInt8] = [0xEF, 0xBB, 0xBF] + Array((
        "NAME , Organization,Stakeholder Group,Country,Role,E-mail\r\n"          // line 1
        + "\"Quispe Mamani, María\",SENAMHI,government,Perú,member,m@x.pe\r\n"  // 2
        + "\r\n"                                                                // 3
        + "José Gutiérrez,\"CARE, Perú\",NGO,Perú,observer,\r\n"                 // 4
        + "Zoë \"Z\" Ng,\"Water \"\"Now\"\" Ltd\",private sector,,,\r\n"        // 5 (bad quoting, kept as read)
        + "Bad Group,Acme,aliens,Chile,member,\r\n"                             // 6
        + ",Nameless Org,NGO,,,\r\n"                                            // 7
        + "李小龍,\"Academy\r\nof Sciences\",research,China,,\r\n"              // 8–9
        + "Ama Mensah,UNEP,igo,Ghana,chair,\r\n"                                // 10
        + "Too,Many,NGO,Peru,member,a@b,extra\r\n"                              // 11
        + "  \r\n"                                                              // 12
        + "quispe mamani, maría,dup,,,,\r\n"                                    // 13 (unquoted comma: too many fields)
        + "\"QUISPE MAMANI, MARÍA\",Again,NGO,,,\r\n"                           // 14 (duplicate name)
        + "Kenji Sato,JICA,Intergovernmental,Japan,Member,"                     // 15, no final newline
    ).utf8)

    @Test func goodRowsAreKeptAndProblemsReportedByLine() throws {
        let roster = try RosterImport.parse(Self.messy)
        #expect(roster.rows.map(\.name) == ["Quispe Mamani, María", "José Gutiérrez", "Zoë \"Z\" Ng", "李小龍",
                                            "QUISPE MAMANI, MARÍA", "Kenji Sato"])
        #expect(roster.rows.map(\.line) == [2, 4, 5, 8, 14, 15])
        let maria = roster.rows[0]
        #expect(maria.organisation == "SENAMHI" && maria.group == .government && maria.country == "Perú" && !maria.observer)
        let jose = roster.rows[1]
        #expect(jose.organisation == "CARE, Perú" && jose.group == .ngo && jose.observer)
        #expect(roster.rows[3].organisation == "Academy of Sciences" && roster.rows[3].group == .research)
        #expect(roster.rows[5].group == .intergovernmental && roster.rows[5].country == "Japan")
        #expect(roster.problems.map(\.line) == [6, 7, 10, 11, 13])
        #expect(roster.problems[0].message.hasPrefix("Bad Group: unknown group \"aliens\""))
        #expect(roster.problems[1].message == "has no name")
        #expect(roster.problems[2].message == "Ama Mensah: role \"chair\" must be member or observer")
        #expect(roster.problems[3].message == "has 7 fields but the header has 6; quote values that contain commas")
    }

    @Test func aNameAlreadyPresentIsReportedNotDuplicated() throws {
        let roster = try RosterImport.parse(Self.messy)
        var log = SessionLog(id: "2026-11-29-roster")
        var seq = 0
        func run(_ command: Command) throws(QuipuError) {
            let changes = try log.decide(command)
            log.append(changes.map { change in
                seq += 1
                return Event(id: EventID(seq: seq, writer: "t"), at: Timestamp(seconds: 0), change: change)
            })
        }
        try run(.createSession(title: "Roster", initiative: "", facilitator: "", rapporteur: "",
                               agenda: [Phase(name: "All", plannedSeconds: 600)]))
        var refused: [Int: String] = [:]
        for row in roster.rows {
            do {
                try run(.addParticipant(name: row.name, organisation: row.organisation, group: row.group,
                                        country: row.country, observer: row.observer))
            } catch {
                refused[row.line] = error.message
            }
        }
        #expect(refused == [14: "QUISPE MAMANI, MARÍA is already on the roster as P1 (Quispe Mamani, María); if they are two "
                                + "people, tell them apart in the name (a second surname or an initial)"])
        #expect(log.state.participants.map(\.name) == ["Quispe Mamani, María", "José Gutiérrez", "Zoë \"Z\" Ng", "李小龍",
                                                       "Kenji Sato"])
        #expect(log.state.groupCounts.map(\.count) == [1, 1, 1, 1, 1])
    }

    @Test func headersAreMatchedByNameInAnyOrderAndCase() throws {
        let csv = "Country;x\nignored\n"
        #expect(throws: QuipuError.self) { try RosterImport.parse(Array(csv.utf8)) }
        let roster = try RosterImport.parse(Array("OBSERVER,Organisation,name\nyes,IUCN,Ana\nno,,Ben\n,,Cy\n".utf8))
        #expect(roster.rows.map(\.observer) == [true, false, false])
        #expect(roster.rows.map(\.organisation) == ["IUCN", "", ""])
        #expect(roster.problems.isEmpty)
    }

    @Test func filesThatAreNotARosterAreRefusedWhole() {
        #expect(throws: QuipuError("the roster is empty; it needs a header row with a name column")) {
            try RosterImport.parse(Array("\r\n\r\n".utf8))
        }
        #expect(throws: QuipuError("the roster is not UTF-8 text; save it as CSV UTF-8")) {
            try RosterImport.parse([0x6E, 0x61, 0x6D, 0x65, 0x0A, 0x4D, 0x61, 0x72, 0xED, 0x61, 0x0A]) // Latin-1 "María"
        }
        #expect(throws: QuipuError("line 2: the header has no name column (columns are matched by name: name, organisation, group, country, role)")) {
            try RosterImport.parse(Array("\nwho,org\nAna,X\n".utf8))
        }
    }
}
