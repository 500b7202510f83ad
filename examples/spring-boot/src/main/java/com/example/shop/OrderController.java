package com.example.shop;

import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /orders} places an order, {@code GET /orders/{id}} shows it. */
@RestController
@RequestMapping("/orders")
public class OrderController {

    private final OrderService service;
    private final Orders orders;

    public OrderController(OrderService service, Orders orders) {
        this.service = service;
        this.orders = orders;
    }

    /**
     * The body of {@code POST /orders}.
     *
     * @param customer who orders
     * @param email    where the confirmation goes
     */
    public record NewOrder(String customer, String email) {
    }

    /** Places the order: 201 with the order (not mailed yet) and its address in {@code Location}. */
    @PostMapping
    public ResponseEntity<Order> place(@RequestBody NewOrder order) {
        long id = service.placeOrder(order.customer(), order.email());
        return ResponseEntity.created(URI.create("/orders/" + id)).body(orders.find(id).orElseThrow());
    }

    /** The order, or 404. */
    @GetMapping("/{id}")
    public ResponseEntity<Order> get(@PathVariable long id) {
        return ResponseEntity.of(orders.find(id));
    }
}
