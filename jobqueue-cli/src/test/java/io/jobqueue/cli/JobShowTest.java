package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobqueue.JobSerializer;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import io.jobqueue.cli.testjobs.RecordingJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * job:show prints one message by its id, one field a line or as JSON; an id the queue does not hold is
 * one line and exit code 2, a backend that cannot find messages one line and exit code 1.
 */
class JobShowTest {

    private static final JobSerializer SERIALIZER = JobSerializer.defaultSerializer();

    @TempDir
    Path cwd;

    private Queue mail;

    @BeforeEach
    void settings() throws IOException {
        SharedMemoryQueueFactory.clear();
        Files.writeString(cwd.resolve("jobqueue.yaml"), "queues:\n  mail: {className: shared-memory}\n"
                + "  other: {className: shared-memory}\n  inline: {className: fake}\n");
        mail = SharedMemoryQueueFactory.queue("mail");
    }

    private static String job(String name) {
        return SERIALIZER.serialize(new RecordingJob(name));
    }

    @Test
    void aReadyMessage_isShownOneFieldALine() {
        String id = mail.submit(job("hello"), SubmitOptions.DEFAULT.withHeader("trace", "t-1").withHeader("a", "x\ny"));

        Cli.Result result = Cli.run(cwd, "job:show", "mail", id);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("state       ready\n"
                + "id          " + id + "\n"
                + "label       record hello\n"
                + "releases    0\n"
                + "deliveries  0\n"
                + "headers     a=x\\ny\n"
                + "            trace=t-1\n");
    }

    @Test
    void aFinishedMessage_ofAQueueThatKeepsThem_showsWhenItFinished() throws Exception {
        Files.writeString(cwd.resolve("jobqueue.yaml"), "queues:\n  kept: {className: shared-memory, options: {retainFinished: 1h}}\n");
        assertThat(Cli.run(cwd, "queue:stats", "kept").exitCode()).isZero(); // creates the backend with its retention
        Queue kept = SharedMemoryQueueFactory.queue("kept");
        String id = kept.submit(job("done"));
        assertThat(kept.finish(kept.waitAndReserve(Duration.ZERO).orElseThrow())).isTrue();

        Cli.Result text = Cli.run(cwd, "job:show", "kept", id);
        Cli.Result json = Cli.run(cwd, "job:show", "kept", id, "--json");

        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).startsWith("state        finished\n").contains("deliveries   1\n")
                .containsPattern("\nfinished at  \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\n");
        JsonNode document = Json.mapper().readTree(json.out());
        assertThat(document.get("state").asText()).isEqualTo("finished");
        assertThat(document.get("finishedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");
        assertThat(document.get("failedAt").isNull()).isTrue();
    }

    @Test
    void aDelayedMessage_showsItsDueTime() {
        String id = mail.submit(job("later"), SubmitOptions.delayed(Duration.ofHours(1)));

        Cli.Result result = Cli.run(cwd, "job:show", "mail", id);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("state       delayed\n")
                .containsPattern("\ndue at      \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\n").endsWith("headers     none\n");
    }

    @Test
    void aReservedMessage_showsUntilWhenItIsReserved() {
        String id = mail.submit(job("busy"));
        mail.waitAndReserve(Duration.ZERO).orElseThrow();

        Cli.Result result = Cli.run(cwd, "job:show", "mail", id);

        assertThat(result.out()).startsWith("state           reserved\n").contains("deliveries      1\n")
                .containsPattern("\nreserved until  \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\n");
    }

    @Test
    void aFailedMessage_showsWhenAndWhy() {
        String id = mail.submit(job("bad"));
        Message reserved = mail.waitAndReserve(Duration.ZERO).orElseThrow();
        mail.abort(reserved, "IllegalStateException: boom\n\tat somewhere");

        Cli.Result result = Cli.run(cwd, "job:show", "mail", id);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("state       failed\n")
                .containsPattern("\nfailed at   \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\n")
                .contains("\nreason      IllegalStateException: boom at somewhere\n");
    }

