package io.jobqueue.testkit;

import io.jobqueue.Capability;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.ReleaseOptions;

/**
 * The four moves a reservation holder can make on a reserved message. The contract says each of
 * them returns {@code false} and changes nothing when that reservation is over, so the suite runs
 * the same checks over all four.
 */
enum Operation {

    RELEASE(Capability.RESERVE) {
        @Override
        boolean applyTo(Queue queue, Message message) {
            return queue.release(message, ReleaseOptions.DEFAULT);
        }
    },
    ABORT(Capability.RESERVE) {
        @Override
        boolean applyTo(Queue queue, Message message) {
            return queue.abort(message, "aborted by the conformance suite");
        }
    },
    FINISH(Capability.RESERVE) {
        @Override
        boolean applyTo(Queue queue, Message message) {
            return queue.finish(message);
        }
    },
    EXTEND_LEASE(Capability.LEASES) {
        @Override
        boolean applyTo(Queue queue, Message message) {
            return queue.extendLease(message);
        }
    };

    private final Capability required;

    Operation(Capability required) {
        this.required = required;
    }

    /** What the backend must declare for this operation to be tested at all. */
    Capability required() {
        return required;
    }

    abstract boolean applyTo(Queue queue, Message message);

    /** How the operation reads in a failure message: {@code finish("42")}. */
    String describe(Message message) {
        String id = message.id();
        String method = switch (this) {
            case RELEASE -> "release";
            case ABORT -> "abort";
            case FINISH -> "finish";
            case EXTEND_LEASE -> "extendLease";
        };
        return method + "(\"" + id + "\")";
    }
}
