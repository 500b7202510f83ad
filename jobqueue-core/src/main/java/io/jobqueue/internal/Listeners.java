package io.jobqueue.internal;

import io.jobqueue.JobListener;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The job manager's listeners; tells each of them every event and logs, never throws, what they throw. */
public final class Listeners implements JobListener {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
    private final List<JobListener> listeners = new CopyOnWriteArrayList<>();

    public void add(JobListener listener) {
        listeners.add(listener);
    }

    public void remove(JobListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void messageSubmitted(Queue queue, String messageId, String payload, SubmitOptions options) {
        tell("messageSubmitted", queue, messageId, l -> l.messageSubmitted(queue, messageId, payload, options));
    }

    @Override
    public void messageTimeout(Queue queue) {
        tell("messageTimeout", queue, null, l -> l.messageTimeout(queue));
    }

    @Override
    public void messageReserved(Queue queue, Message message) {
        tell("messageReserved", queue, message.id(), l -> l.messageReserved(queue, message));
    }

    @Override
    public void messageFinished(Queue queue, Message message) {
        tell("messageFinished", queue, message.id(), l -> l.messageFinished(queue, message));
    }

    @Override
    public void messageReleased(Queue queue, Message message, ReleaseOptions releaseOptions, Throwable cause) {
        tell("messageReleased", queue, message.id(), l -> l.messageReleased(queue, message, releaseOptions, cause));
    }

    @Override
    public void messageFailed(Queue queue, Message message, Throwable cause) {
        tell("messageFailed", queue, message.id(), l -> l.messageFailed(queue, message, cause));
    }

    private void tell(String event, Queue queue, String messageId, Consumer<JobListener> call) {
        for (JobListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (Throwable e) { // a listener never breaks the move, the worker or the job thread
                try {
                    LOG.warn("Listener {} threw on {} (queue {}, message {}); ignored", listener, event, queue.name(), messageId, e);
                } catch (Throwable ignored) {
                    // logging failed too (out of memory?): the event stays unheard by this listener
                }
            }
        }
    }
}
