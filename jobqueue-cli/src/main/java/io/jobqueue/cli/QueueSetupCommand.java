package io.jobqueue.cli;

import io.jobqueue.JobQueueException;
import io.jobqueue.Queue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code queue:setup (<queue>… | --all)}: creates what each backend needs (tables, streams) and
 * checks the connection. Safe to repeat. Every queue is tried; each failure is one line on stderr,
 * and the exit code is that of the first failure (3 for a backend that cannot be used, else 1).
 */
@Command(name = "queue:setup", description = "Set up queues in their backends (tables, streams, …) and check the connections.")
final class QueueSetupCommand extends CliCommand {

    @Parameters(arity = "0..*", paramLabel = "<queue>", description = "configured queue names (also comma-separated)")
    List<String> queueNames = new ArrayList<>();

    @Option(names = "--all", description = "set up every configured queue")
    boolean all;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> names = names();
        Session session = session();
        int exitCode = JobQueueCli.EXIT_OK;
        for (String name : names) {
            try {
                setUp(session, name);
                session.out().println("Queue \"" + name + "\" has been initialized successfully.");
            } catch (CliException | JobQueueException | IllegalArgumentException e) {
                if (names.size() == 1) {
                    throw e;
                }
                session.printError(e, false);
                if (exitCode == JobQueueCli.EXIT_OK) {
                    exitCode = e instanceof CliException c ? c.exitCode() : JobQueueCli.EXIT_ERROR;
                }
            }
        }
        return exitCode;
    }

    private static void setUp(Session session, String name) {
        Queue queue = session.onBackend("set up", name, () -> session.queues().getQueue(name));
        session.onBackend("set up", name, () -> {
            queue.setUp();
            return null;
        });
    }

    private List<String> names() {
        if (all == !queueNames.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    all ? "give either queue names or --all, not both" : "give the queues to set up, or --all");
        }
        if (all) {
            return List.copyOf(session().queues().queueNames());
        }
        Set<String> names = new LinkedHashSet<>();
        for (String argument : queueNames) {
            for (String part : argument.split(",")) {
                if (!part.isBlank()) {
                    names.add(part.strip());
                }
            }
        }
        session().want(List.copyOf(names));
        return List.copyOf(names);
    }
}
