/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A small streaming JSON writer: pretty-printed, strings escaped, invalid UTF-8 replaced. */
#ifndef PCR_JSON_H
#define PCR_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 16

struct json {
	FILE *f;
	unsigned depth;
	bool first[JSON_MAX_DEPTH]; /* no member written yet at this depth */
	bool compact;		    /* one line (JSON Lines) */
};

void json_init(struct json *j, FILE *f, bool compact);
void json_open_object(struct json *j, const char *key); /* key NULL inside arrays/top */
void json_close_object(struct json *j);
void json_open_array(struct json *j, const char *key);
void json_close_array(struct json *j);
void json_str(struct json *j, const char *key, const char *v); /* v NULL: null */
void json_num(struct json *j, const char *key, int64_t v);
void json_u64(struct json *j, const char *key, uint64_t v);
void json_hex(struct json *j, const char *key, uint64_t v); /* "0x..." */
void json_bool(struct json *j, const char *key, bool v);
void json_null(struct json *j, const char *key);
/* Ends the document with a newline. */
void json_end(struct json *j);

/* Escape s as a JSON string body into f (no quotes). */
void json_escape(FILE *f, const char *s);

#endif
