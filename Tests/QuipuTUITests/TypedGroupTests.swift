import QuipuCore
import Testing
@testable import QuipuText
@testable import QuipuTUI

/// A stakeholder group typed in a form (participants, show of hands): the screens' words and
/// the journal's are understood; a typo is refused in words, never guessed into a group.
struct TypedGroupTests {
    @Test func aGroupInTheScreensLanguageOrTheJournalsIsUnderstood() throws {
        Language(code: "es").speak {
            #expect((try? knownStakeholderGroup(typed: " gobierno ")) == .government)
            #expect((try? knownStakeholderGroup(typed: "ngo")) == .ngo)
            #expect((try? handTally(counts: "I1=3", group: "ONG"))?.1 == .ngo)
        }
        #expect(try handTally(counts: "I1=3", group: " ").1 == nil, "no group typed is no group")
    }

    @Test func aTypoIsRefusedWithTheGroupsThereAreInBothForms() {
        let said = "unknown group \"goverment\"; use one of government, intergovernmental, NGO, major group, private sector, research, other"
        do {
            _ = try knownStakeholderGroup(typed: "goverment")
            Issue.record("a typo became a group")
        } catch { #expect(error.message == said) }
        do {
            _ = try handTally(counts: "I1=3", group: " goverment")
            Issue.record("a typo became a group in a show of hands")
        } catch { #expect(error.message == said) }
    }
}
