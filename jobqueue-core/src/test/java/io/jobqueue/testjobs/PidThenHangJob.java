package io.jobqueue.testjobs;

import io.jobqueue.Job;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * Writes the pid of the process it runs in to a file (whole, through a move), then does not
 * return for two minutes: a job that never ends, as far as a test can tell, but that still ends
 * one day when everything else failed. For isolated execution: the pid is the child's.
 */
public final class PidThenHangJob implements Job {

    private String pidFile;

    private PidThenHangJob() {
    }

    public PidThenHangJob(Path pidFile) {
        this.pidFile = pidFile.toString();
    }

    /** The pid the job wrote, or 0 while there is none. */
    public static long pidIn(Path pidFile) throws java.io.IOException {
        return Files.exists(pidFile) ? Long.parseLong(Files.readString(pidFile).trim()) : 0;
    }

    /** True while a process with that pid runs. */
    public static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Kills the process a test left behind when it failed, so no job outlives the test run. */
    public static void killLeftover(Path pidFile) throws java.io.IOException {
        long pid = pidIn(pidFile);
        if (pid != 0 && pid != ProcessHandle.current().pid()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Override
    public boolean execute(Queue queue, Message message) throws Exception {
        Path file = Path.of(pidFile);
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, Long.toString(ProcessHandle.current().pid()));
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() - deadline < 0) {
            Thread.sleep(100);
        }
        return true;
    }
}
