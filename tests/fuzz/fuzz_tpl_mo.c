/*
 * i18n_add_mo on arbitrary bytes, as both byte orders would read them.
 * A catalog that loads must answer every lookup with a NUL-terminated
 * string: the msgid itself, or a translation inside the catalog.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "view/i18n.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const probes[] = {
	"", "a", "Hello", "Submit an allegation", "\xe4\xb8\xad",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct i18n	*t;
	const char	*s;
	char		 err[256];
	size_t		 i;

	if ((t = i18n_new()) == NULL)
		return 0;
	if (i18n_add_mo(t, LANG_FR, data, len, err, sizeof(err)) == 0) {
		for (i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
			s = i18n_get(t, LANG_FR, probes[i]);
			if (s == NULL || strlen(s) > len + strlen(probes[i]))
				abort();
		}
		if (i18n_get(t, LANG_FR, "") [0] != '\0')
			abort();
	} else if (err[0] == '\0')
		abort();
	i18n_free(t);
	return 0;
}
