package com.example.shop;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/** Places orders: the order's row and the job of its confirmation mail commit together, or neither does. */
@Service
public class OrderService {

    private final Orders orders;
    private final Mailer mailer;

    public OrderService(Orders orders, Mailer mailer) {
        this.orders = orders;
        this.mailer = mailer;
    }

    /**
     * Saves the order and queues its confirmation mail in one transaction: the queue {@code email}
     * keeps its jobs in this database, so the job is inserted on the transaction's connection.
     *
     * @throws ResponseStatusException 400 for an address without {@code @}; checked last on purpose,
     *     to show that the rollback takes the queued mail with the order
     */
    @Transactional
    public long placeOrder(String customer, String email) {
        long id = orders.insert(customer, email);
        mailer.sendConfirmation(id, email);
        if (email == null || !email.contains("@")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not an e-mail address: " + email);
        }
        return id;
    }
}