    @Test
    void json_isOneObjectWithEveryField() throws IOException {
        String id = mail.submit(job("bad"), SubmitOptions.DEFAULT.withHeader("trace", "t-1"));
        mail.abort(mail.waitAndReserve(Duration.ZERO).orElseThrow(), "line one\nline two");

        Cli.Result result = Cli.run(cwd, "job:show", "mail", id, "--json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode json = Json.mapper().readTree(result.out());
        assertThat(json.get("queue").asText()).isEqualTo("mail");
        assertThat(json.get("id").asText()).isEqualTo(id);
        assertThat(json.get("state").asText()).isEqualTo("failed");
        assertThat(json.get("label").asText()).isEqualTo("record bad");
        assertThat(json.get("releases").asInt()).isZero();
        assertThat(json.get("deliveries").asInt()).isEqualTo(1);
        assertThat(json.get("dueAt").isNull()).isTrue();
        assertThat(json.get("reservedUntil").isNull()).isTrue();
        assertThat(json.get("failedAt").asText()).endsWith("Z");
        assertThat(json.get("reason").asText()).isEqualTo("line one\nline two");
        assertThat(json.get("headers").get("trace").asText()).isEqualTo("t-1");
        assertThat(json.get("payload").asText()).isEqualTo(job("bad"));
    }

    @Test
    void aPayloadThatIsNoJob_isShownWithTheReason() {
        String id = mail.submit("not json");

        Cli.Result result = Cli.run(cwd, "job:show", "mail", id);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("label       (message " + id + ": ");
    }

    @Test
    void anUnknownMalformedOrForeignId_isOneLine_exit2() {
        String finished = mail.submit(job("done"));
        mail.finish(mail.waitAndReserve(Duration.ZERO).orElseThrow());
        mail.submit(job("mine"));
        Queue other = SharedMemoryQueueFactory.queue("other");
        other.submit(job("one"));
        other.submit(job("two"));
        String foreign = other.submit(job("theirs"));

        for (String id : new String[] {"999", finished, "not-an-id", "1; DROP TABLE x", "", " ", foreign}) {
            Cli.Result result = Cli.run(cwd, "job:show", "mail", id);

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
            assertThat(result.out()).isEmpty();
            assertThat(result.err()).isEqualTo("Error: no message '" + id.strip() + "' in queue 'mail'\n");
        }
    }

    @Test
    void aVeryLongId_isCutInTheErrorLine() {
        String id = "x".repeat(10_000);

        Cli.Result result = Cli.run(cwd, "job:show", "mail", id);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("Error: no message '" + "x".repeat(80) + "… (10000 characters)' in queue 'mail'\n");
    }

    @Test
    void aBackendWithoutFind_saysSo_exit1() {
        Cli.Result result = Cli.run(cwd, "job:show", "inline", "1");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Error: job:show is not supported by fake\n");
    }

    @Test
    void anUnknownQueue_isRefusedAsByTheOtherCommands() {
        Cli.Result result = Cli.run(cwd, "job:show", "nope", "1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("Error: ").contains("'nope'").doesNotContain("\tat ");
    }

    @Test
    void onBeanstalkd_anotherTubesJob_isUnknown() throws IOException {
        Services.require("beanstalkd", Services.BEANSTALKD);
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Files.writeString(cwd.resolve("jobqueue.yaml"), "queues:\n"
                + "  bs: {className: beanstalkd, options: {host: 127.0.0.1, port: 11300}, queueNamePrefix: cli-show-" + run + "-}\n"
                + "  bs2: {className: beanstalkd, options: {host: 127.0.0.1, port: 11300}, queueNamePrefix: cli-show2-" + run + "-}\n");
        try {
            Cli.Result mine = Cli.run(cwd, "queue:submit", "bs", job("mine"));
            Cli.Result theirs = Cli.run(cwd, "queue:submit", "bs2", job("theirs"));
            assertThat(mine.exitCode()).as(mine.toString()).isZero();
            assertThat(theirs.exitCode()).as(theirs.toString()).isZero();
            String mineId = lastWord(mine.out());
            String theirsId = lastWord(theirs.out());

            Cli.Result shown = Cli.run(cwd, "job:show", "bs", mineId);
            assertThat(shown.exitCode()).as(shown.toString()).isZero();
            assertThat(shown.out()).startsWith("state       ready\nid          " + mineId + "\nlabel       record mine\n");

            Cli.Result foreign = Cli.run(cwd, "job:show", "bs", theirsId);
            assertThat(foreign.exitCode()).as(foreign.toString()).isEqualTo(2);
            assertThat(foreign.err()).isEqualTo("Error: no message '" + theirsId + "' in queue 'bs'\n");
        } finally {
            Cli.run(cwd, "queue:flush", "bs", "--force");
            Cli.run(cwd, "queue:flush", "bs2", "--force");
        }
    }

    private static String lastWord(String out) {
        String[] words = out.strip().split("\\s+");
        return words[words.length - 1].replaceAll("[^0-9]", "");
    }
}
