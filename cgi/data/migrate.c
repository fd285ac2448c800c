/*
 * The migrator: a command-line tool, so it uses libpq's blocking calls.
 * Migration files are ours (in the repository), not outside input; still,
 * their names are checked and their sizes bounded.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>
#include <sodium.h>

#include "data/migrate.h"

#define MIGRATION_MAX_BYTES	(8u * 1024u * 1024u)
#define MIGRATIONS_MAX		1000
#define MIGRATE_LOCK_KEY	"7305202611"	/* pg_advisory_lock key */

struct sqlfile {
	char	 name[128];
	int	 version;	/* -1 for reference files */
};

static int
name_ok(const char *name, int numbered)
{
	size_t	 i, len = strlen(name);

	if (len < 5 || len >= sizeof(((struct sqlfile *)0)->name) ||
	    strcmp(name + len - 4, ".sql") != 0)
		return 0;
	for (i = 0; i < len - 4; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		    (name[i] >= '0' && name[i] <= '9') || name[i] == '_'))
			return 0;
	if (numbered) {
		for (i = 0; i < 4; i++)
			if (name[i] < '0' || name[i] > '9')
				return 0;
		if (name[4] != '_')
			return 0;
	}
	return 1;
}

static int
sqlfile_cmp(const void *a, const void *b)
{
	return strcmp(((const struct sqlfile *)a)->name,
	    ((const struct sqlfile *)b)->name);
}

/* The .sql files of dir, sorted by name. -1 on error. */
static int
list_sql(const char *dir, int numbered, struct sqlfile *out, size_t max)
{
	DIR		*d;
	struct dirent	*e;
	size_t		 n = 0;

	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "migrate: cannot open %s\n", dir);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || strlen(e->d_name) < 5 ||
		    strcmp(e->d_name + strlen(e->d_name) - 4, ".sql") != 0)
			continue;
		if (!name_ok(e->d_name, numbered) || n == max) {
			fprintf(stderr, "migrate: unexpected file %s/%s\n",
			    dir, e->d_name);
			closedir(d);
			return -1;
		}
		memcpy(out[n].name, e->d_name, strlen(e->d_name) + 1);
		out[n].version = numbered ? atoi(e->d_name) : -1;
		n++;
	}
	closedir(d);
	qsort(out, n, sizeof(*out), sqlfile_cmp);
	return (int)n;
}

/* The file's text (malloc'd, NUL-terminated) and its SHA-256 in hex. */
static char *
read_sql(const char *dir, const char *name, char hex[65])
{
	unsigned char	 hash[crypto_hash_sha256_BYTES];
	char		 path[4096];
	struct stat	 st;
	FILE		*f;
	char		*text = NULL;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >=
	    sizeof(path) || (f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fstat(fileno(f), &st) == -1 || st.st_size < 0 ||
	    (uint64_t)st.st_size > MIGRATION_MAX_BYTES ||
	    (text = malloc((size_t)st.st_size + 1)) == NULL ||
	    fread(text, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
		free(text);
		fclose(f);
		return NULL;
	}
	fclose(f);
	text[st.st_size] = '\0';
	crypto_hash_sha256(hash, (unsigned char *)text, (size_t)st.st_size);
	sodium_bin2hex(hex, 65, hash, sizeof(hash));
	return text;
}

static int
exec_ok(PGconn *c, const char *sql, const char *what)
{
	PGresult	*res = PQexec(c, sql);
	int		 ok;

	ok = PQresultStatus(res) == PGRES_COMMAND_OK ||
	    PQresultStatus(res) == PGRES_TUPLES_OK;
	if (!ok)
		fprintf(stderr, "migrate: %s: %s", what, PQerrorMessage(c));
	PQclear(res);
	return ok ? 0 : -1;
}

static PGconn *
connect_owner(const char *conninfo)
{
	PGconn	*c = PQconnectdb(conninfo);

	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "migrate: cannot connect: %s",
		    PQerrorMessage(c));
		PQfinish(c);
		return NULL;
	}
	if (exec_ok(c, "SET client_min_messages = warning", "settings") == -1 ||
	    exec_ok(c, "SELECT pg_advisory_lock(" MIGRATE_LOCK_KEY ")",
	    "lock") == -1) {
		PQfinish(c);
		return NULL;
	}
	return c;
}

/* The checksum recorded for version, "" if it was never applied. */
static int
recorded(PGconn *c, int version, char sum[65])
{
	char		 v[16];
	const char	*params[1] = { v };
	PGresult	*res;
	int		 rc = -1;

	(void)snprintf(v, sizeof(v), "%d", version);
	res = PQexecParams(c, "SELECT sha256 FROM schema_migrations "
	    "WHERE version = $1", 1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) == PGRES_TUPLES_OK) {
		sum[0] = '\0';
		if (PQntuples(res) == 1)
			(void)snprintf(sum, 65, "%s", PQgetvalue(res, 0, 0));
		rc = 0;
	} else
		fprintf(stderr, "migrate: %s", PQerrorMessage(c));
	PQclear(res);
	return rc;
}

