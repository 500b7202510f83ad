package io.jobqueue.cli;

import io.jobqueue.BackendException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code jobqueue} command: the original's queue and job commands, plus {@code job:show},
 * {@code job:failed}, {@code job:retry}, {@code queue:stats}, {@code demo} and {@code bench}.
 *
 * <p>Every run reads its settings from {@code --config FILE}, else {@code $JOBQUEUE_CONFIG}, else
 * {@code ./jobqueue.yaml}, else the built-in default (queue {@code default} on the embedded SQLite
 * file {@code ./var/jobqueue.db}). Errors are one line on stderr and a non-zero exit code; the stack
 * trace follows only with {@code --verbose}.
 *
 * <p>Exit codes: 0 success, 1 an error or a refusal (unknown queue, bad settings, flush without
 * {@code --force}), 2 a bad command line, 3 a queue's backend cannot be used (unreachable, the queue
 * not set up, a table that is not the queue's own). {@code job:execute} and {@code bench} keep the
 * codes of the programs they run.
 */
@Command(name = "jobqueue", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = Version.class, usageHelpAutoWidth = true, sortOptions = false,
        exitCodeOnInvalidInput = JobQueueCli.EXIT_USAGE, exitCodeOnExecutionException = JobQueueCli.EXIT_ERROR,
        description = "Operate job queues, run workers, try the demo.%n",
        footer = {"%nConfiguration: --config FILE, else $JOBQUEUE_CONFIG, else ./jobqueue.yaml, else the built-in"
                + " default (queue 'default' on the SQLite file ./var/jobqueue.db).",
                "Exit codes: 0 done, 1 an error or a refusal, 2 a bad command line, 3 a queue's backend cannot be used"
                        + " (unreachable, not set up).",
                "Run 'jobqueue <command> --help' for a command's options."},
        subcommands = {
                QueueListCommand.class, QueueDescribeCommand.class, QueueSetupCommand.class,
                QueueFlushCommand.class, QueueSubmitCommand.class, QueueStatsCommand.class,
                JobWorkCommand.class, JobListCommand.class, JobShowCommand.class, JobCancelCommand.class, JobFailedCommand.class, JobRetryCommand.class,
                JobExecuteCommand.class, WorkersCommand.class, CronListCommand.class, DemoCommand.class, BenchCommand.class, ChaosCommand.class})
public final class JobQueueCli implements Callable<Integer> {

    /** Exit code of a run that worked. */
    public static final int EXIT_OK = 0;
    /** Exit code of an error or a refusal. */
    public static final int EXIT_ERROR = 1;
    /** Exit code of a bad command line. */
    public static final int EXIT_USAGE = 2;
    /** Exit code of a queue whose backend cannot be used: unreachable, not set up, or not the queue's own. */
    public static final int EXIT_BACKEND = 3;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "settings file (default: $JOBQUEUE_CONFIG, else ./jobqueue.yaml, else the built-in default)")
    Path config;

    @Option(names = "--classpath", paramLabel = "PATH", scope = ScopeType.INHERIT,
            description = "jars and folders with your job classes, separated by '${sys:path.separator}'"
                    + " (default: $JOBQUEUE_CLASSPATH)")
    String classpath;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "more output; stack traces with errors")
    boolean verbose;

    @Spec
    CommandSpec spec;

    private final Session session;

    private JobQueueCli(Session session) {
        this.session = session;
    }

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        MaskingStream.installOnStderr(); // before any logger exists: every log line is masked too
        Logging.configure(args);
        int code = run(args, System.out, System.err, System.getenv(), Path.of("").toAbsolutePath());
        System.err.flush();
        System.out.flush();
        System.exit(code);
    }

    /**
     * Runs one command line as a user would and returns the exit code.
     *
     * @param env the environment ({@code JOBQUEUE_CONFIG}, {@code JOBQUEUE_CLASSPATH})
     * @param cwd the folder relative paths (config, {@code ./var}) are resolved against
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Path cwd) {
        Session session = new Session(out, err, env, cwd);
        JobQueueCli root = new JobQueueCli(session);
        CommandLine commandLine = new CommandLine(root)
                .setExpandAtFiles(false) // `queue:submit q @file` submits the text "@file", never the file's contents
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    session.printError(e, root.verbose);
                    if (e instanceof CliException c) {
                        return c.exitCode();
                    }
                    return e instanceof BackendException ? EXIT_BACKEND : EXIT_ERROR;
                })
                .setParameterExceptionHandler(JobQueueCli::usageError);
        try {
            return commandLine.execute(args);
        } finally {
            session.close();
        }
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return EXIT_OK;
    }

    /** The run's streams, settings and queues; built on first use. */
    Session session() {
        session.options(config, classpath, verbose);
        return session;
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String text = e.getMessage();
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            List<String> unmatchedArgs = unmatched.getUnmatched();
            String first = unmatchedArgs.isEmpty() ? "" : unmatchedArgs.get(0);
            if (cmd.getParent() == null && !first.startsWith("-")) {
                text = "unknown command '" + first + "'";
            } else if (first.startsWith("-")) {
                text = "unknown option '" + first + "'";
            }
            if (!suggestions.isEmpty()) {
                text += ", did you mean '" + suggestions.get(0) + "'?";
            }
        }
        String help = "jobqueue" + (cmd.getParent() == null ? "" : " " + cmd.getCommandName()) + " --help";
        cmd.getErr().println("Error: " + oneLine(text) + " (see '" + help + "')");
        cmd.getErr().flush();
        boolean verbose = Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
        if (verbose) {
            e.printStackTrace(cmd.getErr());
        }
        return EXIT_USAGE;
    }

    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
