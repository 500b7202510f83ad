package io.jobqueue.testkit;

import io.jobqueue.Queue;
import io.jobqueue.ReleaseOptions;

/**
 * The four moves a reservation holder can make on a message id. The contract says each of them
 * returns {@code false} and changes nothing when the id is not currently reserved, so the suite
 * runs the same checks over all four.
 */
enum Operation {

    RELEASE(Capability.RESERVE) {
        @Override
        boolean applyTo(Queue queue, String id) {
            return queue.release(id, ReleaseOptions.DEFAULT);
        }
    },
    ABORT(Capability.RESERVE) {
        @Override
        boolean applyTo(Queue queue, String id) {
            return queue.abort(id, "aborted by the conformance suite");
        }
    },
    FINISH(Capability.RESERVE) {
        @Override
        boolean applyTo(Queue queue, String id) {
            return queue.finish(id);
        }
    },
    EXTEND_LEASE(Capability.LEASES) {
        @Override
        boolean applyTo(Queue queue, String id) {
            return queue.extendLease(id);
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

    abstract boolean applyTo(Queue queue, String id);

    /** How the operation reads in a failure message: {@code finish("42")}. */
    String describe(String id) {
        String method = switch (this) {
            case RELEASE -> "release";
            case ABORT -> "abort";
            case FINISH -> "finish";
            case EXTEND_LEASE -> "extendLease";
        };
        return method + "(\"" + id + "\")";
    }
}
