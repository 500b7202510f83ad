package io.jobqueue.cli.demo;

import io.jobqueue.cli.demo.DemoJob.Behaviour;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of the demo's N jobs fail: about 1 in 100 fails once and 1 in 2,000 always fails (at least
 * one of each from 20 jobs on, none below), spread evenly over the run.
 *
 * @param jobs       how many jobs
 * @param failOnce   how many fail on their first try only
 * @param alwaysFail how many fail every time
 */
public record DemoPlan(int jobs, int failOnce, int alwaysFail) {

    /** Below this many jobs, none fails. */
    static final int FAILURES_FROM = 20;

    public static DemoPlan of(int jobs) {
        if (jobs < FAILURES_FROM) {
            return new DemoPlan(jobs, 0, 0);
        }
        return new DemoPlan(jobs, Math.max(1, jobs / 100), Math.max(1, jobs / 2000));
    }

    /** The behaviour of job {@code index} (0-based). */
    public Behaviour behaviour(int index) {
        if (alwaysFail > 0) {
            int stride = jobs / alwaysFail;
            if (index % stride == stride - 1 && index / stride < alwaysFail) {
                return Behaviour.ALWAYS_FAIL;
            }
        }
        if (failOnce > 0) {
            int stride = jobs / failOnce;
            if (index % stride == stride / 2 && index / stride < failOnce) {
                return Behaviour.FAIL_ONCE;
            }
        }
        return Behaviour.SUCCEED;
    }

    /** The jobs from {@code from} (inclusive) to {@code to} (exclusive), numbered from 1. */
    public List<DemoJob> jobs(int from, int to) {
        List<DemoJob> batch = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            batch.add(new DemoJob(i + 1, behaviour(i)));
        }
        return batch;
    }

    /** How many jobs of each behaviour the plan really has (strides may make two roles meet). */
    public long count(Behaviour behaviour) {
        long count = 0;
        for (int i = 0; i < jobs; i++) {
            if (behaviour(i) == behaviour) {
                count++;
            }
        }
        return count;
    }
}
