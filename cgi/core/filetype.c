/*
 * Content sniffing against an allow-list of evidence types. Anything that
 * is not recognised is refused: an executable renamed photo.jpg is not a
 * photo.
 */
#include <string.h>

#include "core/filetype.h"
#include "core/utf8.h"

struct magic {
	size_t		 offset;
	const char	*bytes;
	size_t		 len;
	const char	*type;
};

#define M(off, b, t)	{ off, b, sizeof(b) - 1, t }

static const struct magic magics[] = {
	M(0, "%PDF-", "application/pdf"),
	M(0, "\x89PNG\r\n\x1a\n", "image/png"),
	M(0, "\xff\xd8\xff", "image/jpeg"),
	M(0, "GIF87a", "image/gif"),
	M(0, "GIF89a", "image/gif"),
	M(0, "II*\0", "image/tiff"),
	M(0, "MM\0*", "image/tiff"),
	M(0, "ID3", "audio/mpeg"),
	M(0, "OggS", "audio/ogg"),
	M(0, "fLaC", "audio/flac"),
	M(0, "#!AMR", "audio/amr"),
	M(0, "\x1a\x45\xdf\xa3", "video/webm"),
	M(0, "PK\x03\x04", "application/zip"),	/* also docx, xlsx, odt */
	M(0, "PK\x05\x06", "application/zip"),
	M(0, "7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
	M(0, "Rar!\x1a\x07", "application/vnd.rar"),
	M(0, "\x1f\x8b", "application/gzip"),
	M(0, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),
	M(0, "{\\rtf", "application/rtf"),
};

static int
at(const unsigned char *p, size_t n, size_t off, const char *b, size_t len)
{
	return n >= off + len && memcmp(p + off, b, len) == 0;
}

/* RIFF containers: WebP images, WAV audio, AVI video. */
static const char *
riff(const unsigned char *p, size_t n)
{
	if (!at(p, n, 0, "RIFF", 4))
		return NULL;
	if (at(p, n, 8, "WEBP", 4))
		return "image/webp";
	if (at(p, n, 8, "WAVE", 4))
		return "audio/wav";
	if (at(p, n, 8, "AVI ", 4))
		return "video/x-msvideo";
	return NULL;
}

/* ISO base media: MP4, MOV, M4A, 3GP, HEIC: "ftyp" at offset 4. */
static const char *
isobmff(const unsigned char *p, size_t n)
{
	if (!at(p, n, 4, "ftyp", 4) || n < 12)
		return NULL;
	if (at(p, n, 8, "heic", 4) || at(p, n, 8, "heix", 4) ||
	    at(p, n, 8, "mif1", 4))
		return "image/heic";
	if (at(p, n, 8, "M4A ", 4))
		return "audio/mp4";
	if (at(p, n, 8, "qt  ", 4))
		return "video/quicktime";
	if (at(p, n, 8, "3gp", 3))
		return "video/3gpp";
	return "video/mp4";
}

/* MPEG audio without an ID3 tag starts with a frame sync. */
static int
mp3_frame(const unsigned char *p, size_t n)
{
	return n >= 2 && p[0] == 0xff && (p[1] & 0xe0) == 0xe0 &&
	    (p[1] & 0x06) != 0;
}

const char *
filetype_sniff(const unsigned char *p, size_t n)
{
	const char	*t;
	size_t		 i;

	if (n == 0)
		return NULL;
	for (i = 0; i < sizeof(magics) / sizeof(magics[0]); i++)
		if (at(p, n, magics[i].offset, magics[i].bytes, magics[i].len))
			return magics[i].type;
	if ((t = riff(p, n)) != NULL || (t = isobmff(p, n)) != NULL)
		return t;
	if (mp3_frame(p, n))
		return "audio/mpeg";
	/*
	 * Plain text: UTF-8 throughout the first bytes. A multi-byte
	 * character cut at the end of the sample is forgiven.
	 */
	for (i = n; i > 0 && n - i < 3 && (p[i - 1] & 0xc0) == 0x80; i--)
		;
	if (i > 0 && (p[i - 1] & 0xc0) == 0xc0)
		i--;
	if (i > 0 && utf8_valid((const char *)p, i))
		return "text/plain";
	return NULL;
}
