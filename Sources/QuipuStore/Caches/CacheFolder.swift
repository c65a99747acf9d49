#if canImport(Glibc)
import Glibc
#endif
import QuipuCore

/// The folder where everything derived from a sessions folder is kept between runs: session
/// summaries (SummaryCache.swift), `list --json` items (ListCache.swift) and the search index
/// (SearchIndex.swift), so `list`, search and the home screen need not replay every journal every
/// time. Derived from the journals alone: deleting it loses nothing.
public struct CacheFolder: Sendable {
    /// The folder holding one cache file per sessions folder.
    public var directory: String

    public init(directory: String) {
        var d = directory
        while d.count > 1, d.hasSuffix("/") { d.removeLast() }
        self.directory = d
    }

    /// `$QUIPU_CACHE_DIR`, else `$XDG_CACHE_HOME/quipu`, else `$HOME/.cache/quipu`; nil when none
    /// of them is set.
    public static var standard: CacheFolder? {
        userDirectory(override: "QUIPU_CACHE_DIR", xdg: "XDG_CACHE_HOME", underHome: ".cache").map(CacheFolder.init)
    }

    /// The summary cache file for a sessions folder, named from a hash of the folder's real path;
    /// nil when the folder has no real path (it does not exist) or this program cannot be identified.
    public func file(for folder: SessionsFolder) -> String? { place(for: folder)?.file(CachedSummary.self) }

    /// Where a sessions folder's cache files are and what their headers must say to be trusted.
    struct Place {
        var directory: String
        /// The sessions folder's real path, and its hash, which names its cache files.
        var folder: String
        var hash: String
        var program: String

        /// The file keeping values of this kind, e.g. `summaries-0123456789abcdef.cache`.
        func file<Value: CachedValue>(_: Value.Type) -> String {
            directory + "/" + Value.fileStem + "-" + hash + ".cache"
        }
    }

    func place(for folder: SessionsFolder) -> Place? {
        guard let resolved = realpath(folder.path, nil) else { return nil }
        let real = String(cString: resolved)
        free(resolved)
        guard let program = CacheFolder.program else { return nil }
        return Place(directory: directory, folder: real, hash: hexadecimal(Array(real.utf8).withUnsafeBytes(checksum)), program: program)
    }

    /// The running program's file (device, inode, size, modification time): a cache written by
    /// another build of Quipu, whose summaries may be computed differently, is not trusted.
    static let program: String? = {
        var st = stat()
        guard stat("/proc/self/exe", &st) == 0 else { return nil }
        return "\(st.st_dev):\(st.st_ino):\(st.st_size):\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
    }()
}
