extension AppModel {
    /// Whether the screen waits on the person: a form, an overlay, a question or a filter being
    /// typed. What ends in the background meanwhile (a sync started with `S`) says its outcome
    /// in the status line but does not draw the list again under it.
    public var isWaitingOnThePerson: Bool {
        form != nil || overlay != nil || confirmation != nil || filterInput != nil
    }
}
