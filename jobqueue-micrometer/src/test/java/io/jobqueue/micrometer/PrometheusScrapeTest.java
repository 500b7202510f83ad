package io.jobqueue.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.JobManager;
import io.jobqueue.SubmitOptions;
import io.jobqueue.Worker;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PrometheusScrapeTest {

    @Test
    void scrape_showsCountersTimersAndGauges_underPrometheusNames() {
        MockClock clock = new MockClock();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
        JobManager jobs = TestQueues.jobs("memory", "email");
        JobQueueMetrics metrics = JobQueueMetrics.bind(registry, jobs);
        jobs.queue("email", OutcomeJob.succeeding());
        jobs.queue("email", OutcomeJob.succeeding());
        jobs.queue("email", OutcomeJob.succeeding(), SubmitOptions.delayed(Duration.ofHours(1)));
        clock.add(Duration.ofMillis(1_500));
        jobs.waitAndExecute("email", Duration.ZERO);

        String scrape;
        try (Worker worker = Worker.builder(jobs).queues("email").build()) {
            metrics.bindWorker(worker, "email");
            scrape = registry.scrape();
        }

        assertThat(scrape).contains(
                "jobqueue_messages_submitted_total{queue=\"email\"} 3.0",
                "jobqueue_messages_finished_total{queue=\"email\"} 1.0",
                "jobqueue_messages_released_total{queue=\"email\"} 0.0",
                "jobqueue_messages_failed_total{queue=\"email\"} 0.0",
                "jobqueue_execution_seconds_count{outcome=\"success\",queue=\"email\"} 1",
                "jobqueue_execution_seconds_count{outcome=\"failure\",queue=\"email\"} 0",
                "jobqueue_wait_seconds_count{queue=\"email\"} 1",
                "jobqueue_wait_seconds_sum{queue=\"email\"} 1.5",
                "jobqueue_queue_messages{queue=\"email\",state=\"ready\"} 1.0",
                "jobqueue_queue_messages{queue=\"email\",state=\"delayed\"} 1.0",
                "jobqueue_queue_messages{queue=\"email\",state=\"reserved\"} 0.0",
                "jobqueue_queue_messages{queue=\"email\",state=\"failed\"} 0.0",
                "# TYPE jobqueue_queue_oldest_ready_age_seconds gauge",
                "jobqueue_execution_active_seconds_count{queue=\"email\"} 0",
                "jobqueue_worker_jobs_total{outcome=\"succeeded\",worker=\"email\"} 0.0");
    }
}
