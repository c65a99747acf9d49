// A writer for the durability tests: appends events to one session as fast as it can and prints
// each event's sequence number only after `append` returned, that is after fdatasync. A test
// kills it at random moments and checks that every number it printed is in the journal.
//
//   quipu-torture DIR ID WRITER COUNT
#if canImport(Glibc)
import Glibc
#endif
import QuipuCore
import QuipuStore

/// Unbuffered: a line is out of the process the moment it is written.
func say(_ text: String, to fd: Int32 = 1) {
    var bytes = Array(text.utf8)
    _ = write(fd, &bytes, bytes.count)
}

let args = CommandLine.arguments
guard args.count == 5, let count = Int(args[4]) else {
    say("usage: quipu-torture DIR ID WRITER COUNT\n", to: 2)
    exit(2)
}
let folder = SessionsFolder(path: args[1])
do {
    let journal = try folder.open(args[2], writer: args[3])
    for warning in journal.warnings { say("warning: \(warning)\n", to: 2) }
    for n in 1...count {
        let events = try journal.append(now: wallClock) {
            try $0.decide(.addIdea(text: "\(args[3]) event \(n) — ação ✓", kind: .note, by: nil, area: nil))
        }
        for event in events { say("\(event.id)\n") }
    }
} catch {
    say("quipu-torture: \(error)\n", to: 2)
    exit(1)
}
