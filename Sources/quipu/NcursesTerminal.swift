// The real terminal: the only Swift file that imports ncurses.
//
// Screens render into a CellBuffer; the run loop passes the diff to `draw`. This adapter only
// translates: runs into wide-character ncurses output, ncurses key codes into `Key`.

import CNcursesw
import Dispatch
import Foundation
import QuipuText
import QuipuTUI
import Synchronization

final class NcursesTerminal: TerminalBackend {
    private(set) var size: (width: Int, height: Int)
    /// False when the terminal has no colours or `NO_COLOR` is set: attributes only.
    let usesColor: Bool

    private let screen: OpaquePointer
    private var restored = false
    private var currentTimeout: Int32? = nil
    private var cursorVisible: Bool? = nil
    /// Colour pairs are allocated on first use; pair 0 is the terminal's default colours.
    private var colorPairs: [UInt16: Int32] = [:]
    private var nextColorPair: Int32 = 1
    /// Whether -1 ("the terminal's own colour") may be used in a pair.
    private var hasDefaultColors = false
    /// Stand-in for a character the C library cannot display at the width we laid it out with.
    private let replacement: wchar_t

    /// Takes over the terminal. Throws, instead of exiting as `initscr` would, when standard
    /// input or output is not a terminal, the terminal type is unknown or it cannot place the
    /// cursor: a usage error (exit 2), the screens asked of the wrong place.
    init() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw UsageFailure(tr("the screens need a terminal; use the quipu commands from scripts"))
        }
        // Without this, ncurses assumes ASCII and mangles every UTF-8 character. A locale the
        // machine has not generated (`LANG=es_PE.UTF-8` on a fresh Debian) fails to set: when its
        // name says UTF-8, the characters are still UTF-8, so C.UTF-8 (always there) reads them.
        // The language of the words does not come from here (Language.fromEnvironment).
        if setlocale(LC_ALL, "") == nil {
            let env = ProcessInfo.processInfo.environment
            let asked = [env["LC_ALL"], env["LC_CTYPE"], env["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
            if asked.lowercased().replacingOccurrences(of: "-", with: "").contains("utf8") { setlocale(LC_CTYPE, "C.UTF-8") }
        }
        let name = ProcessInfo.processInfo.environment["TERM"] ?? "(unset)"
        let unknown = UsageFailure(tr("cannot use terminal type {term}; try TERM=xterm-256color", ["term": name]))
        // Asked before taking the terminal over: a terminal that cannot move the cursor (dumb, an
        // editor's shell buffer) would get the screens as a garbled stream of text.
        switch quipu_terminal_places_cursor() {
        case 0:
            throw UsageFailure(tr("this terminal (TERM={term}) cannot place the cursor; use a terminal like xterm-256color, or the quipu commands", ["term": name]))
        case 1: break
        default: throw unknown
        }
        guard let screen = quipu_newterm() else { throw unknown }
        self.screen = screen
        set_term(screen)
        raw()         // Ctrl-C, Ctrl-Z and Ctrl-S arrive as keys, so quitting always saves and restores
        noecho()
        nonl()        // Enter arrives as 13 and output newlines are not translated
        keypad(quipu_stdscr(), true)
        set_escdelay(25)
        // Home and End have several encodings, and tmux or screen often send one the terminfo
        // entry does not list; without these they arrive as Esc, "[", "1", "~".
        for (sequence, code) in [
            ("\u{1B}[1~", QUIPU_KEY_HOME), ("\u{1B}[7~", QUIPU_KEY_HOME),
            ("\u{1B}[H", QUIPU_KEY_HOME), ("\u{1B}OH", QUIPU_KEY_HOME),
            ("\u{1B}[4~", QUIPU_KEY_END), ("\u{1B}[8~", QUIPU_KEY_END),
            ("\u{1B}[F", QUIPU_KEY_END), ("\u{1B}OF", QUIPU_KEY_END),
        ] where key_defined(sequence) == 0 {
            define_key(sequence, Int32(code))
        }
        // Bracketed paste: the terminal wraps pasted text in these, so a paste is text, never keys.
        define_key("\u{1B}[200~", NcursesTerminal.pasteStart)
        define_key("\u{1B}[201~", NcursesTerminal.pasteEnd)
        NcursesTerminal.writeControl("\u{1B}[?2004h")

        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        if has_colors() && !noColor && Int(start_color()) == QUIPU_OK {
            usesColor = true
            hasDefaultColors = Int(use_default_colors()) == QUIPU_OK
        } else {
            usesColor = false
        }
        replacement = quipu_wcwidth(0xFFFD) == 1 ? 0xFFFD : wchar_t(UInt8(ascii: "?"))
        size = (Int(quipu_getmaxx(quipu_stdscr())), Int(quipu_getmaxy(quipu_stdscr())))
    }

    deinit {
        restore()
        delscreen(screen)
    }

    /// Gives the terminal back as it was (cursor, echo, line mode, main screen). Safe to call
    /// more than once; only the first call does anything.
    func restore() {
        guard !restored else { return }
        restored = true
        NcursesTerminal.writeControl("\u{1B}[?2004l")
        endwin()
    }

    // MARK: Output

    func draw(_ runs: [CellRun], cursor: (x: Int, y: Int)?) {
        guard !restored else { return }
        let window = quipu_stdscr()
        var text: [wchar_t] = []
        // Emoji sequences ncurses would lay out wider than they are drawn: written whole over
        // the cells ncurses keeps for them, once it has drawn (see appendTerminalText).
        var whole: [(x: Int, y: Int, text: String)] = []
        for run in runs where run.y >= 0 && run.y < size.height && run.x >= 0 && run.x < size.width {
            text.removeAll(keepingCapacity: true)
            var column = run.x
            for character in run.text {
                let width = displayWidth(character)
                // ncurses wraps at the right margin; a run never may.
                if column + width > size.width { break }
                if !appendTerminalText(of: character, width: width, to: &text) {
                    whole.append((column, run.y, String(character)))
                }
                column += width
            }
            guard !text.isEmpty else { continue }
            quipu_attr_set(window, attributes(for: run.style), colorPair(for: run.style))
            // Writing the bottom-right cell returns ERR (the cursor cannot advance) though the
            // character is shown, so the result is deliberately ignored.
            _ = quipu_mvwaddnwstr(window, Int32(run.y), Int32(run.x), text, Int32(text.count))
        }
        quipu_attr_set(window, quipu_a_normal(), 0)

        if let cursor, cursor.x >= 0, cursor.x < size.width, cursor.y >= 0, cursor.y < size.height {
            wmove(window, Int32(cursor.y), Int32(cursor.x))
            setCursorVisible(true)
        } else {
            setCursorVisible(false)
        }
        wnoutrefresh(window)
        doupdate()
        if !whole.isEmpty {
            // Each sequence where ncurses drew its first character, then the cursor back where
            // ncurses left it, so its idea of the terminal stays true.
            var out = ""
            for w in whole { out += "\u{1B}[\(w.y + 1);\(w.x + 1)H" + w.text }
            out += "\u{1B}[\(quipu_getcury(window) + 1);\(quipu_getcurx(window) + 1)H"
            NcursesTerminal.writeControl(out)
        }
    }

    /// Appends `character` as wide characters that ncurses will lay out in exactly `width`
    /// columns, so ncurses' idea of the cursor never drifts from the buffer's.
    ///
    /// ncurses measures with the C library's wcwidth, one code point at a time; Quipu measures
    /// whole graphemes. They agree for nearly all text. When they do not (an emoji ZWJ sequence,
    /// a character newer than the C library), the base character is kept with its combining
    /// marks and padded with spaces, or replaced by "�" when even that would not fit. False when
    /// the character is an emoji sequence whose first character fills its width: `draw` then
    /// writes the whole sequence over it (👩🏽‍🌾, not 👩).
    @discardableResult
    private func appendTerminalText(of character: Character, width: Int, to text: inout [wchar_t]) -> Bool {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let scalar = scalars.first, scalar.isASCII {
            text.append(wchar_t(scalar.value))
            return true
        }
        var libraryWidth = 0
        var printable = true
        for scalar in scalars {
            let columns = quipu_wcwidth(scalar.value)
            if columns < 0 { printable = false; break }
            libraryWidth += Int(columns)
        }
        if printable && libraryWidth == width {
            for scalar in scalars { text.append(wchar_t(scalar.value)) }
            return true
        }
        let base = scalars.first!
        let baseWidth = Int(quipu_wcwidth(base.value))
        if baseWidth >= 1 && baseWidth <= width {
            text.append(wchar_t(base.value))
            for mark in scalars.dropFirst() where mark.value != 0x200D && quipu_wcwidth(mark.value) == 0 {
                text.append(wchar_t(mark.value))
            }
            text.append(contentsOf: repeatElement(wchar_t(UInt8(ascii: " ")), count: width - baseWidth))
            return !(printable && baseWidth == width && base.properties.isEmojiPresentation && scalars.count > 1)
        } else {
            text.append(replacement)
            text.append(contentsOf: repeatElement(wchar_t(UInt8(ascii: " ")), count: max(0, width - 1)))
            return true
        }
    }

    private func attributes(for style: Style) -> attr_t {
        var attributes = quipu_a_normal()
        if style.bold { attributes |= quipu_a_bold() }
        if style.reverse { attributes |= quipu_a_reverse() }
        if style.underline { attributes |= quipu_a_underline() }
        if style.dim { attributes |= quipu_a_dim() }
        return attributes
    }

    private func colorPair(for style: Style) -> Int32 {
        guard usesColor, style.fg != .standard || style.bg != .standard else { return 0 }
        let key = UInt16(style.fg.rawValue) << 8 | UInt16(style.bg.rawValue)
        if let pair = colorPairs[key] { return pair }
        // Out of pairs (8-colour terminals may offer 64): fall back to default colours.
        guard nextColorPair < quipu_color_pairs() else { return 0 }
        let pair = nextColorPair
        guard Int(init_pair(Int16(pair), cursesColor(style.fg, isBackground: false),
                        cursesColor(style.bg, isBackground: true))) == QUIPU_OK else { return 0 }
        nextColorPair += 1
        colorPairs[key] = pair
        return pair
    }

    private func cursesColor(_ color: Color, isBackground: Bool) -> Int16 {
        switch color {
        case .standard:
            if hasDefaultColors { return -1 }
            return Int16(isBackground ? COLOR_BLACK : COLOR_WHITE)
        case .black: return Int16(COLOR_BLACK)
        case .red: return Int16(COLOR_RED)
        case .green: return Int16(COLOR_GREEN)
        case .yellow: return Int16(COLOR_YELLOW)
        case .blue: return Int16(COLOR_BLUE)
        case .magenta: return Int16(COLOR_MAGENTA)
        case .cyan: return Int16(COLOR_CYAN)
        case .white: return Int16(COLOR_WHITE)
        }
    }

    private func setCursorVisible(_ visible: Bool) {
        guard cursorVisible != visible else { return }
        cursorVisible = visible
        curs_set(visible ? 1 : 0)
    }

    func bell() { if !restored { beep() } }

    func flash() { if !restored { _ = CNcursesw.flash() } }

    // MARK: Input

    func readKey(timeoutMilliseconds: Int) -> Key? {
        guard !restored else { return nil }
        let window = quipu_stdscr()
        let timeout = Int32(clamping: max(-1, timeoutMilliseconds))
        if currentTimeout != timeout {
            wtimeout(window, timeout)
            currentTimeout = timeout
        }
        var value: UInt32 = 0
        switch Int(quipu_wget_wch(window, &value)) {
        case QUIPU_KEY_CODE_YES:
            if Int32(value) == NcursesTerminal.pasteStart { return readPaste() }
            return key(forCode: Int(value))
        case QUIPU_OK:
            if value == 27 { return keyAfterEscape() }
            return key(forCharacter: value)
        default:
            return missedResize()
        }
    }

    /// Esc alone, or Alt plus a key: terminals send Alt-n as Esc and "n" at once, and ncurses
    /// hands them over one by one. Whatever is already waiting after the Esc belongs to it, so
    /// Alt-n never reaches the screens as Esc (cancelling a form) followed by n (a command).
    private func keyAfterEscape() -> Key? {
        let window = quipu_stdscr()
        wtimeout(window, 0)
        currentTimeout = 0
        var value: UInt32 = 0
        switch Int(quipu_wget_wch(window, &value)) {
        case QUIPU_OK:
            switch value {
            case 27:
                _ = unget_wch(wchar_t(value))   // Esc Esc: two presses of Esc
                return .escape
            case 127, 8: return .ctrl("w")      // Alt-Backspace deletes the word before the cursor
            case 0..<32, 0x80..<0xA0: return nil
            default: return Unicode.Scalar(value).map { .alt(Character($0)) }
            }
        case QUIPU_KEY_CODE_YES:
            return nil                          // Alt with a function key: no key in Quipu
        default:
            return .escape
        }
    }

    /// A resize ncurses did not report (its SIGWINCH was lost in a storm of them): the kernel's
    /// size differs from the screen's, so resize the screen and report it like any other.
    private func missedResize() -> Key? {
        var rows: Int32 = 0, columns: Int32 = 0
        guard quipu_terminal_size(&rows, &columns) == 0, (Int(columns), Int(rows)) != size else { return nil }
        resizeterm(rows, columns)
        return key(forCode: QUIPU_KEY_RESIZE)
    }

    /// Key codes for the bracketed-paste markers, above any ncurses uses.
    static let pasteStart: Int32 = 0x7F00
    static let pasteEnd: Int32 = 0x7F01

    /// Everything up to the end-of-paste marker, as text. Line breaks become "\n", tabs spaces,
    /// and other control characters and escape sequences are dropped. A paste whose end marker
    /// never comes (a broken terminal) ends after a second of silence.
    private func readPaste() -> Key {
        let window = quipu_stdscr()
        wtimeout(window, 1000)
        currentTimeout = 1000
        var text = String.UnicodeScalarView()
        var lastWasCR = false
        var count = 0
        while count < TextField.capacity * 4 {
            count += 1
            var value: UInt32 = 0
            let result = Int(quipu_wget_wch(window, &value))
            if result == QUIPU_KEY_CODE_YES {
                if Int32(value) == NcursesTerminal.pasteEnd { break }
                if Int(value) == QUIPU_KEY_ENTER { text.append("\n") }
                continue
            }
            guard result == QUIPU_OK else { break }
            switch value {
            case 13: text.append("\n")
            case 10: if !lastWasCR { text.append("\n") }
            case 9: text.append(" ")
            // ESC and CSI start a sequence, BEL ends a title or link: removed with it below.
            case 7, 27, 0x9B: text.append(Unicode.Scalar(value)!)
            case 0..<32, 127, 0x80..<0xA0: break
            default: if let scalar = Unicode.Scalar(value) { text.append(scalar) }
            }
            lastWasCR = value == 13
        }
        return .paste(removingEscapeSequences(String(text)))
    }

    /// Writes a terminal mode sequence straight to the terminal (ncurses has no call for it).
    private static func writeControl(_ sequence: String) {
        fflush(nil)
        let bytes = Array(sequence.utf8)
        _ = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    private func key(forCode code: Int) -> Key? {
        switch code {
        case QUIPU_KEY_RESIZE:
            // ncurses has already resized stdscr; what is on the glass after the terminal
            // reflowed is unknown, so the next refresh repaints everything.
            size = (Int(quipu_getmaxx(quipu_stdscr())), Int(quipu_getmaxy(quipu_stdscr())))
            clearok(quipu_stdscr(), true)
            return .resize
        case QUIPU_KEY_UP: return .up
        case QUIPU_KEY_DOWN: return .down
        case QUIPU_KEY_LEFT: return .left
        case QUIPU_KEY_RIGHT: return .right
        case QUIPU_KEY_HOME: return .home
        case QUIPU_KEY_END: return .end
        case QUIPU_KEY_PPAGE: return .pageUp
        case QUIPU_KEY_NPAGE: return .pageDown
        case QUIPU_KEY_BACKSPACE: return .backspace
        case QUIPU_KEY_DC: return .delete
        case QUIPU_KEY_ENTER: return .enter
        case QUIPU_KEY_BTAB: return .backTab
        case QUIPU_KEY_F0 + 1...QUIPU_KEY_F63: return .function(code - QUIPU_KEY_F0)
        default: return nil
        }
    }

    private func key(forCharacter value: UInt32) -> Key? {
        switch value {
        case 13, 10: return .enter
        case 27: return .escape
        case 9: return .tab
        case 127, 8: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(value - 1))))
        case 0..<32, 0x80..<0xA0: return nil
        default:
            return Unicode.Scalar(value).map { .char(Character($0)) }
        }
    }
}