static int
apply_one(PGconn *c, const struct sqlfile *f, const char *text,
    const char *sum)
{
	char		 v[16];
	const char	*params[3] = { v, f->name, sum };
	PGresult	*res;
	int		 ok;

	(void)snprintf(v, sizeof(v), "%d", f->version);
	if (exec_ok(c, "BEGIN", f->name) == -1)
		return -1;
	if (exec_ok(c, text, f->name) == -1)
		goto fail;
	res = PQexecParams(c, "INSERT INTO schema_migrations (version, name, "
	    "sha256) VALUES ($1, $2, $3)", 3, NULL, params, NULL, NULL, 0);
	ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	PQclear(res);
	if (!ok || exec_ok(c, "COMMIT", f->name) == -1)
		goto fail;
	printf("migrate: applied %s\n", f->name);
	return 0;
fail:
	(void)exec_ok(c, "ROLLBACK", f->name);
	return -1;
}

/* Every applied version must still have its file. */
static int
check_no_missing(PGconn *c, const struct sqlfile *files, int n)
{
	PGresult	*res;
	int		 i, j, v, found, rc = 0;

	res = PQexec(c, "SELECT version, name FROM schema_migrations");
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		PQclear(res);
		return -1;
	}
	for (i = 0; i < PQntuples(res); i++) {
		v = atoi(PQgetvalue(res, i, 0));
		for (found = 0, j = 0; j < n; j++)
			if (files[j].version == v)
				found = 1;
		if (!found) {
			fprintf(stderr, "migrate: %s was applied but its file "
			    "is gone\n", PQgetvalue(res, i, 1));
			rc = -1;
		}
	}
	PQclear(res);
	return rc;
}

static int
migrate_files(PGconn *c, const char *dir, const struct sqlfile *files, int n)
{
	char	 sum[65], hex[65];
	char	*text;
	int	 i, rc;

	for (i = 0; i < n; i++) {
		if (i > 0 && files[i].version == files[i - 1].version) {
			fprintf(stderr, "migrate: two files for version %d\n",
			    files[i].version);
			return -1;
		}
		if ((text = read_sql(dir, files[i].name, hex)) == NULL) {
			fprintf(stderr, "migrate: cannot read %s\n",
			    files[i].name);
			return -1;
		}
		if (recorded(c, files[i].version, sum) == -1) {
			free(text);
			return -1;
		}
		if (sum[0] != '\0' && strcmp(sum, hex) != 0) {
			fprintf(stderr, "migrate: %s was edited after it was "
			    "applied (recorded sha256 %s, file has %s); "
			    "refusing to go on\n", files[i].name, sum, hex);
			free(text);
			return -1;
		}
		rc = sum[0] == '\0' ? apply_one(c, &files[i], text, hex) : 0;
		free(text);
		if (rc == -1)
			return -1;
	}
	return 0;
}

int
migrate_run(const char *conninfo, const char *sql_dir)
{
	static struct sqlfile	 files[MIGRATIONS_MAX];
	char			 dir[4096];
	PGconn			*c;
	int			 n, rc = 1;

	if (sodium_init() < 0)
		return 1;
	(void)snprintf(dir, sizeof(dir), "%s/migrations", sql_dir);
	if ((n = list_sql(dir, 1, files, MIGRATIONS_MAX)) == -1)
		return 1;
	if ((c = connect_owner(conninfo)) == NULL)
		return 1;
	if (exec_ok(c, "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    "version int PRIMARY KEY, name text NOT NULL, "
	    "sha256 text NOT NULL, "
	    "applied_at timestamptz NOT NULL DEFAULT now())",
	    "schema_migrations") == -1)
		goto out;
	if (check_no_missing(c, files, n) == -1 ||
	    migrate_files(c, dir, files, n) == -1)
		goto out;
	printf("migrate: schema is at version %d\n",
	    n > 0 ? files[n - 1].version : 0);
	rc = 0;
out:
	PQfinish(c);
	return rc;
}

int
migrate_load_reference(const char *conninfo, const char *sql_dir)
{
	static struct sqlfile	 files[MIGRATIONS_MAX];
	char			 dir[4096], hex[65];
	char			*text;
	PGconn			*c;
	int			 i, n, rc = 1;

	if (sodium_init() < 0)
		return 1;
	(void)snprintf(dir, sizeof(dir), "%s/reference", sql_dir);
	if ((n = list_sql(dir, 0, files, MIGRATIONS_MAX)) == -1)
		return 1;
	if ((c = connect_owner(conninfo)) == NULL)
		return 1;
	for (i = 0; i < n; i++) {
		if ((text = read_sql(dir, files[i].name, hex)) == NULL) {
			fprintf(stderr, "reference: cannot read %s\n",
			    files[i].name);
			goto out;
		}
		if (exec_ok(c, "BEGIN", files[i].name) == -1 ||
		    exec_ok(c, text, files[i].name) == -1 ||
		    exec_ok(c, "COMMIT", files[i].name) == -1) {
			(void)exec_ok(c, "ROLLBACK", files[i].name);
			free(text);
			goto out;
		}
		free(text);
		printf("reference: loaded %s\n", files[i].name);
	}
	rc = 0;
out:
	PQfinish(c);
	return rc;
}
