import Testing
@testable import QuipuCore

/// Every field that names someone goes through one resolver: a name means someone on the
/// roster or is refused, with the candidates or the nearest names. No typo becomes an
/// organisation, and no id that does not exist is taken.
@Suite("Names that resolve, or are refused")
struct NameResolverTests {
    /// Bina Gurung P1, Sofía Mendoza P2, Ana Lima P3, Alberto Lopez P4 (WWF), Gonzalo Ñuflo P5.
    func room() -> Harness {
        var h = Harness()
        for name in ["Bina Gurung", "Sofía Mendoza", "Ana Lima"] { _ = h.addMember(name) }
        try! h.run(.addParticipant(name: "Alberto Lopez", organisation: "WWF", group: .ngo, country: "", observer: false))
        _ = h.addMember("Gonzalo Ñuflo")
        _ = h.addArea("Water")
        return h
    }

    @Test func aNameResolvesHoweverItIsWritten() throws {
        let h = room()
        for (typed, id) in [("P2", "P2"), ("p2", "P2"), ("Sofía Mendoza", "P2"), ("sofia mendoza", "P2"),
                            ("  Sofía   Mendoza ", "P2"), ("SOFIA MENDOZA", "P2"), ("Mendoza, Sofía", "P2"),
                            ("Sofi", "P2"), ("Mendoza", "P2"), ("Bina", "P1"), ("gurung", "P1"), ("BG", "P1"),
                            ("gonzalo nuflo", "P5"), ("Ñuflo", "P5"), ("Sofi\u{301}a Mendoza", "P2")] {
            #expect(try h.log.resolveParticipant(typed).id == id, "\(typed)")
        }
    }

    @Test func anAmbiguousNameListsTheCandidates() {
        var h = room()
        #expect(h.refusal(.assignRole(role: "lead", holder: "AL"))
            == "\"AL\" is Ana Lima (P3) or Alberto Lopez (P4); say which (an id like P3 is never ambiguous)")
        #expect(h.state.roles.isEmpty)
    }

    @Test func aNameThatMatchesNobodyIsRefusedWithTheNearest() {
        var h = room()
        // A typo is never saved as an organisation.
        #expect(h.refusal(.assignRole(role: "lead", holder: "Bnia Gurung"))
            == "no participant or organisation on the roster is \"Bnia Gurung\"; did you mean P1 Bina Gurung?; "
            + "for an organisation not on the roster write org:Bnia Gurung")
        #expect(h.refusal(.addAction(text: "Draft", owner: "Zed", due: nil, idea: nil))
            == "no participant or organisation on the roster is \"Zed\"; use an id like P1 or a name on the roster; "
            + "for an organisation not on the roster write org:Zed")
        #expect(h.refusal(.castBallotText(vote: nil, by: "Sofya Mendosa", words: ["I1"]))?.hasPrefix("no vote is open") == true)
        #expect(h.refusal(.setParticipant(who: "Sofya Mendosa", present: false, observer: nil))
            == "no participant \"Sofya Mendosa\" in 2026-11-29-watershed-management; did you mean P2 Sofía Mendoza?")
        #expect(h.state.roles.isEmpty && h.state.actions.isEmpty)
    }

    @Test func anIdThatDoesNotExistIsAlwaysRefused() {
        var h = room()
        #expect(h.refusal(.assignRole(role: "lead", holder: "P99")) == "there is no participant P99 in 2026-11-29-watershed-management")
        #expect(h.refusal(.addAction(text: "Draft", owner: "I1", due: nil, idea: nil))
            == "I1 is not a person or an organisation; the owner is a participant (P1) or an organisation")
        #expect(h.refusal(.addIdea(text: "x", kind: .area, by: "org:P3", area: nil)) == "\"P3\" is an id, not an organisation's name")
    }

    @Test func anOrganisationIsTheRostersOrSaidSo() throws {
        var h = room()
        try h.run(.assignRole(role: "focal point", holder: "wwf"))
        try h.run(.assignRole(role: "donor", holder: "org:CARE Perú"))
        #expect(h.state.roles.map(\.holder) == ["WWF", "CARE Perú"])
        try h.run(.addAction(text: "Draft", owner: "Bina", due: nil, idea: nil, supporters: ["sofia", "org:IUCN"]))
        #expect(h.state.actions[0].owner == "P1" && h.state.actions[0].supporters == ["P2", "IUCN"])
    }
}

@Suite struct DuplicatePersonTests {
    @Test func theSamePersonTypedWithoutAccentsIsNotASecondPerson() {
        var h = Harness()
        _ = h.addMember("Sofía Mendoza")
        #expect(h.refusal(.addParticipant(name: "  sofia  MENDOZA ", organisation: "", group: .ngo, country: "", observer: false))
                == "sofia  MENDOZA is already on the roster as P1 (Sofía Mendoza); if they are two people, tell them apart in the name (a second surname or an initial)")
        #expect(h.state.participants.count == 1)
        _ = h.addMember("Sofía Mendoza R.")
        #expect(h.state.participants.count == 2, "told apart, two people")
    }
}
