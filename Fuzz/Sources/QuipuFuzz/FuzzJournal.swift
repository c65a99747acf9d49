import QuipuCore
import QuipuStore

/// libFuzzer's entry point: any bytes as a journal. Parsing must never crash or hang, and every
/// event that parses must encode to a line that parses back to the same event.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJournal(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // As a whole journal (the header is prepended half of the time, so the fuzzer reaches events).
    let journal = size % 2 == 0 ? Array((JournalFormat.header + "\n").utf8) + bytes : bytes
    if let parsed = try? JournalReader.parse(journal, file: "fuzz.txt") {
        for event in parsed.events { roundTrip(event) }
        precondition(parsed.goodLength <= journal.count)
    }
    // As one line.
    if let event = try? JournalFormat.parseLine(bytes[...]) { roundTrip(event) }
    return 0
}

func roundTrip(_ event: Event) {
    let line = Array(JournalFormat.encode(event).utf8)
    precondition(line.last == 0x0A && !line.dropLast().contains(0x0A), "an event must encode to one line")
    guard let back = try? JournalFormat.parseLine(line.dropLast()) else {
        preconditionFailure("an encoded event does not parse: \(JournalReader.inertExcerpt(line[...]))")
    }
    precondition(back == event, "an event changed on its way through the journal")
}

// SwiftPM links an executable target's entry point as `<Module>_main`; hand it to libFuzzer's
// driver, which parses the fuzzer's flags and runs the loop.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32

@_cdecl("QuipuFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzJournal(data, size) }
}
