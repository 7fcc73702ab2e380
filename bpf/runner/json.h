/* SPDX-License-Identifier: GPL-2.0 */
/* A small JSON writer: the runner's events are one JSON object per line on stdout. */
#ifndef RUNNER_JSON_H
#define RUNNER_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* One event being written: json_event() opens it with its "type", json_end() closes
 * the line and flushes it. The json_* field writers add ,"key":value. */
struct json {
	FILE *f;
};

void json_event(struct json *j, const char *type);
void json_end(struct json *j);

void json_key(struct json *j, const char *key);
void json_string(struct json *j, const char *key, const char *s);
void json_int(struct json *j, const char *key, long long v);
void json_bool(struct json *j, const char *key, bool v);

/* String literals into any stream (the BTF formatter writes into a memory stream).
 * Bytes that are not valid UTF-8 are escaped, so the output is valid JSON whatever
 * a map holds. */
void json_str(FILE *f, const char *s, size_t len);
void json_cstr(FILE *f, const char *s);

#endif
