import ArgumentParser
import QuipuText
import QuipuCore

struct ReopenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reopen",
        abstract: tr("Reopen a closed session so it can be changed again.")
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    func run() throws {
        try global.context().applyAndReport(.reopen, to: session.id)
    }
}
