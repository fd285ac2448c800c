/*
 * The argon2id gate: a POSIX semaphore shared by the forked workers.
 */
#include <sys/mman.h>

#include <errno.h>
#include <semaphore.h>
#include <time.h>

#include "trust/kdf_gate.h"

static sem_t	*gate;

int
kdf_gate_init(unsigned max)
{
	void	*p;

	p = mmap(NULL, sizeof(sem_t), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	if (sem_init(p, 1, max) == -1) {
		munmap(p, sizeof(sem_t));
		return -1;
	}
	gate = p;
	return 0;
}

int
kdf_gate_enter(void)
{
	struct timespec	 until;

	if (gate == NULL)
		return 0;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += KDF_GATE_WAIT_MS / 1000;
	until.tv_nsec += (long)(KDF_GATE_WAIT_MS % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	while (sem_timedwait(gate, &until) == -1)
		if (errno != EINTR)
			return -1;
	return 0;
}

void
kdf_gate_leave(void)
{
	if (gate != NULL)
		(void)sem_post(gate);
}
