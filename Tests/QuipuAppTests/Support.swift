import Foundation
@testable import QuipuStore

/// A fresh, empty sessions folder in the temporary directory, its name starting `prefix`.
func scratchSessionsFolder(_ prefix: String) -> SessionsFolder {
    let path = NSTemporaryDirectory() + prefix + UUID().uuidString.prefix(8)
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return SessionsFolder(path: path)
}
