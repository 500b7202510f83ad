package com.example.shop;

import io.jobqueue.Defer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends the confirmation mail of an order. The starter wraps this bean: a call of
 * {@link #sendConfirmation} queues a job on queue {@code email} and returns at once, and the
 * application's worker makes the real call later.
 */
@Component
public class Mailer {

    private static final Logger LOG = LoggerFactory.getLogger(Mailer.class);

    private final Orders orders;

    public Mailer(Orders orders) {
        this.orders = orders;
    }

    /**
     * "Sends" the mail: marks the order as mailed and logs it. A job may run more than once (the
     * queue delivers at least once), so an order already mailed is not mailed again.
     */
    @Defer(queue = "email")
    public void sendConfirmation(long orderId, String address) {
        if (orders.markMailed(orderId)) {
            LOG.info("Mailed the confirmation of order {} to {}", orderId, address);
        } else {
            LOG.info("Order {} was mailed already (or is gone); nothing sent", orderId);
        }
    }
}
