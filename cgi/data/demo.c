/*
 * Demonstration data: the generator (a command-line tool, so libpq's
 * blocking calls, as the migrator) and the flag of the public pages.
 * The SQL sent is the text of sql/demo/generate.sql, ours, and the
 * constant statements below; every value is a parameter.
 */
#include <sys/stat.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "data/db.h"
#include "data/demo.h"

#define DEMO_SQL_MAX_BYTES	(1024u * 1024u)
/* Serializes runs, for the session. */
#define DEMO_LOCK	"SELECT pg_advisory_lock(3336566)"
#define DEMO_ANALYZE	"ANALYZE communications, communication_mandates, " \
	"communication_outcomes, communication_stats, replies, visits, " \
	"visit_status_changes, standing_invitations, recommendations, " \
	"recommendation_updates, submissions"

const char *const demo_kind_name[DEMO__MAX] = {
	"communications", "visits", "recommendations", "submissions",
};

/* visits: 5,800 request days times distinct mandates (generate.sql). */
const int64_t demo_kind_max[DEMO__MAX] = {
	1000000, 200000, 2000000, 10000000,
};

/* Rows per call: small enough for a smooth progress bar. */
static const int64_t chunk[DEMO__MAX] = { 2000, 4000, 5000, 20000 };

static const char *const fill_sql[DEMO__MAX] = {
	"SELECT pg_temp.demo_communications($1, $2, $3)",
	"SELECT pg_temp.demo_visits($1, $2, $3)",
	"SELECT pg_temp.demo_recommendations($1, $2, $3)",
	"SELECT pg_temp.demo_submissions($1, $2, $3)",
};

/* The text of sql_dir/demo/generate.sql, NUL-terminated; free() it. */
static char *
read_generator(const char *sql_dir)
{
	char		 path[4096];
	struct stat	 st;
	FILE		*fp;
	char		*text = NULL;

	if ((size_t)snprintf(path, sizeof(path), "%s/demo/generate.sql",
	    sql_dir) >= sizeof(path) || (fp = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "demo-data: cannot open %s/demo/generate.sql\n",
		    sql_dir);
		return NULL;
	}
	if (fstat(fileno(fp), &st) == 0 && st.st_size > 0 &&
	    (size_t)st.st_size <= DEMO_SQL_MAX_BYTES &&
	    (text = malloc((size_t)st.st_size + 1)) != NULL &&
	    fread(text, 1, (size_t)st.st_size, fp) == (size_t)st.st_size)
		text[st.st_size] = '\0';
	else {
		fprintf(stderr, "demo-data: cannot read %s\n", path);
		free(text);
		text = NULL;
	}
	fclose(fp);
	return text;
}

/* Run sql with text parameters; the result, or NULL after a message. */
static PGresult *
query(PGconn *c, const char *sql, int n, const char *const *params)
{
	PGresult	*res;

	res = n == 0 ? PQexec(c, sql) :
	    PQexecParams(c, sql, n, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) == PGRES_COMMAND_OK ||
	    PQresultStatus(res) == PGRES_TUPLES_OK)
		return res;
	fprintf(stderr, "demo-data: %s", PQerrorMessage(c));
	PQclear(res);
	return NULL;
}

static int
run_ok(PGconn *c, const char *sql, int n, const char *const *params)
{
	PGresult	*res = query(c, sql, n, params);

	PQclear(res);
	return res != NULL ? 0 : -1;
}

/* One integer from a one-row, one-column query; -1 on error. */
static int64_t
scalar(PGconn *c, const char *sql)
{
	PGresult	*res = query(c, sql, 0, NULL);
	int64_t		 v = -1;

	if (res != NULL && PQntuples(res) == 1 && !PQgetisnull(res, 0, 0))
		v = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return v;
}

/*
 * What the database holds: fills run->had from its demo_data row, or
 * refuses a database whose monitoring data is not demonstration data,
 * one without reference data, or another seed.
 */
