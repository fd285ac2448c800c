/*
 * A gate on argon2id: each hash takes 64 MiB and tens of milliseconds of
 * a core, so a burst of logins or return codes could exhaust memory. At
 * most KDF_GATE_MAX hashes run at once across all workers; a request that
 * cannot get in within KDF_GATE_WAIT_MS is refused (503) instead of
 * queueing without bound.
 *
 * The gate is a System V semaphore made before the workers are forked;
 * the kernel frees a place whose holder died. Without kdf_gate_init
 * (tests, command-line tools) the gate is open.
 */
#ifndef PORTAL_TRUST_KDF_GATE_H
#define PORTAL_TRUST_KDF_GATE_H

#include <stdint.h>

#define KDF_GATE_MAX		2	/* one per core on the reference machine */
#define KDF_GATE_WAIT_MS	3000

/* Make the shared semaphore; call once in the master. 0 or -1. */
int	kdf_gate_init(unsigned max) __attribute__((warn_unused_result));
/* Remove it (the master, once its workers are gone). */
void	kdf_gate_destroy(void);
/* 0 when admitted, -1 when the wait ran out. */
int	kdf_gate_enter(void) __attribute__((warn_unused_result));
void	kdf_gate_leave(void);

#endif /* PORTAL_TRUST_KDF_GATE_H */
