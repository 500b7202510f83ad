package io.jobqueue.cli.testjobs;

import io.jobqueue.Job;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

/**
 * Writes {@code started} into its folder, then blocks until the test creates {@code release} there
 * (at most a minute), then succeeds. Lets a test act while a job is running in another process.
 */
public final class BlockingJob implements Job {

    private String folder;

    private BlockingJob() {
    }

    public BlockingJob(Path folder) {
        this.folder = folder.toString();
    }

    @Override
    public boolean execute(Queue queue, Message message) throws Exception {
        Path dir = Path.of(folder);
        Path release = dir.resolve("release");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            Files.writeString(dir.resolve("started"), message.id());
            while (!Files.exists(release)) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                var key = watcher.poll(200, TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
        return true;
    }
}
