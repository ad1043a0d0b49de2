/* The interactive designer.  The only part of hatopo that includes curses. */
#ifndef HATOPO_TUI_H
#define HATOPO_TUI_H

/* Open the designer on path (a new design when path is NULL or names a
 * file that does not exist yet).  Returns the process exit code; a design
 * that fails to load is reported on stderr before the screen is touched. */
int tui_run(const char *path);

/* Put the terminal back the way it was.  Idempotent; safe to call from
 * any exit path. */
void tui_restore(void);

#endif
