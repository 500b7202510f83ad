package io.jobqueue.cli.chaos;

/**
 * One execution of a chaos job as its worker process recorded it: which worker ran which job, and
 * when it started and ended (epoch nanoseconds of the wall clock).
 *
 * @param worker     the worker process's number in the run (1, 2, …; a replacement gets the next one)
 * @param job        the job's number (1 … submitted)
 * @param deliveries the message's delivery count when this run started, as the backend told it
 * @param start      when the job started
 * @param end        when the job returned, or {@link #OPEN} when no end was recorded (its worker was
 *                   killed, or the run was still going when the records were read)
 * @param finished   when the worker heard from the backend that the message was finished (the job
 *                   manager told its listeners), or {@link #OPEN}: the finish never reached the
 *                   backend, or its worker died before it heard
 */
public record Run(int worker, int job, int deliveries, long start, long end, long finished) {

    /** A run whose finish was not acknowledged. */
    public Run(int worker, int job, int deliveries, long start, long end) {
        this(worker, job, deliveries, start, end, OPEN);
    }

    /** The {@code end} of a run whose end was never recorded. */
    public static final long OPEN = -1;

    /** True when the job ran to its end (and returned success). */
    public boolean ended() {
        return end != OPEN;
    }

    /** True when the backend acknowledged the finish of this run's message. */
    public boolean acknowledged() {
        return finished != OPEN;
    }
}
