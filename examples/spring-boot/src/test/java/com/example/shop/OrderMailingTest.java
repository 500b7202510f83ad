package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/** The whole application on a temporary SQLite file: an order placed over HTTP is mailed by the worker inside it. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OrderMailingTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        ShopTestDatabase.register(registry, "mailing");
    }

    @LocalServerPort
    int port;

    RestClient http;

    @BeforeEach
    void client() {
        http = RestClient.create("http://127.0.0.1:" + port);
    }

    @Test
    void anOrder_isMailedByTheWorker() {
        Order placed = place("Ada", "ada@example.com");
        assertThat(placed.customer()).isEqualTo("Ada");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get(placed.id()).mailed()).as("order %s mailed", placed.id()).isTrue());
    }

    /** Requests and the worker write to the one SQLite file at once: none fails with SQLITE_BUSY. */
    @Test
    void concurrentOrders_areAllPlacedAndMailed() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Order>> futures = IntStream.range(0, 40)
                    .mapToObj(i -> clients.submit(() -> place("customer " + i, "c" + i + "@example.com")))
                    .toList();
            List<Long> ids = futures.stream().map(f -> {
                try {
                    return f.get().id();
                } catch (Exception e) {
                    throw new AssertionError("placing an order failed", e);
                }
            }).toList();
            assertThat(ids).doesNotHaveDuplicates().hasSize(40);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(ids).allSatisfy(id -> assertThat(get(id).mailed()).as("order %s mailed", id).isTrue()));
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void anUnknownOrder_is404() {
        ResponseEntity<Void> response = http.get().uri("/orders/{id}", 987654321).retrieve()
                .onStatus(status -> true, (request, reply) -> { })
                .toBodilessEntity();
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    private Order place(String customer, String email) {
        ResponseEntity<Order> response = http.post().uri("/orders").contentType(MediaType.APPLICATION_JSON)
                .body(new OrderController.NewOrder(customer, email)).retrieve().toEntity(Order.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(response.getHeaders().getLocation()).hasToString("/orders/" + response.getBody().id());
        return response.getBody();
    }

    private Order get(long id) {
        return http.get().uri("/orders/{id}", id).retrieve().body(Order.class);
    }
}
