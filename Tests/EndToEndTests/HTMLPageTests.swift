import Foundation
import Testing

// The real binary's HTML pages, read by a real browser and a strict HTML parser. `make test`
// installs chromium and poppler-utils (apt-get) and html5lib (pip) when they are missing
// (scripts/ensure-deps.sh); where they cannot be installed, these tests are skipped and say why.

/// The pages under test, written once by the binary into a scratch folder: the example
/// sessions' pages, the plenary page, and a session whose every text is hostile markup.
enum Pages {
    static let title = "</svg><script>document.title=\"pwned\"</script>"

    struct Made {
        var dir: String
        /// Every page written, by name.
        var files: [String: String]
        var hostileID: String
    }

    static let made: Result<Made, DriverError> = {
        do { return .success(try make()) } catch let e as DriverError { return .failure(e) } catch {
            return .failure(DriverError("\(error)"))
        }
    }()

    static func page(_ name: String) throws -> String {
        let made = try made.get()
        return try #require(made.files[name], "no page \(name)")
    }

    static func make() throws -> Made {
        let dir = scratchFolder()
        for id in ["2026-11-27-watershed-management", "2026-11-28-andes", "2026-11-29-watershed-management-follow-up-on-the-workplan"] {
            try FileManager.default.copyItem(atPath: packageRoot + "/Sessions/\(id).txt", toPath: dir + "/\(id).txt")
        }
        let env = ["QUIPU_NOW": "2026-12-01T12:00:00Z", "QUIPU_WRITER": "e2e"]
        func run(_ args: [String]) throws -> String {
            let out = try quipu(args, dir: dir, environment: env)
            guard out.status == 0 else { throw DriverError("quipu \(args.joined(separator: " ")): \(out.stderr)") }
            return out.stdout
        }
        let id = try run(["new", title, "--initiative", "<b>Hostile</b>", "--facilitator", "Mallory \"><img src=x onerror=alert(1)>",
                          "--agenda", "Open <script>:10,Vote:20"]).trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try run(["timer", id, "start"])
        _ = try run(["participant", id, "add", "Ana <i>x</i>", "--org", "O'Neil & Co", "--group", "ngo"])
        _ = try run(["participant", id, "add", "Bo", "--group", "government"])
        _ = try run(["idea", id, "add", "</title><script>document.title='pwned'</script>", "--by", "P1"])
        _ = try run(["idea", id, "add", "Glacier \"monitoring\" & <svg onload=alert(1)>", "--by", "P2"])
        _ = try run(["idea", id, "add", "Decided: <u>all</u>", "--kind", "note"])
        _ = try run(["vote", id, "open", "--dots", "1", "--tie-break", "facilitator"])
        _ = try run(["vote", id, "cast", "--by", "P1", "I1"])
        _ = try run(["vote", id, "cast", "--by", "P2", "I2"])
        _ = try run(["vote", id, "close"])
        _ = try run(["vote", id, "decide", "I2", "--reason", "glaciers <cannot> wait"])
        _ = try run(["action", id, "add", "Write </td></tr><script>x</script> the note", "--owner", "P1", "--due", "2026-11"])
        _ = try run(["close", id])
        var files: [String: String] = [:]
        for name in ["2026-11-27-watershed-management", "2026-11-28-andes",
                     "2026-11-29-watershed-management-follow-up-on-the-workplan", id] {
            files[name] = dir + "/\(name).html"
            _ = try run(["export", name, "--format", "html", "--output", dir + "/\(name).html"])
        }
        files["plenary"] = dir + "/plenary.html"
        _ = try run(["report", "--plenary", "--include-planned", "--format", "html", "--output", dir + "/plenary.html"])
        files["hostile-plenary"] = dir + "/hostile-plenary.html"
        _ = try run(["report", "--plenary", "--initiative", "<b>Hostile</b>", "--format", "html", "--output", dir + "/hostile-plenary.html"])
        files["hostile"] = files[id]
        return Made(dir: dir, files: files, hostileID: id)
    }
}

/// `command -v NAME` finds it.
func installed(_ name: String) -> Bool {
    (try? spawn(["sh", "-c", "command -v \(name)"], captureOutput: true).status) == 0
}

let browserReady = installed("chromium") && installed("pdftotext") && installed("pdfinfo")
let validatorReady = (try? spawn(["python3", "-c", "import html5lib"], captureOutput: true).status) == 0

