/* The real clock (the system's two clocks) and the virtual clock (time
 * that moves only when told to). Knows nothing of timers or the loop. */
#include "config.h"

#include <time.h>

#include "sfn/clock.h"

static int64_t read_ms(clockid_t id)
{
	struct timespec ts;

	/* Both clocks exist on every POSIX.1-2008 system; a failure would
	 * be a bad clock id, which the two callers below never pass. */
	if (clock_gettime(id, &ts) != 0)
		return 0;
	return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t real_wall(const struct sfn_clock *clock)
{
	(void) clock;
	return read_ms(CLOCK_REALTIME);
}

static int64_t real_mono(const struct sfn_clock *clock)
{
	(void) clock;
	return read_ms(CLOCK_MONOTONIC);
}

void sfn_clock_init_real(struct sfn_clock *clock)
{
	clock->wall_ms = real_wall;
	clock->mono_ms = real_mono;
	clock->advance = NULL;
}

static int64_t virtual_wall(const struct sfn_clock *clock)
{
	const struct sfn_vclock *v = (const struct sfn_vclock *) clock;

	return v->wall_start + v->mono;
}

static int64_t virtual_mono(const struct sfn_clock *clock)
{
	return ((const struct sfn_vclock *) clock)->mono;
}

static void virtual_advance(struct sfn_clock *clock, int64_t ms)
{
	struct sfn_vclock *v = (struct sfn_vclock *) clock;

	if (ms > 0)
		v->mono += ms;
}

void sfn_vclock_init(struct sfn_vclock *vclock, int64_t wall_start_ms)
{
	vclock->clock.wall_ms = virtual_wall;
	vclock->clock.mono_ms = virtual_mono;
	vclock->clock.advance = virtual_advance;
	vclock->wall_start = wall_start_ms;
	vclock->mono = 0;
}

int sfn_clock_is_virtual(const struct sfn_clock *clock)
{
	return clock->advance != NULL;
}
