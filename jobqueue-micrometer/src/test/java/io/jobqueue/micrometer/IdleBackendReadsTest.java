package io.jobqueue.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.JobManager;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The figure docs/metrics.md quotes: backend reads per second of 10 idle bound queues with the
 * default count interval, scraped ten times a second (far more often than any Prometheus), over ten
 * minutes of a clock the test moves.
 */
class IdleBackendReadsTest {

    private static final int QUEUES = 10;
    private static final Duration SCRAPE_PERIOD = Duration.ofMillis(100);
    private static final Duration MEASURED = Duration.ofMinutes(10);

    @Test
    void tenIdleQueues_withTheDefaultInterval_areReadOncePerTenSecondsEach_howeverOftenScraped() {
        MockClock clock = new MockClock();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
        String[] names = IntStream.rangeClosed(1, QUEUES).mapToObj(i -> "queue" + i).toArray(String[]::new);
        JobManager jobs = TestQueues.jobs("counting", names);
        JobQueueMetrics.bind(registry, jobs);

        long scrapes = MEASURED.toMillis() / SCRAPE_PERIOD.toMillis();
        for (long i = 0; i < scrapes; i++) {
            registry.scrape();
            clock.add(SCRAPE_PERIOD);
        }

        int reads = 0;
        for (String name : names) {
            reads += TestQueues.counting(jobs, name).countReads();
        }
        double perSecond = reads / (double) MEASURED.toSeconds();
        double perSecondPerQueue = perSecond / QUEUES;
        System.out.printf("%d scrapes of %d idle queues in %s: %d backend reads, %.2f per second, %.3f per second per queue%n",
                scrapes, QUEUES, MEASURED, reads, perSecond, perSecondPerQueue);
        assertThat(reads).isEqualTo(QUEUES * MEASURED.toSeconds() / JobQueueMetrics.DEFAULT_COUNTS_INTERVAL.toSeconds());
        assertThat(perSecondPerQueue).isLessThan(1.0);
    }
}
