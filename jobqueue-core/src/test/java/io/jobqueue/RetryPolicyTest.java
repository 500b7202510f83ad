package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The retry policy's arithmetic and how it is read from a queue's releaseOptions. */
class RetryPolicyTest {

    /** A "random" that always draws the same number. */
    private static RandomGenerator constant(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    @Test
    void exponential_withoutJitter_growsByTheMultiplierUpToTheMaximum() {
        RetryPolicy policy = RetryPolicy.exponential(Duration.ofSeconds(1), 2, Duration.ofSeconds(10), 0);

        assertThat(java.util.stream.IntStream.rangeClosed(1, 6).mapToObj(n -> policy.delayBefore(n, constant(0.7))))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                        Duration.ofSeconds(10), Duration.ofSeconds(10));
        assertThat(policy.delayBefore(Integer.MAX_VALUE, constant(0))).as("no overflow far out").isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void jitter_takesOffUpToItsShare_neverAddsAndNeverGoesAboveTheMaximum() {
        RetryPolicy policy = RetryPolicy.exponential(Duration.ofSeconds(1), 2, Duration.ofSeconds(10), 0.2);

        assertThat(policy.delayBefore(3, constant(0))).as("r = 0: the full delay").isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delayBefore(3, constant(0.5))).isEqualTo(Duration.ofMillis(3600));
        assertThat(policy.delayBefore(3, constant(0.999_999))).as("r close to 1: 1 - jitter of it").isEqualTo(Duration.ofMillis(3200));
        assertThat(policy.delayBefore(9, constant(0))).as("capped first, so the maximum holds").isEqualTo(Duration.ofSeconds(10));

        SplittableRandom seeded = new SplittableRandom(42);
        for (int n = 1; n <= 12; n++) {
            Duration full = Duration.ofSeconds(Math.min(10, 1L << (n - 1)));
            for (int i = 0; i < 200; i++) {
                assertThat(policy.delayBefore(n, seeded)).isBetween(Duration.ofMillis(full.toMillis() * 8 / 10), full);
            }
        }
    }