static enum demo_result
preflight(PGconn *c, struct demo_run *run)
{
	PGresult	*res;
	int64_t		 seed, real;
	int		 k;

	if (scalar(c, "SELECT count(*) FROM states") <= 0 ||
	    scalar(c, "SELECT count(*) FROM mandates WHERE kind = 'thematic' "
	    "AND active") <= 0) {
		fprintf(stderr, "demo-data: no reference data (States, "
		    "mandates): run portal load-reference first\n");
		return DEMO_REFUSED;
	}
	res = query(c, "SELECT seed, communications, visits, recommendations, "
	    "submissions FROM demo_data", 0, NULL);
	if (res == NULL)
		return DEMO_FAILED;
	if (PQntuples(res) == 0) {
		PQclear(res);
		real = scalar(c, "SELECT (SELECT count(*) FROM communications) + "
		    "(SELECT count(*) FROM visits) + "
		    "(SELECT count(*) FROM recommendations)");
		if (real != 0) {
			if (real > 0)
				fprintf(stderr, "demo-data: this database holds "
				    "%" PRId64 " communications, visits or "
				    "recommendations that are not demonstration "
				    "data: refusing to mix demo data in\n", real);
			return real > 0 ? DEMO_REFUSED : DEMO_FAILED;
		}
		return DEMO_ADDED;
	}
	seed = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	for (k = 0; k < DEMO__MAX; k++)
		run->had[k] = strtoll(PQgetvalue(res, 0, k + 1), NULL, 10);
	PQclear(res);
	if (seed != run->seed) {
		fprintf(stderr, "demo-data: the demo data here was made with "
		    "seed %" PRId64 ", not %" PRId64 ": refusing to mix them\n",
		    seed, run->seed);
		return DEMO_REFUSED;
	}
	return DEMO_ADDED;
}

/* The demo_data row: the rows made so far. */
static int
mark(PGconn *c, const struct demo_run *run, const int64_t *done)
{
	char		 v[1 + DEMO__MAX][24];
	const char	*params[1 + DEMO__MAX];
	int		 k;

	(void)snprintf(v[0], sizeof(v[0]), "%" PRId64, run->seed);
	params[0] = v[0];
	for (k = 0; k < DEMO__MAX; k++) {
		(void)snprintf(v[k + 1], sizeof(v[k + 1]), "%" PRId64, done[k]);
		params[k + 1] = v[k + 1];
	}
	return run_ok(c, "INSERT INTO demo_data AS d (seed, communications, "
	    "visits, recommendations, submissions) VALUES ($1, $2, $3, $4, $5) "
	    "ON CONFLICT (one) DO UPDATE SET communications = "
	    "excluded.communications, visits = excluded.visits, "
	    "recommendations = excluded.recommendations, submissions = "
	    "excluded.submissions, loaded_at = now()", 1 + DEMO__MAX, params);
}

/*
 * Rows done+1 .. want of one kind, a range per transaction, each
 * recorded in demo_data with its rows: a run that stops keeps what it
 * committed, marked, and the next run goes on from there. (One
 * transaction for everything was slower and slower: the summary rows
 * that every letter updates kept every version until the commit.)
 */
static int
fill(PGconn *c, struct demo_run *run, int64_t *done, enum demo_kind k)
{
	char		 seed[24], a[24], b[24];
	const char	*params[3] = { seed, a, b };
	int64_t		 to;

	(void)snprintf(seed, sizeof(seed), "%" PRId64, run->seed);
	while (done[k] < run->want[k]) {
		to = done[k] + chunk[k] < run->want[k] ? done[k] + chunk[k] :
		    run->want[k];
		(void)snprintf(a, sizeof(a), "%" PRId64, done[k] + 1);
		(void)snprintf(b, sizeof(b), "%" PRId64, to);
		if (run_ok(c, "BEGIN", 0, NULL) == -1)
			return -1;
		if (run_ok(c, fill_sql[k], 3, params) == -1)
			goto fail;
		done[k] = to;
		if (mark(c, run, done) == -1 || run_ok(c, "COMMIT", 0, NULL) == -1)
			goto fail;
		if (run->progress != NULL)
			run->progress(k, done[k], run->want[k], run->arg);
	}
	return 0;
fail:
	(void)run_ok(c, "ROLLBACK", 0, NULL);
	return -1;
}

