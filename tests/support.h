/* What the cmocka tests share: a design loaded from a file or a text
 * (the test fails, saying why, when it does not load) and a validity
 * check that prints the problems it finds. */
#ifndef HATOPO_TESTS_SUPPORT_H
#define HATOPO_TESTS_SUPPORT_H

#include <stdbool.h>

#include "model/design.h"

struct design *support_load_file(const char *path);
struct design *support_load_text(const char *text);
bool support_valid(const struct design *d);

#endif
