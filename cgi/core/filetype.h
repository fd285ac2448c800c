/*
 * What a file is, judged by its first bytes, never by its name or the
 * type the browser claims. Only types on the allow-list are accepted:
 * documents, images, audio, video and archives (kept opaque, never
 * opened). Evidence is never served inline, whatever its type.
 */
#ifndef PORTAL_CORE_FILETYPE_H
#define PORTAL_CORE_FILETYPE_H

#include <stddef.h>

#define FILETYPE_SNIFF_BYTES	512

/*
 * The media type of a file beginning with p[0..n) (n may be less than
 * FILETYPE_SNIFF_BYTES for a short file), or NULL if it is not allowed.
 */
const char	*filetype_sniff(const unsigned char *p, size_t n);

#endif /* PORTAL_CORE_FILETYPE_H */
