/* The designer's screen.  This build shows a design as an outline with an
 * inspector; editing, what-if and the matrix view come with the engine.
 * Signals only set flags; tui_restore() is the one way back to a normal
 * terminal. */
#include "tui/tui.h"

#include <curses.h>
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "model/design.h"
#include "render/outline.h"
#include "render/summary.h"

#define TUI_MIN_COLS 80
#define TUI_MIN_ROWS 24

enum tui_role { ROLE_NORMAL, ROLE_TITLE, ROLE_SELECTED, ROLE_STATUS,
	ROLE_DIM, ROLE_NOTICE };

static volatile sig_atomic_t tui_quit_signal;
static bool tui_started;
static struct termios tui_saved_termios;
static bool tui_have_termios;

struct tui {
	const char *path;
	bool is_new;
	struct design *d;
	struct outline outline;
	size_t sel;
	size_t top;
	bool help;
	bool color;
};

static void
tui_on_signal(int sig)
{
	tui_quit_signal = sig;
}

/* A crash cannot return to the main loop: put the tty back with
 * async-signal-safe calls only, then die of the same signal. */
static void
tui_on_crash(int sig)
{
	static const char reset[] = "\033[?1000l\033[?1002l\033[?1006l"
	    "\033[0m\033[?25h\033[?1049l\r\n";

	if (tui_have_termios)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &tui_saved_termios);
	if (write(STDOUT_FILENO, reset, sizeof reset - 1) < 0)
		_exit(128 + sig);
	signal(sig, SIG_DFL);
	raise(sig);
}

void
tui_restore(void)
{
	if (!tui_started)
		return;
	tui_started = false;
	curs_set(1);
	attrset(A_NORMAL);
	endwin();
	if (tui_have_termios)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &tui_saved_termios);
	fflush(stdout);
}

static void
tui_install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tui_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = tui_on_crash;
	sa.sa_flags = (int)SA_RESETHAND;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
}

static attr_t
role(const struct tui *t, enum tui_role r)
{
	switch (r) {
	case ROLE_TITLE:
		return A_BOLD | (t->color ? COLOR_PAIR(1) : 0);
	case ROLE_SELECTED:
		return A_REVERSE;
	case ROLE_STATUS:
		return t->color ? COLOR_PAIR(2) : A_REVERSE;
	case ROLE_DIM:
		return A_DIM;
	case ROLE_NOTICE:
		return A_BOLD;
	case ROLE_NORMAL:
		break;
	}
	return A_NORMAL;
}

static void
put_line(int y, int x, int width, const char *s, attr_t attr)
{
	attrset(attr);
	mvaddnstr(y, x, s, width);
	for (int c = getcurx(stdscr); c < x + width && c >= x; c++)
		addch(' ');
	attrset(A_NORMAL);
}

static void
draw_help(struct tui *t)
{
	static const char *const lines[] = {
		"hatopo keys",
		"",
		"  Up/k, Down/j     move the selection",
		"  PgUp, PgDn       move a page",
		"  Home/g, End/G    first, last object",
		"  ?, F1            this help (any key closes it)",
		"  q                quit",
		"",
		"Editing, what-if failures and the failover matrix",
		"come with the route engine; use 'hatopo validate' meanwhile.",
	};
	int n = (int)(sizeof lines / sizeof lines[0]);

	erase();
	for (int i = 0; i < n && i < LINES; i++)
		put_line(i + 1, 2, COLS - 4, lines[i], i == 0 ?
		    role(t, ROLE_TITLE) : A_NORMAL);
}