static int
anything_to_add(const struct demo_run *run)
{
	int	 k;

	for (k = 0; k < DEMO__MAX; k++)
		if (run->want[k] > run->had[k])
			return 1;
	return 0;
}

/*
 * The first transaction: check the database, load the generator, make
 * the session's lookup tables, the standing invitations and the mark.
 */
static enum demo_result
begin_run(PGconn *c, const char *sql, struct demo_run *run)
{
	char		 seed[24];
	const char	*params[1] = { seed };
	enum demo_result rv;

	(void)snprintf(seed, sizeof(seed), "%" PRId64, run->seed);
	if (run_ok(c, "BEGIN", 0, NULL) == -1)
		return DEMO_FAILED;
	if ((rv = preflight(c, run)) == DEMO_ADDED && !anything_to_add(run))
		rv = DEMO_NOTHING;
	if (rv == DEMO_ADDED && (run_ok(c, sql, 0, NULL) == -1 ||
	    run_ok(c, "SELECT pg_temp.demo_prepare($1)", 1, params) == -1 ||
	    run_ok(c, "SELECT pg_temp.demo_invitations($1)", 1, params) == -1 ||
	    mark(c, run, run->had) == -1 || run_ok(c, "COMMIT", 0, NULL) == -1))
		rv = DEMO_FAILED;
	if (rv != DEMO_ADDED)
		(void)run_ok(c, "ROLLBACK", 0, NULL);
	return rv;
}

static enum demo_result
generate(PGconn *c, const char *sql, struct demo_run *run)
{
	int64_t		 done[DEMO__MAX];
	enum demo_result rv;
	int		 k;

	if (run_ok(c, DEMO_LOCK, 0, NULL) == -1)
		return DEMO_FAILED;
	if ((rv = begin_run(c, sql, run)) != DEMO_ADDED)
		return rv;
	memcpy(done, run->had, sizeof(done));
	for (k = 0; k < DEMO__MAX; k++)
		if (fill(c, run, done, (enum demo_kind)k) == -1) {
			fprintf(stderr, "demo-data: stopped; the rows made so far "
			    "are kept and marked: run it again to go on\n");
			return DEMO_FAILED;
		}
	/* Plans made before autovacuum's next pass must know the sizes. */
	return run_ok(c, DEMO_ANALYZE, 0, NULL) == 0 ? DEMO_ADDED : DEMO_FAILED;
}

enum demo_result
demo_generate(const char *conninfo, const char *sql_dir, struct demo_run *run)
{
	PGconn		*c;
	char		*sql;
	enum demo_result rv = DEMO_FAILED;

	memset(run->had, 0, sizeof(run->had));
	if ((sql = read_generator(sql_dir)) == NULL)
		return DEMO_FAILED;
	c = PQconnectdb(conninfo);
	if (PQstatus(c) != CONNECTION_OK)
		fprintf(stderr, "demo-data: cannot connect: %s",
		    PQerrorMessage(c));
	else if (run_ok(c, "SET client_min_messages = warning", 0, NULL) == 0)
		rv = generate(c, sql, run);
	PQfinish(c);
	free(sql);
	return rv;
}

int
demo_flag_query(void)
{
	PGresult	*res;
	int		 on;

	if (db_exec(STMT_DEMO_FLAG, NULL, 0, &res) != DB_OK)
		return -1;
	on = PQntuples(res) == 1 && strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	PQclear(res);
	return on;
}
