package com.example.shop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small shop on Spring Boot and JobQueue: {@code POST /orders} saves an order and queues its
 * confirmation mail in one transaction, and a worker inside the application sends the mail.
 */
@SpringBootApplication
public class ShopApplication {

    /** Starts the shop; the SQLite database of the default profile lives in {@code ./var}. */
    public static void main(String[] args) throws IOException {
        Files.createDirectories(Path.of("var"));
        SpringApplication.run(ShopApplication.class, args);
    }
}
