package io.jobqueue.testjobs;

import io.jobqueue.Recurring;
import io.jobqueue.RecurringJob;

/** A class with {@link Recurring} methods: one declaring its schedule, one scheduled in the settings, one not annotated. */
public class ReportRecorder {

    @Recurring(name = "reports-nightly", cron = "0 3 * * *", zone = "Europe/Berlin", queue = "recurring-annotated",
            missed = RecurringJob.Missed.SKIP)
    public void nightly() {
        Recorder.record("recurring-annotated", "nightly");
    }

    @Recurring
    public void fromSettings() {
        Recorder.record("recurring-annotated", "from settings");
    }

    public void notAnnotated() {
        Recorder.record("recurring-annotated", "not annotated");
    }
}
