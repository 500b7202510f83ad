package io.jobqueue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JobSlotsTest {

    private static int available(JobSlots slots) {
        int taken = 0;
        while (slots.tryAcquire()) {
            taken++;
        }
        slots.release(taken);
        return taken;
    }

    private static void endJobs(JobSlots slots, int count, long nanos) {
        for (int i = 0; i < count; i++) {
            assertThat(slots.tryAcquire()).isTrue();
            slots.jobEnded(nanos);
        }
    }

    @Test
    void aFixedPrefetchNeverChanges() {
        JobSlots slots = new JobSlots(4, 2);
        endJobs(slots, 500, 1_000);
        assertThat(slots.prefetch()).isEqualTo(2);
        assertThat(available(slots)).isEqualTo(6);
    }

    @Test
    void shortJobsGrowThePrefetchToItsMaximum() {
        JobSlots slots = new JobSlots(8, -1);
        assertThat(slots.prefetch()).as("before any job ended").isEqualTo(8);

        endJobs(slots, 64, TimeUnit.MICROSECONDS.toNanos(20));

        assertThat(slots.prefetch()).isEqualTo(JobSlots.MAX_PREFETCH);
        assertThat(available(slots)).isEqualTo(8 + JobSlots.MAX_PREFETCH);
        assertThat(slots.maximum()).isEqualTo(8 + JobSlots.MAX_PREFETCH);
    }

    @Test
    void longJobsShrinkThePrefetchToOneWithoutLosingSlots() {
        JobSlots slots = new JobSlots(2, -1);
        endJobs(slots, 64, TimeUnit.MICROSECONDS.toNanos(20));
        assertThat(slots.prefetch()).isEqualTo(JobSlots.MAX_PREFETCH);

        endJobs(slots, 64 * 4, TimeUnit.SECONDS.toNanos(2));

        assertThat(slots.prefetch()).isEqualTo(1);
        assertThat(available(slots)).isEqualTo(2 + 1);
    }

    @Test
    void jobsOfMiddlingLengthKeepAboutTheHorizonOfWorkAhead() {
        JobSlots slots = new JobSlots(4, -1);
        endJobs(slots, 64 * 4, TimeUnit.MILLISECONDS.toNanos(10));
        assertThat(slots.prefetch()).isBetween(15, 25); // 4 threads × 50 ms / 10 ms = 20
    }
}