/// Runs headless chromium on a page; its profile in a folder of its own, so runs never share one.
@discardableResult
func chromium(_ arguments: [String], page: String) throws -> String {
    let profile = NSTemporaryDirectory() + "quipu-chromium-" + UUID().uuidString.prefix(8)
    defer { try? FileManager.default.removeItem(atPath: profile) }
    let result = try spawn(["timeout", "60", "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                            "--user-data-dir=" + profile] + arguments + ["file://" + page], captureOutput: true)
    guard result.status == 0 else { throw DriverError("chromium \(arguments.joined(separator: " ")) exited \(result.status)") }
    return result.output
}

/// A page printed to PDF: its text (`pdftotext -raw`, whitespace runs made one space, pages
/// apart) and its page count.
func printed(_ page: String) throws -> (pages: [String], count: Int) {
    let pdf = page + ".pdf"
    try chromium(["--no-pdf-header-footer", "--print-to-pdf=" + pdf], page: page)
    let text = try spawn(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"], captureOutput: true).output
    let info = try spawn(["pdfinfo", pdf], captureOutput: true).output
    let count = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
        .flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
    let pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map { flat(String($0)) }
    return (pages.filter { !$0.isEmpty }, count)
}

/// Whitespace runs as one space: a PDF breaks lines where the page did.
func flat(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

@Suite(.serialized) struct HTMLPageTests {
    @Test(.enabled(if: browserReady, "chromium or poppler-utils is not installed and could not be (apt-get install chromium poppler-utils): the browser checks are skipped"))
    func theSessionPagePrintsWithEveryCandidateActionAndDecision() throws {
        let (pages, count) = try printed(try Pages.page("2026-11-27-watershed-management"))
        let text = pages.joined(separator: " ")
        for needle in [
            // Every candidate, with the tie written as a tie, the method named.
            "Community water committees and local water governance", "Glacier, snow and high-wetland monitoring for water security",
            "Exchange between Andean, African and Himalayan watersheds", "Women's role in water management",
            "Integrated watershed plans shared by upstream and downstream users", "Payment for environmental services schemes",
            "Erosion control and restoration of degraded slopes", "V1: dot vote, 3 dots per member, at most 2 per item, closed",
            // Every action, and every decision.
            "Circulate a concept note on the three priority areas", "Draft terms of reference for the regional payments pilot",
            "Compile glacier and snow monitoring data from the Andes and the Himalaya",
            "Identify donors for the Río Santa restoration pilot", "Set up the initiative's mailing list and shared folder",
            "Plan the women water leaders' exchange",
            "The top three areas go to plenary; the others stay on the list for next year",
            "Rapporteur to present I3 first, then I4, I7 and I8 (tied second), and the workplan at the closing plenary",
        ] {
            #expect(text.contains(needle), "not in the PDF: \(needle)")
        }
        #expect(text.contains("=2. I4 Glacier"), "ties are ties in the chart")
        // Ten people, seven candidates twice, an agenda and six actions: a few A4 pages, not one, not a ream.
        #expect((3...7).contains(count), "\(count) pages")
    }

    @Test(.enabled(if: browserReady, "chromium or poppler-utils is not installed and could not be (apt-get install chromium poppler-utils): the browser checks are skipped"))
    func thePlenaryStartsEachInitiativeOnAPage() throws {
        let (pages, count) = try printed(try Pages.page("plenary"))
        #expect(pages.first?.hasPrefix("Conclusions for the plenary") == true)
        #expect(pages.contains { $0.hasPrefix("Andes ") }, "Andes starts a page of its own")
        let text = pages.joined(separator: " ")
        for needle in ["Adaptation of Andean ecosystems and communities to climate change", "Write to the Andean Community about the secretariat",
                       "Ask CAN (Andean Community) to host the initiative's secretariat for one year",
                       "Review of the concept note on community water committees"] {
            #expect(text.contains(needle), "not in the PDF: \(needle)")
        }
        #expect((4...14).contains(count), "\(count) pages")
    }

    @Test(.enabled(if: browserReady, "chromium or poppler-utils is not installed and could not be (apt-get install chromium poppler-utils): the browser checks are skipped"))
    func aHostilePageRunsNoScriptAndShowsItsTextAsItself() throws {
        let page = try Pages.page("hostile")
        let dom = try chromium(["--dump-dom"], page: page)
        // A script that ran would have set the title to "pwned"; the page keeps its own.
        #expect(dom.contains("<title>&lt;/svg&gt;&lt;script&gt;document.title=\"pwned\"&lt;/script&gt; — Quipu report</title>"),
                "\(dom.prefix(600))")
        #expect(!dom.contains("<script"), "no script element was made")
        #expect(!dom.contains("<img"))
        let text = try printed(page).pages.joined(separator: " ")
        #expect(text.contains(Pages.title))
        #expect(text.contains("</title><script>document.title='pwned'</script>"))
        #expect(text.contains("The facilitator chose I2"), "the tie's decision beside it")
        // And a screenshot: what the README's picture is made with.
        let png = page + ".png"
        try chromium(["--hide-scrollbars", "--window-size=1000,1400", "--screenshot=" + png], page: page)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) && bytes.count > 10_000)
    }

    @Test(.enabled(if: validatorReady, "python3 with html5lib is not available (pip install html5lib): the HTML validator is skipped"))
    func everyPageParsesStrictly() throws {
        let made = try Pages.made.get()
        let shipped = ["2026-11-27-watershed-management", "2026-11-28-andes"].map { packageRoot + "/Sessions/\($0).html" }
        let files = Set(made.files.values).sorted() + shipped
        let result = try spawn(["python3", packageRoot + "/scripts/validate-html.py"] + files, captureOutput: true)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.split(separator: "\n").filter { $0.hasPrefix("ok ") }.count == files.count)
    }
}
