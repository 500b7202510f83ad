package io.jobqueue.jdbc;

import io.jobqueue.Message;
import io.jobqueue.spi.QueueContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A worker process for {@link LeaseRecoveryAcrossProcessesTest}: reserves one message, prints
 * {@code RESERVED <id>} and then holds it until it is killed.
 * Arguments: queue name, url, username (or "-"), table name.
 */
public final class ReserveAndHold {

    public static void main(String[] args) throws InterruptedException {
        Map<String, Object> options = new HashMap<>();
        options.put("url", args[1]);
        if (!args[2].equals("-")) {
            options.put("username", args[2]);
        }
        options.put("tableName", args[3]);
        options.put("leaseTimeout", 1);
        JdbcQueue queue = new JdbcQueue(QueueContext.of(args[0], options));
        Message message = queue.waitAndReserve(Duration.ofSeconds(60)).orElseThrow();
        System.out.println("RESERVED " + message.id());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
