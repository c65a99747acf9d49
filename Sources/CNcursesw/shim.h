// Shim between Swift and the system ncursesw.
//
// SwiftPM does not pass pkg-config's -D flags to the module's headers, so the wide-character
// API has to be switched on here, before <ncurses.h> is read. Everything ncurses exposes only
// as a macro (stdscr, getmaxyx, A_BOLD, COLOR_PAIR, the multi-word KEY_ codes, mvaddnwstr, ...)
// is wrapped in a `static inline quipu_` function or an enum constant that Swift can import.
#ifndef QUIPU_CNCURSESW_SHIM_H
#define QUIPU_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <wchar.h>
#include <ncurses.h>

// Result codes and key codes, as plain integer constants.
enum {
    QUIPU_OK = OK,
    QUIPU_ERR = ERR,
    QUIPU_KEY_CODE_YES = KEY_CODE_YES,
    QUIPU_KEY_RESIZE = KEY_RESIZE,
    QUIPU_KEY_UP = KEY_UP,
    QUIPU_KEY_DOWN = KEY_DOWN,
    QUIPU_KEY_LEFT = KEY_LEFT,
    QUIPU_KEY_RIGHT = KEY_RIGHT,
    QUIPU_KEY_HOME = KEY_HOME,
    QUIPU_KEY_END = KEY_END,
    QUIPU_KEY_PPAGE = KEY_PPAGE,
    QUIPU_KEY_NPAGE = KEY_NPAGE,
    QUIPU_KEY_BACKSPACE = KEY_BACKSPACE,
    QUIPU_KEY_DC = KEY_DC,
    QUIPU_KEY_ENTER = KEY_ENTER,
    QUIPU_KEY_BTAB = KEY_BTAB,
    QUIPU_KEY_F0 = KEY_F0,
    QUIPU_KEY_F63 = KEY_F(63),
};

// Like initscr, but returns NULL for an unusable terminal instead of exiting the process.
// (Swift 6 also rejects the C globals stdin and stdout, hence the wrapper.)
static inline SCREEN *quipu_newterm(void) { return newterm(NULL, stdout, stdin); }

// glibc declares wcwidth only for _XOPEN_SOURCE, which the already-built C library module did
// not see; ncurses measures characters with it, so Quipu must measure with it too.
extern int wcwidth(wchar_t c);
static inline int quipu_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

// Swift 6 rejects the mutable C global `stdscr`; reach it through a function.
static inline WINDOW *quipu_stdscr(void) { return stdscr; }

// Where the window's cursor is: after doupdate, where the terminal's cursor is.
static inline int quipu_getcury(WINDOW *window) { return getcury(window); }
static inline int quipu_getcurx(WINDOW *window) { return getcurx(window); }

static inline int quipu_getmaxy(WINDOW *window) { int y, x; getmaxyx(window, y, x); (void)x; return y; }
static inline int quipu_getmaxx(WINDOW *window) { int y, x; getmaxyx(window, y, x); (void)y; return x; }

static inline int quipu_colors(void) { return COLORS; }
static inline int quipu_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t quipu_a_normal(void) { return A_NORMAL; }
static inline attr_t quipu_a_bold(void) { return A_BOLD; }
static inline attr_t quipu_a_reverse(void) { return A_REVERSE; }
static inline attr_t quipu_a_underline(void) { return A_UNDERLINE; }
static inline attr_t quipu_a_dim(void) { return A_DIM; }
static inline attr_t quipu_color_pair(int pair) { return (attr_t)COLOR_PAIR(pair); }

// Sets the window's attributes and colour pair for the text written next.
static inline int quipu_attr_set(WINDOW *window, attr_t attributes, int pair) {
    return wattr_set(window, attributes, (short)pair, NULL);
}

// Moves to (y, x) and writes at most n wide characters.
static inline int quipu_mvwaddnwstr(WINDOW *window, int y, int x, const wchar_t *text, int n) {
    return mvwaddnwstr(window, y, x, text, n);
}

// wget_wch with the key written to *key: returns QUIPU_OK (a character), QUIPU_KEY_CODE_YES
// (a KEY_ code) or QUIPU_ERR (no input before the timeout).
static inline int quipu_wget_wch(WINDOW *window, unsigned int *key) {
    wint_t value = 0;
    int code = wget_wch(window, &value);
    *key = (unsigned int)value;
    return code;
}

// The terminal's size as the kernel knows it now. ncurses learns of a resize from SIGWINCH,
// and a signal that lands while it is handling the previous one is lost; comparing against this
// on every idle tick catches the storm's last resize.
#include <sys/ioctl.h>
#include <unistd.h>
static inline int quipu_terminal_size(int *rows, int *columns) {
    struct winsize size;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return -1;
    *rows = size.ws_row;
    *columns = size.ws_col;
    return 0;
}

// Whether the terminal type TERM names can place the cursor (terminfo `cup`), read from the
// terminfo database without sending the terminal anything: 1 yes, 0 no, -1 when TERM is unset or
// unknown. Last in this file: <term.h> defines every capability's name (`lines`, `columns`…) as
// a macro.
#include <term.h>
static inline int quipu_terminal_places_cursor(void) {
    int error = 0;
    if (setupterm(NULL, STDOUT_FILENO, &error) != OK) return -1;
    const char *cup = tigetstr("cup");
    int places = cup != NULL && cup != (const char *)-1;
    del_curterm(cur_term);
    return places;
}

#endif
