// SPDX-License-Identifier: GPL-2.0
#include <string.h>
#include "json.h"

/* Length of the UTF-8 sequence starting at s[0] (1 if it is not a valid one). */
static size_t utf8_len(const unsigned char *s, size_t avail)
{
	size_t n = (s[0] & 0xe0) == 0xc0 ? 2 : (s[0] & 0xf0) == 0xe0 ? 3 : (s[0] & 0xf8) == 0xf0 ? 4 : 0;
	if (n == 0 || n > avail)
		return 1;
	for (size_t k = 1; k < n; k++)
		if ((s[k] & 0xc0) != 0x80)
			return 1;
	return n;
}

void json_str(FILE *f, const char *s, size_t len)
{
	fputc('"', f);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			fprintf(f, "\\%c", c);
		} else if (c == '\n') {
			fputs("\\n", f);
		} else if (c == '\t') {
			fputs("\\t", f);
		} else if (c < 0x20 || c >= 0x7f) {
			size_t n = c >= 0x80 ? utf8_len((const unsigned char *)s + i, len - i) : 1;
			if (n > 1) {
				fwrite(s + i, 1, n, f); /* valid UTF-8 stays as it is */
				i += n - 1;
			} else {
				fprintf(f, "\\u%04x", c);
			}
		} else {
			fputc(c, f);
		}
	}
	fputc('"', f);
}

void json_cstr(FILE *f, const char *s)
{
	json_str(f, s ? s : "", s ? strlen(s) : 0);
}

void json_event(struct json *j, const char *type)
{
	j->f = stdout;
	fputs("{\"type\":", j->f);
	json_cstr(j->f, type);
}

void json_end(struct json *j)
{
	fputs("}\n", j->f);
	fflush(j->f);
}

void json_key(struct json *j, const char *key)
{
	fputc(',', j->f);
	json_cstr(j->f, key);
	fputc(':', j->f);
}

void json_string(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_cstr(j->f, s);
}

void json_int(struct json *j, const char *key, long long v)
{
	json_key(j, key);
	fprintf(j->f, "%lld", v);
}

void json_bool(struct json *j, const char *key, bool v)
{
	json_key(j, key);
	fputs(v ? "true" : "false", j->f);
}
