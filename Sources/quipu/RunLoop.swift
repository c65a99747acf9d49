import QuipuCore
import QuipuStore

/// The screens: the run loop that joins the terminal, the journal and the screen model.
enum ScreenApp {
    /// Opens the screens on the sessions folder (home), or straight on one session.
    static func run(folder: SessionsFolder, openID: String?) throws {
        throw StoreError("the screens are not built yet")
    }
}
