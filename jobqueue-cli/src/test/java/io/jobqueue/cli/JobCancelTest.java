package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.JobSerializer;
import io.jobqueue.MessageInfo;
import io.jobqueue.MessageState;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import io.jobqueue.cli.testjobs.RecordingJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * job:cancel cancels a ready, delayed or reserved message: one line, exit code 0; an id it does not
 * cancel is one line saying which, exit code 2; a backend that cannot cancel one line, exit code 1.
 */
class JobCancelTest {

    private static final JobSerializer SERIALIZER = JobSerializer.defaultSerializer();

    @TempDir
    Path cwd;

    private Queue mail;

    @BeforeEach
    void settings() throws IOException {
        SharedMemoryQueueFactory.clear();
        Files.writeString(cwd.resolve("jobqueue.yaml"), "queues:\n  mail: {className: shared-memory}\n"
                + "  kept: {className: shared-memory, options: {retainFinished: 1h}}\n  inline: {className: fake}\n");
        mail = SharedMemoryQueueFactory.queue("mail");
    }

    private static String job(String name) {
        return SERIALIZER.serialize(new RecordingJob(name));
    }

    @Test
    void aReadyOrDelayedMessage_isCancelled() {
        String ready = mail.submit(job("ready"));
        String delayed = mail.submit(job("later"), SubmitOptions.delayed(Duration.ofHours(1)));

        Cli.Result first = Cli.run(cwd, "job:cancel", "mail", ready);
        Cli.Result second = Cli.run(cwd, "job:cancel", "mail", delayed);

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).isEqualTo("cancelled message '" + ready + "' of queue 'mail'\n");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(mail.find(ready)).isEmpty();
        assertThat(mail.find(delayed)).isEmpty();
        assertThat(mail.countReady()).isZero();
    }

    @Test
    void aKeptCancelledMessage_isShownAsCancelled_andASecondCancelSaysSo() throws Exception {
        assertThat(Cli.run(cwd, "queue:stats", "kept").exitCode()).isZero(); // creates the backend with its retention
        Queue kept = SharedMemoryQueueFactory.queue("kept");
        String id = kept.submit(job("running"));
        kept.waitAndReserve(Duration.ZERO).orElseThrow();

        assertThat(Cli.run(cwd, "job:cancel", "kept", id).exitCode()).isZero();
        Cli.Result show = Cli.run(cwd, "job:show", "kept", id);
        Cli.Result again = Cli.run(cwd, "job:cancel", "kept", id);

        assertThat(kept.find(id).map(MessageInfo::state)).contains(MessageState.CANCELLED);
        assertThat(show.out()).startsWith("state         cancelled\n").containsPattern("\ncancelled at  \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\n");
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(2);
        assertThat(again.err()).isEqualTo("Error: message '" + id + "' of queue 'kept' was cancelled already\n");
    }

    @Test
    void unknownMalformedAndFinishedIds_areOneLine_exit2() {
        String finished = mail.submit(job("done"));
        assertThat(mail.finish(mail.waitAndReserve(Duration.ZERO).orElseThrow())).isTrue();
        for (String id : new String[] {"424242", "not-an-id", " ", finished}) {
            Cli.Result result = Cli.run(cwd, "job:cancel", "mail", id);

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
            assertThat(result.err()).isEqualTo("Error: no message '" + id.strip() + "' in queue 'mail' to cancel (unknown,"
                    + " finished, or another queue's)\n");
        }
    }

    @Test
    void aFailedMessage_saysItFailed_exit2() {
        String id = mail.submit(job("bad"));
        mail.abort(mail.waitAndReserve(Duration.ZERO).orElseThrow(), "broken");

        Cli.Result result = Cli.run(cwd, "job:cancel", "mail", id);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("Error: message '" + id + "' of queue 'mail' has failed, so it is not cancelled"
                + " (see 'jobqueue job:failed mail')\n");
        assertThat(mail.find(id).map(MessageInfo::state)).contains(MessageState.FAILED);
    }

    @Test
    void aBackendWithoutCancel_saysSo_exit1() {
        Cli.Result result = Cli.run(cwd, "job:cancel", "inline", "1");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).startsWith("Error: ").contains("cancel").contains("fake").doesNotContain("\tat ");
    }
}