static void
draw(struct tui *t)
{
	int list_w = COLS / 2, body = LINES - 2;
	char buf[512], *summary, *info;
	int y;

	if (COLS < TUI_MIN_COLS || LINES < TUI_MIN_ROWS) {
		erase();
		snprintf(buf, sizeof buf, "terminal too small: %dx%d, hatopo "
		    "needs %dx%d", COLS, LINES, TUI_MIN_COLS, TUI_MIN_ROWS);
		put_line(LINES / 2, 0, COLS, buf, role(t, ROLE_NOTICE));
		put_line(LINES / 2 + 1, 0, COLS, "enlarge the window, or q to quit",
		    A_NORMAL);
		refresh();
		return;
	}
	if (t->help) {
		draw_help(t);
		refresh();
		return;
	}
	erase();
	summary = summary_counts(t->d);
	snprintf(buf, sizeof buf, " hatopo  %s%s  %s", t->path ? t->path :
	    "(new design)", t->is_new ? " [new]" : "", t->d->name);
	put_line(0, 0, COLS, buf, role(t, ROLE_TITLE));
	if (t->sel < t->top)
		t->top = t->sel;
	if (t->sel >= t->top + (size_t)body)
		t->top = t->sel - (size_t)body + 1;
	for (y = 0; y < body && t->top + (size_t)y < t->outline.count; y++) {
		const struct outline_row *r = &t->outline.rows[t->top + (size_t)y];

		snprintf(buf, sizeof buf, "%*s%s", 2 * r->depth + 1, "", r->text);
		put_line(y + 1, 0, list_w - 1, buf, t->top + (size_t)y == t->sel ?
		    role(t, ROLE_SELECTED) : A_NORMAL);
	}
	attrset(role(t, ROLE_DIM));
	mvvline(1, list_w - 1, ACS_VLINE, body);
	attrset(A_NORMAL);
	if (t->outline.count > 0) {
		char *line, *save = NULL;

		info = outline_inspect(t->d, &t->outline.rows[t->sel]);
		y = 1;
		for (line = strtok_r(info, "\n", &save); line && y <= body;
		    line = strtok_r(NULL, "\n", &save), y++)
			put_line(y, list_w + 1, COLS - list_w - 2, line, y == 1 ?
			    role(t, ROLE_TITLE) : A_NORMAL);
		free(info);
	}
	snprintf(buf, sizeof buf, " %s   j/k move  ? help  q quit", summary);
	put_line(LINES - 1, 0, COLS, buf, role(t, ROLE_STATUS));
	free(summary);
	refresh();
}

static void
move_sel(struct tui *t, long delta)
{
	long n = (long)t->outline.count, s = (long)t->sel + delta;

	if (n == 0)
		return;
	if (s < 0)
		s = 0;
	if (s >= n)
		s = n - 1;
	t->sel = (size_t)s;
}

/* Returns false when the loop should end. */
static bool
handle_key(struct tui *t, int ch)
{
	int page = LINES > 4 ? LINES - 3 : 1;

	if (t->help) {
		t->help = false;
		return ch != 'q';
	}
	switch (ch) {
	case 'q':
		return false;
	case KEY_UP:
	case 'k':
		move_sel(t, -1);
		break;
	case KEY_DOWN:
	case 'j':
		move_sel(t, 1);
		break;
	case KEY_PPAGE:
		move_sel(t, -page);
		break;
	case KEY_NPAGE:
		move_sel(t, page);
		break;
	case KEY_HOME:
	case 'g':
		t->sel = 0;
		break;
	case KEY_END:
	case 'G':
		move_sel(t, (long)t->outline.count);
		break;
	case '?':
	case KEY_F(1):
		t->help = true;
		break;
	default:
		break;
	}
	return true;
}

static int
tui_open(struct tui *t, const char *path)
{
	struct error e = ERROR_INIT;
	struct stat st;

	memset(t, 0, sizeof *t);
	t->path = path;
	if (path == NULL || (stat(path, &st) != 0 && errno == ENOENT)) {
		t->d = design_new();
		t->is_new = path != NULL;
		return 0;
	}
	if (design_load(path, &t->d, &e) != 0) {
		char *s = error_string(&e);

		fputs(s, stderr);
		fprintf(stderr, "hatopo: %s was not opened; fix it or run "
		    "'hatopo validate %s'\n", path, path);
		free(s);
		error_clear(&e);
		return -1;
	}
	return 0;
}

int
tui_run(const char *path)
{
	struct tui t;
	bool running = true;

	if (tui_open(&t, path) != 0)
		return 2;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "hatopo: the designer needs a terminal; for "
		    "scripts use 'hatopo validate' and the other subcommands\n");
		design_free(&t.d);
		return 2;
	}
	/* LC_CTYPE only: numbers in files stay in the C locale. */
	setlocale(LC_CTYPE, "");
	if (tcgetattr(STDIN_FILENO, &tui_saved_termios) == 0)
		tui_have_termios = true;
	tui_install_signals();
	if (initscr() == NULL) {
		fprintf(stderr, "hatopo: cannot initialise the terminal\n");
		design_free(&t.d);
		return 2;
	}
	tui_started = true;
	atexit(tui_restore);
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	timeout(250);
	t.color = has_colors() && getenv("NO_COLOR") == NULL;
	if (t.color) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_CYAN, -1);
		init_pair(2, COLOR_BLACK, COLOR_CYAN);
	}
	outline_build(t.d, &t.outline);
	draw(&t);
	while (running && !tui_quit_signal) {
		int ch = getch();

		if (ch == ERR)
			continue;
		if (ch == KEY_RESIZE)
			;
		else if (COLS < TUI_MIN_COLS || LINES < TUI_MIN_ROWS)
			running = ch != 'q';
		else
			running = handle_key(&t, ch);
		if (running)
			draw(&t);
	}
	tui_restore();
	outline_free(&t.outline);
	design_free(&t.d);
	if (tui_quit_signal)
		return 128 + tui_quit_signal;
	return 0;
}
