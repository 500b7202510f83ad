package io.jobqueue.beanstalkd.internal;

import java.util.Map;

/**
 * What {@code stats-job} says about a job, the parts this backend uses.
 *
 * @param id       the job id
 * @param tube     the tube it lives in
 * @param state    {@code ready}, {@code delayed}, {@code reserved} or {@code buried}
 * @param priority its priority (0 is most urgent)
 * @param ttr      its time to run in seconds
 * @param reserves how often it was reserved (not kept across a server restart)
 * @param buries   how often it was buried
 */
public record JobStats(long id, String tube, String state, long priority, long ttr, long reserves, long buries) {

    static JobStats from(Map<String, String> stats) {
        return new JobStats(number(stats, "id"), stats.getOrDefault("tube", ""), stats.getOrDefault("state", ""),
                number(stats, "pri"), number(stats, "ttr"), number(stats, "reserves"), number(stats, "buries"));
    }

    /**
     * How often the job went back to ready after a reservation: every reservation but a current
     * one ended in a release, a time-out or a closed connection (a bury ends the last one of a
     * buried job, and a kick starts nothing that counts).
     */
    public int releases() {
        long ended = "reserved".equals(state) || "buried".equals(state) ? reserves - 1 : reserves;
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, ended));
    }

    public boolean isBuried() {
        return "buried".equals(state);
    }

    private static long number(Map<String, String> stats, String key) {
        String value = stats.get(key);
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
