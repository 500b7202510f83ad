package io.jobqueue.redis;

import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.spi.QueueContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The child process of {@link LeaseRecoveryAcrossProcessesTest}: reserves one message of the named
 * queue with a one-second lease, prints {@code RESERVED <id>} and then hangs until it is killed.
 */
public final class ReserveAndHang {

    private ReserveAndHang() {
    }

    public static void main(String[] args) throws InterruptedException {
        Queue queue = new RedisQueueFactory().create(QueueContext.of(args[0],
                Map.of("port", Integer.parseInt(args[1]), "leaseTimeout", 1)));
        Message message = queue.waitAndReserve(Duration.ofSeconds(30)).orElseThrow();
        System.out.println("RESERVED " + message.id());
        System.out.flush();
        new CountDownLatch(1).await(); // hold the reservation until SIGKILL
    }
}
