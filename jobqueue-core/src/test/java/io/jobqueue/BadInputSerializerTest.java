package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.memory.InMemoryBackend;
import io.jobqueue.spi.QueueContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Jobs whose graph has a cycle, and strings with a lone UTF-16 surrogate. */
class BadInputSerializerTest {

    private final JobSerializer serializer = JobSerializer.defaultSerializer();

    /** A job that can point at others (and at itself). */
    static final class LinkedJob implements Job {
        LinkedJob next;
        Map<String, Object> data;
        List<Object> items;
        String text;

        @Override
        public boolean execute(Queue queue, Message message) {
            return true;
        }
    }

    @Test
    void directSelfReference_isOneShortLineSayingItRefersToItself() {
        LinkedJob job = new LinkedJob();
        job.next = job;

        assertCycleRefused(job);
    }

    @Test
    void cycleThroughAnotherObject_isOneShortLineSayingItRefersToItself() {
        LinkedJob a = new LinkedJob();
        LinkedJob b = new LinkedJob();
        a.next = b;
        b.next = a;

        assertCycleRefused(a);
    }

    @Test
    void cycleThroughAMapOrAList_isOneShortLineSayingItRefersToItself() {
        LinkedJob viaMap = new LinkedJob();
        viaMap.data = new HashMap<>();
        viaMap.data.put("me", viaMap);
        assertCycleRefused(viaMap);

        LinkedJob viaList = new LinkedJob();
        viaList.items = new ArrayList<>();
        viaList.items.add(viaList.items);
        assertCycleRefused(viaList);
    }

    @Test
    void deepButAcyclicJob_isNotCalledACycle() {
        LinkedJob head = new LinkedJob();
        LinkedJob at = head;
        for (int i = 0; i < 1_100; i++) {
            at.next = new LinkedJob();
            at = at.next;
        }
        LinkedJob deep = head;
        assertThatThrownBy(() -> serializer.serialize(deep)).isInstanceOf(JobSerializationException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("refers to itself"));
    }

    private void assertCycleRefused(LinkedJob job) {
        assertThatThrownBy(() -> serializer.serialize(job))
                .isInstanceOf(JobSerializationException.class)
                .hasMessageStartingWith("cannot queue job " + LinkedJob.class.getName() + ": it refers to itself")
                .satisfies(e -> {
                    assertThat(e.getMessage()).hasSizeLessThan(400).doesNotContain("\n");
                    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                        assertThat(String.valueOf(c.getMessage())).hasSizeLessThan(2_000);
                    }
                });
    }

    @Test
    void loneSurrogate_isWrittenAsAnEscape_andReadsBackTheSame() {
        LinkedJob job = new LinkedJob();
        job.text = "high \uD800 low \uDC00 end\uD83D pair \uD83D\uDE00 slash \\\uDBFF";

        String payload = serializer.serialize(job);

        assertThat(payload).contains("\\uD800").contains("\\uDC00").contains("\\uDBFF").contains("\uD83D\uDE00");
        assertThat(new String(payload.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .as("the payload survives UTF-8").isEqualTo(payload);
        assertThat(((LinkedJob) serializer.deserialize(payload)).text).isEqualTo(job.text);
    }

    @Test
    void loneSurrogate_roundTripsThroughTheInMemoryQueue() {
        LinkedJob job = new LinkedJob();
        job.text = "x\uDFFFy";
        try (Queue queue = Queue.of(QueueContext.of("lone-surrogate", Map.of()), new InMemoryBackend())) {
            queue.submit(serializer.serialize(job));
            Message message = queue.waitAndReserve(Duration.ofSeconds(5)).orElseThrow();
            assertThat(((LinkedJob) serializer.deserialize(message.payload())).text).isEqualTo("x\uDFFFy");
        }
    }
}
