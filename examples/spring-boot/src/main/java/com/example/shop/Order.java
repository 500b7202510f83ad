package com.example.shop;

/**
 * An order as {@code GET /orders/{id}} shows it.
 *
 * @param id       the order's number
 * @param customer who ordered
 * @param email    where the confirmation goes
 * @param mailed   whether the confirmation was sent
 */
public record Order(long id, String customer, String email, boolean mailed) {
}
