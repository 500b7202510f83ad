package io.jobqueue.cli;

import io.jobqueue.Capability;
import io.jobqueue.Queue;
import io.jobqueue.WorkerHeartbeat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workers [--json]}: the live workers of every configured queue's backend, read from their
 * heartbeats, one row per worker (its beats in several places are shown once, the most recent). Each
 * place that keeps heartbeats is read once, however many queues share it. A backend that cannot list
 * workers says so in one line (on stderr with {@code --json}); a queue that is not set up or cannot be
 * read is one line too and makes the exit code 1, the other places still print. Read-only.
 */
@Command(name = "workers", description = "List the live workers of the configured queues' backends, from their heartbeats.")
final class WorkersCommand extends CliCommand {

    /** Most heartbeats read from one place. */
    static final int LIMIT = 1000;

    @Option(names = "--json", description = "print JSON for scripts")
    boolean json;

    @Override
    public Integer call() {
        Session session = session();
        Map<String, WorkerHeartbeat> workers = new LinkedHashMap<>();
        Set<String> places = new LinkedHashSet<>();
        Set<String> notes = new LinkedHashSet<>();
        boolean failed = false;
        for (String name : session.queues().queueNames()) {
            try {
                if (session.notSetUp(name).isPresent()) {
                    continue; // nothing was ever written there, so no worker beats there
                }
                Queue queue = session.queueToRead(name);
                if (!queue.capabilities().has(Capability.WORKER_HEARTBEATS)) {
                    notes.add("workers of " + queue.capabilities().backend() + " queues cannot be listed");
                    continue;
                }
                if (!places.add(queue.heartbeatLocation())) {
                    continue;
                }
                for (WorkerHeartbeat beat : read(name, () -> queue.listHeartbeats(LIMIT))) {
                    workers.merge(beat.workerId(), beat, (a, b) -> a.lastSeen().isAfter(b.lastSeen()) ? a : b);
                }
            } catch (RuntimeException e) {
                notes.add("cannot list the workers of queue '" + name + "': " + Session.describe(e));
                failed = true;
            }
        }
        List<WorkerHeartbeat> rows = new ArrayList<>(workers.values());
        rows.sort((a, b) -> a.workerId().compareTo(b.workerId()));
        notes.forEach(json ? session.err()::println : session.out()::println);
        if (json) {
            Json.print(session.out(), rows.stream().map(WorkersCommand::document).toList());
        } else if (rows.isEmpty()) {
            session.out().println("No live workers.");
        } else {
            Table table = new Table("Worker", "Host", "PID", "Queues", "Running", "Processed", "Failed", "Started", "Last seen");
            for (WorkerHeartbeat beat : rows) {
                table.row(beat.workerId(), JobQueueCli.oneLine(beat.host()), String.valueOf(beat.pid()), JobQueueCli.oneLine(String.join(",",
                        beat.queues())), beat.runningJobs() + "/" + beat.concurrency(), beat.processed(), beat.failed(),
                        text(beat.startedAt()), text(beat.lastSeen()));
            }
            table.print(session.out());
        }
        return failed ? JobQueueCli.EXIT_ERROR : JobQueueCli.EXIT_OK;
    }

    private static Map<String, Object> document(WorkerHeartbeat beat) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", beat.workerId());
        document.put("host", beat.host());
        document.put("pid", beat.pid());
        document.put("queues", beat.queues());
        document.put("concurrency", beat.concurrency());
        document.put("running", beat.runningJobs());
        document.put("processed", beat.processed());
        document.put("succeeded", beat.succeeded());
        document.put("released", beat.released());
        document.put("failed", beat.failed());
        document.put("startedAt", text(beat.startedAt()));
        document.put("lastSeen", text(beat.lastSeen()));
        return document;
    }

    private static String text(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
