package io.jobqueue.beanstalkd.internal;

import java.time.Duration;

/**
 * Where a queue's connections go and how long they may take, plus the queue name every error
 * message carries.
 *
 * @param host           server host name or address
 * @param port           server port
 * @param queueName      the queue (tube) the connections serve, for messages
 * @param connectTimeout longest wait for a TCP connection
 * @param replyTimeout   longest wait for a reply that is not a blocking reserve
 */
public record Endpoint(String host, int port, String queueName, Duration connectTimeout, Duration replyTimeout) {

    /** "beanstalkd at 127.0.0.1:11300", for messages. */
    public String describe() {
        return "beanstalkd at " + host + ":" + port;
    }
}
