/*
 * The argon2id gate: a System V semaphore shared by the forked workers.
 * Every place taken is taken with SEM_UNDO, so the kernel gives it back
 * when a worker dies holding it (SIGKILL mid-hash); a POSIX semaphore
 * would keep it taken, and two such deaths would close the gate for good.
 */
#define _GNU_SOURCE		/* semtimedop */
#include <sys/types.h>
#include <sys/ipc.h>
#include <sys/sem.h>

#include <errno.h>
#include <time.h>

#include "trust/kdf_gate.h"

static int	gate = -1;

int
kdf_gate_init(unsigned max)
{
	if (gate != -1)
		kdf_gate_destroy();
	if ((gate = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600)) == -1)
		return -1;
	if (semctl(gate, 0, SETVAL, (int)max) == -1) {
		kdf_gate_destroy();
		return -1;
	}
	return 0;
}

void
kdf_gate_destroy(void)
{
	if (gate != -1)
		(void)semctl(gate, 0, IPC_RMID);
	gate = -1;
}

static int64_t
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
kdf_gate_enter(void)
{
	struct sembuf	 take = { 0, -1, SEM_UNDO };
	struct timespec	 left;
	int64_t		 deadline, ms;

	if (gate == -1)
		return 0;
	deadline = now_ms() + KDF_GATE_WAIT_MS;
	for (;;) {
		if ((ms = deadline - now_ms()) <= 0)
			return -1;
		left.tv_sec = ms / 1000;
		left.tv_nsec = (long)(ms % 1000) * 1000000L;
		if (semtimedop(gate, &take, 1, &left) == 0)
			return 0;
		if (errno != EINTR)
			return -1;
	}
}

void
kdf_gate_leave(void)
{
	struct sembuf	 give = { 0, 1, SEM_UNDO };

	if (gate != -1)
		(void)semop(gate, &give, 1);
}
