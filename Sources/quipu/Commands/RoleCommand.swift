import ArgumentParser
import QuipuText
import QuipuCore

struct RoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "role",
        abstract: tr("Assign or unassign a role (lead, co-lead, focal point, rapporteur, or any other) to a participant or organisation."),
        discussion: tr("""
            quipu role ID assign ROLE WHO
            quipu role ID unassign ROLE WHO
            Roles: lead, co-lead, focal point, rapporteur, facilitator, timekeeper, or any custom \
            role. A role may have several holders.
            Quote a role of several words: quipu role ID assign "focal point" P4
            WHO is a participant: P3, or a name as on the roster (any capitals and accents,             "Surname, Given", a unique first name, surname or initials); or an organisation on the             roster. A name that matches nobody is refused with the nearest names; an organisation             not on the roster needs --org (or org:NAME).
            """)
    )

    enum Verb: String, ExpressibleByArgument, CaseIterable { case assign, unassign }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    @Argument(help: ArgumentHelp(tr("What to do."), valueName: "assign|unassign"))
    var verb: Verb

    @Argument(help: ArgumentHelp(tr("The role, e.g. lead or \"focal point\"."), valueName: "role"))
    var role: String

    @Argument(help: ArgumentHelp(tr("Who holds it: P3, a name on the roster, or an organisation."), valueName: "who"))
    var holder: [String]

    @Flag(help: ArgumentHelp(tr("The holder is an organisation not on the roster (not a typo of a person's name).")))
    var org = false

    func run() throws {
        let context = try global.context()
        let who = organisation(joined(holder[...]), org)
        switch verb {
        case .assign: try context.applyAndReport(.assignRole(role: role, holder: who), to: session.id)
        case .unassign: try context.applyAndReport(.unassignRole(role: role, holder: who), to: session.id)
        }
    }
}
