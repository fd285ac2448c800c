/*
 * The audit chain: every staff action, append-only and hash-chained
 * (action, object, staff id, time; never content).
 *
 * Link n holds hash_n = SHA-256("portal-audit-v1\n" n "\n" hex(hash_n-1)
 * "\n" action "\n" object "\n" staff id or "" "\n" time "\n"), with
 * hash_0 = 32 zero bytes and time in RFC 3339 UTC to the second. Ids are
 * consecutive from 1, so a deleted row leaves a gap; an edited row no
 * longer matches its hash; an edit that recomputes the hash breaks the
 * next link. Caveat: removing the newest rows is not visible from the
 * chain alone (no later link names them); an operator who keeps the
 * last hash that `portal audit verify` printed detects that too.
 *
 * The application's role may only SELECT and INSERT; a trigger forbids
 * UPDATE and DELETE to everyone (a superuser must disable it first).
 */
#ifndef PORTAL_DATA_AUDIT_H
#define PORTAL_DATA_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "data/db.h"

#define AUDIT_HASH_BYTES	32

/*
 * Append a link inside the caller's transaction (it takes a transaction
 * lock so that links are never forked). staff_id 0: an operator's
 * command. action is [a-z._-]; object is a short id ("submission
 * A-2026-000001"), never content.
 */
enum db_err	audit_append(const char *action, const char *object,
		    int64_t staff_id) __attribute__((warn_unused_result));

struct audit_result {
	int64_t		 links;		/* links checked */
	int64_t		 broken;	/* id of the first broken link, 0 if none */
	const char	*why;		/* static text when broken */
	unsigned char	 last[AUDIT_HASH_BYTES];	/* the newest hash */
};

/* Check the whole chain from the start. DB_OK whatever it finds. */
enum db_err	audit_verify(struct audit_result *)
		    __attribute__((warn_unused_result));

#endif /* PORTAL_DATA_AUDIT_H */
