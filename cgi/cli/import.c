/*
 * portal import KIND FILE.csv: load communications (with replies),
 * visits or recommendations (with updates) from a CSV file, as the
 * application role (PORTAL_DB), in one transaction: a file with any bad
 * row imports nothing, and every bad row is reported by its line number.
 * Columns: README.md, "Importing data".
 *
 * Exit status: 0 imported (or nothing to change), 1 bad rows or a
 * malformed file (nothing imported), 2 usage, 3 the database failed.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/config.h"
#include "core/csv.h"
#include "data/db.h"
#include "data/import.h"

#define IMPORT_READ_BYTES	(64u * 1024u)
#define IMPORT_REPORT_MAX	1000	/* bad rows listed; the rest counted */

struct run {
	struct imp	 imp;
	const char	*path;
	enum db_err	 dberr;
	size_t		 reported;
	int		 header_bad;
	/* progress */
	int		 tty;
	off_t		 size, done;
	int		 shown;		/* last percentage drawn */
};

static void
progress(struct run *r, int final)
{
	int	 pct, i, w = 40;

	if (!r->tty || r->size <= 0)
		return;
	pct = (int)(r->done * 100 / r->size);
	if (pct == r->shown && !final)
		return;
	r->shown = pct;
	fputc('\r', stderr);
	fputc('[', stderr);
	for (i = 0; i < w; i++)
		fputc(i < pct * w / 100 ? '#' : ' ', stderr);
	fprintf(stderr, "] %3d%%  %zu rows", pct, r->imp.n.rows);
	if (final)
		fputc('\n', stderr);
	fflush(stderr);
}

static void
report(struct run *r, size_t line, const char *reason)
{
	if (r->reported++ >= IMPORT_REPORT_MAX)
		return;
	if (r->tty && r->size > 0)
		fputc('\n', stderr);
	fprintf(stderr, "%s:%zu: %s\n", r->path, line, reason);
}

static int
on_record(const struct csv_record *rec, void *arg)
{
	struct run	*r = arg;
	char		 reason[IMP_REASON_MAX];
	int		 bad, header = !r->imp.have_header;

	if ((r->dberr = imp_record(&r->imp, rec, &bad, reason)) != DB_OK)
		return -1;
	if (bad) {
		report(r, rec->line, reason);
		if (header) {
			r->header_bad = 1;
			return -1;
		}
	}
	return 0;
}

int
cli_import(int argc, char *argv[])
{
	struct run	 r;
	struct csv	 p;
	struct stat	 st;
	enum imp_kind	 kind;
	enum csv_err	 ce = CSV_OK;
	char		 buf[IMPORT_READ_BYTES];
	FILE		*fp;
	size_t		 n;
	int		 status = 1;

	if (argc != 3 || imp_kind_parse(argv[1], &kind) == -1) {
		fprintf(stderr, "usage: portal import "
		    "communications|visits|recommendations FILE.csv\n");
		return 2;
	}
	if (config_load() == -1 || db_configure(config.db) == -1)
		return 2;
	if ((fp = fopen(argv[2], "rb")) == NULL) {
		fprintf(stderr, "import: %s: %s\n", argv[2], strerror(errno));
		return 2;
	}
	memset(&r, 0, sizeof(r));
	imp_init(&r.imp, kind);
	r.path = argv[2];
	r.tty = isatty(STDERR_FILENO);
	r.shown = -1;
	if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode))
		r.size = st.st_size;
	if (csv_init(&p, on_record, &r) == -1) {
		fclose(fp);
		fprintf(stderr, "import: out of memory\n");
		return 1;
	}
	if ((r.dberr = db_begin()) != DB_OK)
		goto out;
	while (ce == CSV_OK && (n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		ce = csv_feed(&p, buf, n);
		r.done += (off_t)n;
		progress(&r, 0);
	}
	if (ferror(fp)) {
		fprintf(stderr, "import: %s: read error\n", r.path);
		goto out;
	}
	if (ce == CSV_OK)
		ce = csv_end(&p);
	progress(&r, 1);
	if (r.dberr != DB_OK)
		goto out;
	if (ce != CSV_OK && ce != CSV_ERR_STOPPED) {
		report(&r, p.err_line, csv_strerror(ce));
		fprintf(stderr, "import: %s is not a well-formed CSV file; "
		    "nothing imported\n", r.path);
		goto out;
	}
	if (!r.imp.have_header) {
		if (!r.header_bad)
			report(&r, 1, "no header line");
		fprintf(stderr, "import: nothing imported\n");
		goto out;
	}
	if (r.imp.n.bad > 0) {
		if (r.reported > IMPORT_REPORT_MAX)
			fprintf(stderr, "import: ... and %zu more\n",
			    r.reported - IMPORT_REPORT_MAX);
		fprintf(stderr, "import: %zu bad rows of %zu; nothing "
		    "imported\n", r.imp.n.bad, r.imp.n.rows);
		goto out;
	}
	if ((r.dberr = db_commit()) != DB_OK)
		goto out;
	printf("import: %s: %zu rows: %zu added, %zu changed, %zu unchanged; "
	    "%s: %zu added, %zu unchanged\n", imp_kind_name[kind],
	    r.imp.n.rows, r.imp.n.added, r.imp.n.changed, r.imp.n.unchanged,
	    kind == IMP_COMMUNICATIONS ? "replies" : kind == IMP_VISITS ?
	    "-" : "updates", r.imp.n.sub_added, r.imp.n.sub_unchanged);
	status = 0;
out:
	if (r.dberr != DB_OK) {
		fprintf(stderr, "import: the database failed (%s); nothing "
		    "imported\n", r.dberr == DB_UNAVAILABLE ? "unavailable" :
		    "error");
		status = 3;
	}
	if (status != 0)
		db_rollback();
	db_close();
	csv_free(&p);
	fclose(fp);
	return status;
}