    @Test
    void fullJitter_canGoDownToZero() {
        RetryPolicy policy = RetryPolicy.exponential(Duration.ofSeconds(2), 3, Duration.ofMinutes(1), 1);

        assertThat(policy.delayBefore(2, constant(0))).isEqualTo(Duration.ofSeconds(6));
        assertThat(policy.delayBefore(2, constant(0.75))).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void fixed_isExactlyTheDelayEveryTime_zeroIncluded() {
        Duration odd = Duration.ofNanos(1_234_567_891L);
        RetryPolicy policy = RetryPolicy.fixed(odd);

        assertThat(policy.isFixed()).isTrue();
        for (int n = 1; n <= 5; n++) {
            assertThat(policy.delayBefore(n, constant(0.9))).isEqualTo(odd);
        }
        assertThat(RetryPolicy.fixed(Duration.ZERO).delayBefore(3, constant(0.5))).isZero();
        assertThat(RetryPolicy.fixed(Duration.ofSeconds(30))).hasToString("fixed 30 s");
        assertThat(RetryPolicy.DEFAULT).hasToString("exponential 1 s × 2 up to 300 s, jitter 0.2");
    }

    @Test
    void theDefault_isOneSecondDoublingToFiveMinutesWithJitter02() {
        assertThat(RetryPolicy.DEFAULT)
                .isEqualTo(RetryPolicy.exponential(Duration.ofSeconds(1), 2, Duration.ofMinutes(5), 0.2));
        assertThat(RetryPolicy.DEFAULT.isFixed()).isFalse();
    }

    @Test
    void releaseNumber_startsAtOne() {
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.delayBefore(0, constant(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("releaseNumber starts at 1, was 0");
    }

    @Test
    void impossibleValuesInCode_areRefusedNamingThem() {
        assertThatThrownBy(() -> RetryPolicy.fixed(Duration.ofSeconds(-1))).hasMessage("delay must not be negative, was -1 s");
        assertThatThrownBy(() -> RetryPolicy.exponential(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(5), 0))
                .hasMessage("multiplier must be a finite number of at least 1, was 0.5");
        assertThatThrownBy(() -> RetryPolicy.exponential(Duration.ofSeconds(1), Double.NaN, Duration.ofSeconds(5), 0))
                .hasMessage("multiplier must be a finite number of at least 1, was NaN");
        assertThatThrownBy(() -> RetryPolicy.exponential(Duration.ofSeconds(1), 2, Duration.ofSeconds(5), 1.5))
                .hasMessage("jitter must be between 0 and 1, was 1.5");
        assertThatThrownBy(() -> RetryPolicy.exponential(Duration.ofSeconds(10), 2, Duration.ofSeconds(5), 0))
                .hasMessage("maxDelay must not be below initialDelay 10 s, was 5 s");
    }

    // --- read from releaseOptions ---

    @Test
    void fromMap_withoutDelay_isTheDefault_andTheBackoffKeysTuneIt() {
        assertThat(RetryPolicy.fromMap(Map.of())).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(RetryPolicy.fromMap(Map.of("priority", 5))).as("a priority alone sets no delay").isEqualTo(RetryPolicy.DEFAULT);
        assertThat(RetryPolicy.fromMap(Map.of("maxDelay", 60)))
                .isEqualTo(RetryPolicy.exponential(Duration.ofSeconds(1), 2, Duration.ofMinutes(1), 0.2));
        assertThat(RetryPolicy.fromMap(ordered("backoff", "exponential", "initialDelay", 0.5, "multiplier", 3,
                "maxDelay", "600", "jitter", 0)))
                .isEqualTo(RetryPolicy.exponential(Duration.ofMillis(500), 3, Duration.ofMinutes(10), 0));
    }

    @Test
    void fromMap_delay_isTheOriginalsFixedDelay_zeroMeaningAtOnce() {
        assertThat(RetryPolicy.fromMap(Map.of("delay", 30))).isEqualTo(RetryPolicy.fixed(Duration.ofSeconds(30)));
        assertThat(RetryPolicy.fromMap(Map.of("delay", 0.25, "priority", 3))).isEqualTo(RetryPolicy.fixed(Duration.ofMillis(250)));
        assertThat(RetryPolicy.fromMap(Map.of("delay", 0))).isEqualTo(RetryPolicy.IMMEDIATE);
        assertThat(ReleaseOptions.fromMap(Map.of("delay", 30, "priority", 3))).isEqualTo(new ReleaseOptions(Duration.ofSeconds(30), 3));
        assertThat(ReleaseOptions.fromMap(Map.of("backoff", "exponential", "priority", 3)))
                .as("with backoff each release computes its delay").isEqualTo(new ReleaseOptions(Duration.ZERO, 3));
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> badReleaseOptions() {
        return java.util.stream.Stream.of(
                bad(Map.of("delay", -1), "option 'delay' must not be negative, was -1.0 s"),
                bad(Map.of("delay", Double.NaN), "option 'delay' must be a finite number of seconds, was NaN"),
                bad(Map.of("delay", "Infinity"), "option 'delay' must be a finite number of seconds, was Infinity"),
                bad(Map.of("initialDelay", -2), "option 'initialDelay' must not be negative, was -2.0 s"),
                bad(Map.of("maxDelay", Double.POSITIVE_INFINITY), "option 'maxDelay' must be a finite number of seconds, was Infinity"),
                bad(Map.of("multiplier", 0.5), "option 'multiplier' must be at least 1, was 0.5"),
                bad(Map.of("multiplier", Double.NaN), "option 'multiplier' must be a finite number, was NaN"),
                bad(Map.of("multiplier", "twice"), "option 'multiplier' must be a number, was 'twice'"),
                bad(Map.of("jitter", 1.5), "option 'jitter' must be between 0 and 1, was 1.5"),
                bad(Map.of("jitter", -0.1), "option 'jitter' must be between 0 and 1, was -0.1"),
                bad(ordered("initialDelay", 10, "maxDelay", 5), "option 'maxDelay' must not be below initialDelay 10 s, was 5"),
                bad(Map.of("initialDelay", 600), "option 'initialDelay' must not be above maxDelay (default 300 s; set maxDelay"
                        + " too), was 600"),
                bad(Map.of("backoff", "linear"), "option 'backoff' must be 'exponential' (for a fixed delay set 'delay'"
                        + " instead), was 'linear'"),
                bad(ordered("delay", 30, "backoff", "exponential"), "options 'delay' (a fixed delay) and 'backoff'"
                        + " (exponential backoff) exclude each other: keep one, was delay 30 and backoff exponential"),
                bad(ordered("delay", 30, "maxDelay", 60), "options 'delay' (a fixed delay) and 'maxDelay'"
                        + " (exponential backoff) exclude each other: keep one, was delay 30 and maxDelay 60"),
                bad(Map.of("maxdelay", 60), "unknown release option 'maxdelay', did you mean 'maxDelay'?"),
                bad(Map.of("priority", "high"), "option 'priority' must be a whole number, was 'high' (String)"));
    }

    @ParameterizedTest
    @MethodSource("badReleaseOptions")
    void badValues_stopStartUpWithOneLineNamingTheQueueTheKeyAndTheValue(Map<String, Object> releaseOptions, String message) {
        QueueManager queues = new QueueManager(JobQueueSettings.builder()
                .queue("email", QueueSettings.builder().className("memory").build())
                .queue("broken", withReleaseOptions(releaseOptions))
                .build());
        try {
            String expected = message + " in releaseOptions of queue 'broken'";
            assertThatThrownBy(() -> queues.retryPolicy("broken")).isInstanceOf(ConfigurationException.class).hasMessage(expected);
            assertThatThrownBy(() -> queues.requireQueue("broken")).isInstanceOf(ConfigurationException.class).hasMessage(expected);
            assertThatThrownBy(() -> Worker.builder(new JobManager(queues)).queues("email", "broken").build())
                    .as("a worker does not start").isInstanceOf(ConfigurationException.class).hasMessageContaining(expected);
            assertThat(expected).doesNotContain("\n");
            assertThat(queues.retryPolicy("email")).isEqualTo(RetryPolicy.DEFAULT);
        } finally {
            queues.close();
        }
    }

    @Test
    void queueManager_readsThePolicyOncePerQueue_mergedOverThePreset() {
        QueueManager queues = new QueueManager(JobQueueSettings.builder()
                .preset("slow", QueueSettings.builder().className("memory").releaseOption("maxDelay", 3600).build())
                .queue("reports", QueueSettings.builder().preset("slow").releaseOption("initialDelay", 10).build())
                .queue("email", QueueSettings.builder().className("memory").releaseOption("delay", 30).build())
                .build());
        try {
            assertThat(queues.retryPolicy("reports"))
                    .isEqualTo(RetryPolicy.exponential(Duration.ofSeconds(10), 2, Duration.ofHours(1), 0.2))
                    .isSameAs(queues.retryPolicy("reports"));
            assertThat(queues.retryPolicy("email")).isEqualTo(RetryPolicy.fixed(Duration.ofSeconds(30)));
        } finally {
            queues.close();
        }
    }

    private static org.junit.jupiter.params.provider.Arguments bad(Map<String, Object> releaseOptions, String message) {
        return org.junit.jupiter.params.provider.Arguments.of(releaseOptions, message);
    }

    private static QueueSettings withReleaseOptions(Map<String, Object> releaseOptions) {
        QueueSettings.Builder builder = QueueSettings.builder().className("memory");
        releaseOptions.forEach(builder::releaseOption);
        return builder.build();
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
