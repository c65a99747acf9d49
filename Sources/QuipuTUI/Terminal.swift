import QuipuCore
// The narrow interface between screens and a terminal: draw runs of cells, read keys, ring.
// The executable's ncurses adapter implements it for real; `TestTerminal` implements it in memory.

/// A key press, decoded. Printable characters (including Space) arrive as `.char`.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case char(Character)
    case enter, escape, tab, backTab
    case up, down, left, right, home, end, pageUp, pageDown
    case backspace, delete
    /// Control plus a letter, lowercase: `.ctrl("c")`. Ctrl-H, -I, -J and -M arrive as
    /// `.backspace`, `.tab` and `.enter`, because terminals send the same bytes for both.
    case ctrl(Character)
    /// Alt (Meta) plus a character, as terminals send it: Esc and the character at once.
    /// `.alt("n")` is Alt-n. A text field uses Alt-b, Alt-f and Alt-d; elsewhere it is no key,
    /// and it never means Esc followed by the character.
    case alt(Character)
    /// The terminal changed size; read the backend's `size` again and redraw everything.
    case resize
    /// F1 is `.function(1)`.
    case function(Int)
    /// Text pasted in one go (bracketed paste): inserted as text, never read as keys. Line
    /// breaks arrive as "\n"; other control characters are already removed.
    case paste(String)

    /// How help and error messages name the key: "q", "Space", "Enter", "Shift-Tab", "Ctrl-C", "F1".
    public var description: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let character): return inert(String(character))
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .ctrl(let character): return "Ctrl-" + inert(String(character)).uppercased()
        case .alt(let character): return "Alt-" + inert(String(character))
        case .resize: return "Resize"
        case .function(let number): return "F\(number)"
        case .paste: return "Paste"
        }
    }
}

/// What the run loop needs from a terminal.
public protocol TerminalBackend: AnyObject {
    /// Columns and rows, as of the last `.resize`.
    var size: (width: Int, height: Int) { get }
    /// Draws runs (from `CellBuffer.diff(from:)`) and then shows the cursor at `cursor`,
    /// or hides it when `cursor` is nil.
    func draw(_ runs: [CellRun], cursor: (x: Int, y: Int)?)
    /// The next key, waiting at most `timeoutMilliseconds` (forever when negative). Nil when
    /// no key came in time (or the terminal sent one Quipu does not use).
    func readKey(timeoutMilliseconds: Int) -> Key?
    func bell()
    /// A visible bell: the screen flashes briefly.
    func flash()
}

/// An in-memory terminal for screen tests: keeps what was drawn in `screen`, hands out scripted
/// keys, and counts bells, flashes and the work done per frame.
public final class TestTerminal: TerminalBackend {
    public private(set) var size: (width: Int, height: Int)
    /// What a person would see now.
    public private(set) var screen: CellBuffer
    public private(set) var cursor: (x: Int, y: Int)?
    /// Keys still to be read, first first.
    public var pendingKeys: [Key] = []
    public private(set) var bells = 0
    public private(set) var flashes = 0
    /// Calls to `draw`, and what they carried in total.
    public private(set) var frames = 0
    public private(set) var runsDrawn = 0
    public private(set) var cellsDrawn = 0
    public private(set) var bytesDrawn = 0

    public init(width: Int = 80, height: Int = 24) {
        size = (width, height)
        screen = CellBuffer(width: width, height: height)
    }

    /// `screen.lines()`: each row as text, trailing spaces trimmed.
    public var lines: [String] { screen.lines() }

    public func draw(_ runs: [CellRun], cursor: (x: Int, y: Int)?) {
        frames += 1
        for run in runs {
            runsDrawn += 1
            cellsDrawn += screen.put(run.text, x: run.x, y: run.y, style: run.style)
            bytesDrawn += run.text.utf8.count
        }
        self.cursor = cursor
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    public func bell() { bells += 1 }
    public func flash() { flashes += 1 }

    /// Queues keys to be read.
    public func press(_ keys: Key...) { pendingKeys.append(contentsOf: keys) }

    /// Queues `text` as one bracketed paste.
    public func paste(_ text: String) { pendingKeys.append(.paste(text)) }

    /// Queues `text` as typed, one `.char` per grapheme.
    public func type(_ text: String) { pendingKeys.append(contentsOf: text.map(Key.char)) }

    /// Changes the size as a window resize would: the screen is blanked (a real terminal's
    /// contents cannot be trusted after a resize either) and a `.resize` key is queued.
    public func resize(width: Int, height: Int) {
        size = (width, height)
        screen = CellBuffer(width: width, height: height)
        pendingKeys.append(.resize)
    }

    /// Forgets the counters, so a test can measure one frame.
    public func resetCounters() {
        frames = 0
        runsDrawn = 0
        cellsDrawn = 0
        bytesDrawn = 0
        bells = 0
        flashes = 0
    }
}
