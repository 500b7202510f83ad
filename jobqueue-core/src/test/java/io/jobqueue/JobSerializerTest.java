package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.testjobs.RecordingJob;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobSerializerTest {

    private final JobSerializer serializer = JobSerializer.defaultSerializer();

    /** A job with fields of several kinds, set through a constructor only. */
    record ReportJob(String title, Instant asOf, List<Integer> pages) implements Job {
        @Override
        public boolean execute(Queue queue, Message message) {
            return true;
        }
    }

    @Test
    void roundTripsFieldsOfAnyVisibilityAndRecords() {
        ReportJob job = new ReportJob("Q3 «ü» 😀", Instant.parse("2026-11-28T03:00:00Z"), List.of(1, 2));

        String payload = serializer.serialize(job);

        assertThat(payload).startsWith("{\"type\":\"io.jobqueue.JobSerializerTest$ReportJob\",\"job\":{");
        assertThat(serializer.deserialize(payload)).isEqualTo(job);
        assertThat(serializer.deserialize(serializer.serialize(new RecordingJob("k", "v"))).label()).isEqualTo("record v");
    }

    @Test
    void readsPayloadsWhoseKeysComeInAnotherOrder() {
        String payload = "{\"job\":{\"title\":\"t\",\"pages\":[3]},\"type\":\"io.jobqueue.JobSerializerTest$ReportJob\"}";
        assertThat(serializer.deserialize(payload)).isEqualTo(new ReportJob("t", null, List.of(3)));
    }

    @Test
    void refusesTypesThatAreNotJobsBeforeLoadingThem() {
        assertThatThrownBy(() -> serializer.deserialize("{\"type\":\"java.io.File\",\"job\":\"/etc/passwd\"}"))
                .isInstanceOf(UnreadablePayloadException.class)
                .hasMessage("type java.io.File does not implement io.jobqueue.Job; refusing to instantiate it");
        assertThatThrownBy(() -> serializer.deserialize("[1,2]")).hasMessageStartingWith("payload names no job type");
        assertThatThrownBy(() -> serializer.deserialize("{\"type\":\"io.jobqueue.JobSerializerTest$ReportJob\",\"job\":{\"pages\":\"x\"}}"))
                .isInstanceOf(UnreadablePayloadException.class)
                .hasMessageStartingWith("cannot read job io.jobqueue.JobSerializerTest$ReportJob");
    }
}
