package io.jobqueue.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobqueue.JobManager;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.QueueManager;
import io.jobqueue.UnreadablePayloadException;
import java.util.Map;

/**
 * The main class of an isolated child JVM (and of {@code jobqueue job:execute}): reads the request
 * that {@link IsolatedExecution} wrote on stdin, runs the job once, and exits 0 on success, 1 on
 * failure, 3 when the payload is not a job. It never finishes, releases or aborts: the parent does.
 */
public final class IsolatedChild {

    private IsolatedChild() {
    }

    public static void main(String[] args) {
        System.exit(runFromStdin());
    }

    /** Runs the request on stdin and returns the exit code. */
    @SuppressWarnings("unchecked")
    public static int runFromStdin() {
        try {
            ObjectMapper json = new ObjectMapper();
            JsonNode request = json.readTree(System.in);
            String queueName = request.path("queue").asText();
            Map<String, Object> settings = json.convertValue(request.path("settings"), Map.class);
            JsonNode m = request.path("message");
            Message message = new Message(m.path("id").asText(), m.path("payload").asText(), m.path("numberOfReleases").asInt());
            JobQueueSettings single = JobQueueSettings.fromMap(Map.of("queues", Map.of(queueName, settings)), "isolated execution");
            try (QueueManager queues = new QueueManager(single)) {
                Queue queue = queues.getQueue(queueName);
                boolean success = new JobManager(queues).executeInThisJvm(queue, message);
                if (!success) {
                    System.err.println("execute() of job in message " + message.id() + " did not return true");
                }
                return success ? IsolatedExecution.EXIT_SUCCESS : IsolatedExecution.EXIT_FAILED;
            }
        } catch (UnreadablePayloadException e) {
            System.err.println(e.getMessage());
            return IsolatedExecution.EXIT_UNREADABLE;
        } catch (Exception | Error e) {
            e.printStackTrace();
            return IsolatedExecution.EXIT_FAILED;
        }
    }
}
