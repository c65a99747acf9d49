#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QuipuCore
import QuipuText

extension SessionsFolder {
    /// `<dir>/agendas`: custom agenda templates, one `NAME.txt` each.
    public var agendasPath: String { "\(path)/agendas" }

    /// The names of the custom agendas, sorted.
    public func customAgendaNames() -> [String] {
        guard let dir = opendir(agendasPath) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard name.hasSuffix(".txt") else { continue }
            let base = String(name.dropLast(4))
            if AgendaFile.isValidName(base) { names.append(base) }
        }
        return names.sorted()
    }

    /// A custom agenda's phases, nil when there is no such file; a bad file throws
    /// `FILE:LINE:COL: message`.
    public func customAgenda(_ name: String) throws(QuipuError) -> [Phase]? {
        guard AgendaFile.isValidName(name) else { return nil }
        let path = "\(agendasPath)/\(name).txt"
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = Glibc.errno
            if code == ENOENT { return nil }
            throw QuipuError("cannot read {path}: {reason}", ["path": .text(path), "reason": .text(String(cString: strerror(code)))])
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && Glibc.errno == EINTR { continue }
            guard n >= 0 else { throw QuipuError("cannot read {path}: {reason}", ["path": .text(path), "reason": .text(String(cString: strerror(Glibc.errno)))]) }
            if n == 0 { break }
            bytes += chunk[..<n]
            guard bytes.count <= 1 << 20 else { throw QuipuError(.at("\(path):1:1", Message("an agenda file of more than 1 MB is not an agenda"))) }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw QuipuError(.at("\(path):1:1", Message("the file is not UTF-8 text")))
        }
        return try AgendaFile.parse(text, path: path)
    }

    /// A template, a custom agenda of this folder or an inline agenda, scaled by `minutes`.
    ///
    /// A built-in template's phases are named in `language` (a code such as `es`; nil: the
    /// current language), the language of the session being created.
    public func resolveAgenda(_ spec: String?, minutes: Int?, language: String? = nil) throws(QuipuError) -> [Phase] {
        var phases = try AgendaTemplate.resolve(spec, minutes: minutes, customNames: customAgendaNames(),
                                                custom: { name throws(QuipuError) in try customAgenda(name) })
        if AgendaTemplate.templates[(spec ?? AgendaTemplate.defaultName).trimmingSpaces] != nil {
            let speaker = language.map { Language(code: $0) } ?? Language.current
            for i in phases.indices {
                if let name = AgendaTemplate.phaseNames[phases[i].name] { phases[i].name = name.localized(in: speaker) }
            }
        }
        return phases
    }
}
