package io.jobqueue.opentelemetry.internal;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The attribute keys of the spans: those of the OpenTelemetry messaging conventions, spelled here
 * because they are still incubating (not in the stable semconv artifact), and two of JobQueue's own.
 */
final class MessagingAttributes {

    /** The backend: {@code memory}, {@code jdbc}, {@code redis}, {@code beanstalkd}, … */
    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    /** The queue's name in its backend (with the configured prefix). */
    static final AttributeKey<String> DESTINATION_NAME = AttributeKey.stringKey("messaging.destination.name");
    /** {@code send} or {@code process}. */
    static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    /** The operation as JobQueue names it: {@code send} or {@code process}. */
    static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    /** The message id; on a send span only when one message was submitted. */
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    /** How many messages one submit sent; only when more than one. */
    static final AttributeKey<Long> BATCH_MESSAGE_COUNT = AttributeKey.longKey("messaging.batch.message_count");
    /** The conventions' class of a failure: the thrown class's name, or {@code returned_false}. */
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    /** {@code Message.numberOfReleases()}: failed runs before this one. */
    static final AttributeKey<Long> RELEASES = AttributeKey.longKey("jobqueue.message.releases");
    /** {@code Message.numberOfDeliveries()}: reservations, this one included. */
    static final AttributeKey<Long> DELIVERIES = AttributeKey.longKey("jobqueue.message.deliveries");
    /** Why a send span's context is not in the message headers. */
    static final AttributeKey<String> PROPAGATION_SKIPPED_REASON = AttributeKey.stringKey("jobqueue.propagation.skipped_reason");

    static final String SEND = "send";
    static final String PROCESS = "process";
    static final String RETURNED_FALSE = "returned_false";

    private MessagingAttributes() {
    }
}
