package com.example.shop;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table {@code shop_orders}, through Spring's {@link JdbcClient}; on SQLite and PostgreSQL alike. */
@Repository
public class Orders {

    private final JdbcClient jdbc;

    public Orders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts an order, not yet mailed, and returns its number. */
    public long insert(String customer, String email) {
        return jdbc.sql("INSERT INTO shop_orders (customer, email) VALUES (?, ?) RETURNING id")
                .params(customer, email)
                .query(Long.class)
                .single();
    }

    /** The order of that number, if there is one. */
    public Optional<Order> find(long id) {
        return jdbc.sql("SELECT id, customer, email, mailed_at IS NOT NULL AS mailed FROM shop_orders WHERE id = ?")
                .param(id)
                .query((rs, row) -> new Order(rs.getLong("id"), rs.getString("customer"), rs.getString("email"),
                        rs.getBoolean("mailed")))
                .optional();
    }

    /** Marks the order as mailed; false when it already was (or does not exist). */
    public boolean markMailed(long id) {
        return jdbc.sql("UPDATE shop_orders SET mailed_at = CURRENT_TIMESTAMP WHERE id = ? AND mailed_at IS NULL")
                .param(id)
                .update() == 1;
    }
}
