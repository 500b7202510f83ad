package io.jobqueue.cli;

import io.jobqueue.BackendException;
import io.jobqueue.JobManager;
import io.jobqueue.JobQueueException;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.Queue;
import io.jobqueue.QueueManager;
import io.jobqueue.QueueSettings;
import io.jobqueue.spi.Secrets;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One run of the command: its streams, environment and folder, and — built on first use — its
 * settings, class loader, queue manager and job manager. {@link #close()} closes the queues and puts
 * back the thread's context class loader and the isolated-execution class path it changed.
 */
final class Session implements AutoCloseable {

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Path cwd;

    private Path configOption;
    private String classpathOption;
    private boolean verbose;

    private Config config;
    private UserClassPath userClassPath;
    private QueueManager queueManager;
    private QueueManager readQueueManager;
    private JobManager jobManager;
    private final Set<String> setUp = new HashSet<>();

    Session(PrintStream out, PrintStream err, Map<String, String> env, Path cwd) {
        this.out = out;
        this.err = err;
        this.env = Map.copyOf(env);
        this.cwd = cwd.toAbsolutePath();
    }

    void options(Path configOption, String classpathOption, boolean verbose) {
        this.configOption = configOption;
        this.classpathOption = classpathOption;
        this.verbose = verbose;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    Path cwd() {
        return cwd;
    }

    boolean verbose() {
        return verbose;
    }

    /** True when stdout is a terminal a status line can be redrawn on. */
    boolean interactive() {
        return out == System.out && System.console() != null;
    }

    /** The user's class path (from {@code --classpath} or {@code $JOBQUEUE_CLASSPATH}), installed on first use. */
    UserClassPath classPath() {
        if (userClassPath == null) {
            String spec = classpathOption != null ? classpathOption : env.get("JOBQUEUE_CLASSPATH");
            userClassPath = UserClassPath.install(spec, cwd);
        }
        return userClassPath;
    }

    /** The settings found by the lookup order, read on first use. */
    Config config() {
        if (config == null) {
            config = Config.load(configOption, env.get("JOBQUEUE_CONFIG"), cwd, classPath().loader());
            MaskingStream.addSecrets(secretsOf(config.settings()));
        }
        return config;
    }

    /**
     * Adds a queue on the built-in default backend to the settings when it is not configured (for
     * the demo's and the benchmark's own queues). Only before the queue manager was built.
     */
    void addQueueIfMissing(String queueName) {
        if (queueManager != null) {
            throw new IllegalStateException("queue manager already built");
        }
        config = config().withDefaultBackendQueue(queueName);
    }

    /**
     * The queue with that configured name, built on first use, for a command that changes it. The
     * demo's queue is added on the built-in default backend when not configured (so
     * {@code job:work demo} finds what {@code demo --submit-only} left), and queues on the built-in
     * default are set up on first use.
     */
    Queue queue(String queueName) {
        return queue(queueName, "open");
    }

    /** {@link #queue(String)}, saying "cannot &lt;action&gt; queue 'x' …" when its backend cannot be reached. */
    Queue queue(String queueName, String action) {
        want(List.of(queueName));
        Queue queue = onBackend(action, queueName, () -> queues().getQueue(queueName));
        if (config().builtInQueues().contains(queueName) && !setUp.contains(queueName)) {
            onBackend("set up", queueName, () -> {
                queue.setUp();
                return null;
            });
            setUp.add(queueName);
        }
        return queue;
    }

    /**
     * The queue with that configured name, for a command that only reads it: never set up, and an
     * embedded SQLite database that does not exist yet is not created by connecting to it.
     *
     * @throws CliException with {@link JobQueueCli#EXIT_BACKEND} when the queue is not set up
     */
    Queue queueToRead(String queueName) {
        want(List.of(queueName));
        notSetUp(queueName).ifPresent(why -> {
            throw new CliException("queue '" + queueName + "' is not set up: " + why, JobQueueCli.EXIT_BACKEND, null);
        });
        QueueManager manager = DataLocation.isJdbc(queueSettings(queueName).className()) ? readQueues() : queues();
        return onBackend("read", queueName, () -> manager.getQueue(queueName));
    }

    /**
     * The queues as commands that only read open them: every JDBC queue with {@code autoSetUp: false},
     * so a read never creates a table (a missing one is reported as not set up). Other backends
     * create nothing on a read and are served by {@link #queues()}.
     */
    private QueueManager readQueues() {
        if (readQueueManager == null) {
            JobQueueSettings settings = settings();
            Map<String, QueueSettings> readOnly = new LinkedHashMap<>();
            settings.queues().forEach((name, queue) -> readOnly.put(name,
                    DataLocation.isJdbc(queueSettings(name).className()) ? queue.toBuilder().option("autoSetUp", false).build()
                            : queue));
            readQueueManager = new QueueManager(new JobQueueSettings(settings.presets(), readOnly, settings.worker()),
                    classPath().loader());
        }
        return readQueueManager;
    }

    /**
     * Why the queue is certainly not set up, told from the settings and the file system alone
     * (today: its SQLite file does not exist), or empty when it may be.
     */
    Optional<String> notSetUp(String queueName) {
        return DataLocation.sqliteFile(queueSettings(queueName))
                .filter(file -> !Files.exists(file))
                .map(file -> "its SQLite file " + file + " does not exist (run 'jobqueue queue:setup " + queueName
                        + "' to create it)");
    }

    /**
     * Runs a call on a queue's backend; a {@link BackendException} becomes the user's line, "cannot
     * &lt;action&gt; queue 'x' at &lt;where&gt;: &lt;why&gt;", with {@link JobQueueCli#EXIT_BACKEND}.
     */
    <T> T onBackend(String action, String queueName, Supplier<T> call) {
        try {
            return call.get();
        } catch (BackendException e) {
            throw BackendErrors.explain(action, queueName, address(queueName), backendName(queueName), e);
        }
    }

    /** Where the queue lives, for messages (no secrets); null when the settings name no address. */
    String address(String queueName) {
        return DataLocation.address(queueSettings(queueName));
    }

    private String backendName(String queueName) {
        return queueSettings(queueName).className();
    }

    /** A queue's settings merged over its preset; see {@link #queue} for the demo's queue. */
    QueueSettings queueSettings(String queueName) {
        want(List.of(queueName));
        return queues().getQueueSettings(queueName);
    }

    /** Adds the demo's queue when it is named but not configured; call before the queue manager is built. */
    void want(List<String> queueNames) {
        if (queueManager == null && queueNames.contains(DemoCommand.DEFAULT_QUEUE)) {
            addQueueIfMissing(DemoCommand.DEFAULT_QUEUE);
        }
    }

    JobQueueSettings settings() {
        return config().settings();
    }

    QueueManager queues() {
        if (queueManager == null) {
            queueManager = new QueueManager(settings(), classPath().loader());
        }
        return queueManager;
    }

    JobManager jobs() {
        if (jobManager == null) {
            jobManager = new JobManager(queues());
            jobManager.addDiscoveredInterceptors(classPath().loader());
        }
        return jobManager;
    }

    /** Prints an error as one line on stderr, with the stack trace when verbose; secrets masked in both. */
    void printError(Throwable e, boolean withTrace) {
        Set<String> secrets = secrets();
        err.println("Error: " + Secrets.mask(describe(e), secrets));
        if (withTrace || verbose) {
            Secrets.mask(e, secrets).printStackTrace(err);
        }
        err.flush();
    }

    /** The secrets of the loaded settings (none before they are loaded), to mask in everything printed. */
    Set<String> secrets() {
        Set<String> secrets = new HashSet<>(MaskingStream.secrets());
        if (config != null) {
            secrets.addAll(secretsOf(config.settings()));
        }
        return secrets;
    }

    private static Set<String> secretsOf(JobQueueSettings settings) {
        Set<String> secrets = new HashSet<>();
        settings.presets().values().forEach(s -> secrets.addAll(Secrets.secretsOf(s.toMap())));
        settings.queues().values().forEach(s -> secrets.addAll(Secrets.secretsOf(s.toMap())));
        return secrets;
    }

    /** One line saying what went wrong: the message, and the root cause's when it adds something. */
    static String describe(Throwable e) {
        String text = e.getMessage();
        if (text == null || text.isBlank()) {
            text = e.getClass().getSimpleName();
        } else if (!(e instanceof JobQueueException || e instanceof CliException || e instanceof IllegalArgumentException)) {
            text = e.getClass().getSimpleName() + ": " + text;
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // this library's messages say what happened and what to do; others get their root cause
        if (root != e && root.getMessage() != null && !text.contains(root.getMessage())
                && !(e instanceof JobQueueException) && !(e instanceof CliException)) {
            text += ": " + root.getMessage();
        }
        return JobQueueCli.oneLine(text);
    }

    @Override
    public void close() {
        if (queueManager != null) {
            queueManager.close();
        }
        if (readQueueManager != null) {
            readQueueManager.close();
        }
        if (userClassPath != null) {
            userClassPath.close();
        }
        out.flush();
        err.flush();
    }
}