/// Turns SIGTERM, SIGHUP and SIGINT into a flag the run loop polls between keys, so Quipu
/// quits through its normal path: save, `restore()` the terminal, exit. Nothing runs inside a
/// signal handler: the signals are ignored at the process level and delivered to a dispatch
/// queue instead. SIGWINCH is left to ncurses, which turns it into `Key.resize`.
final class SignalWatcher: @unchecked Sendable {
    // @unchecked: `sources` is written only in init and read only in deinit.
    private let received = Atomic<Int32>(0)
    private var sources: [DispatchSourceSignal] = []
    private let signals: [Int32]

    init(signals: [Int32] = [SIGTERM, SIGHUP, SIGINT]) {
        self.signals = signals
        let queue = DispatchQueue(label: "quipu.signals")
        for signalNumber in signals {
            // A dispatch signal source only sees a signal whose default action is disabled.
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { [weak self] in
                self?.received.store(signalNumber, ordering: .releasing)
            }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for source in sources { source.cancel() }
        for signalNumber in signals { signal(signalNumber, SIG_DFL) }
    }

    /// True once any watched signal has arrived.
    var requestedQuit: Bool { receivedSignal != nil }

    /// The last signal that arrived, for an exit status of 128 + signal.
    var receivedSignal: Int32? {
        let value = received.load(ordering: .acquiring)
        return value == 0 ? nil : value
    }
}
