package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.QueueManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The order and its mail commit or roll back together. The worker is off here, so every job that
 * was committed stays in the queue for the test to see.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "jobqueue.worker.enabled=false")
class OrderRollbackTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        ShopTestDatabase.register(registry, "rollback");
    }

    @LocalServerPort
    int port;

    @Autowired
    QueueManager queues;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCommittedOrder_leavesItsMailInTheQueue_aRolledBackOneLeavesNoTrace() {
        RestClient http = RestClient.create("http://127.0.0.1:" + port);

        ResponseEntity<String> good = post(http, "Grace", "grace@example.com");
        assertThat(good.getStatusCode()).as("POST /orders: %s", good.getBody()).isEqualTo(HttpStatus.CREATED);

        // the service queues the mail, then refuses the address: the transaction rolls back
        ResponseEntity<String> bad = post(http, "Mallory", "not-an-address");
        assertThat(bad.getStatusCode()).as("POST /orders: %s", bad.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);

        assertThat(jdbc.sql("SELECT email FROM shop_orders").query(String.class).list())
                .as("orders in the table").containsExactly("grace@example.com");
        Queue email = queues.getQueue("email");
        List<String> payloads = email.peek(100).stream().map(Message::payload).toList();
        assertThat(payloads).as("jobs of queue email").hasSize(1);
        assertThat(payloads.get(0)).contains("grace@example.com", "sendConfirmation");
        assertThat(email.counts().ready()).as("ready jobs of queue email").isEqualTo(1);
    }

    private static ResponseEntity<String> post(RestClient http, String customer, String email) {
        return http.post().uri("/orders").contentType(MediaType.APPLICATION_JSON)
                .body(new OrderController.NewOrder(customer, email)).retrieve()
                .onStatus(status -> true, (request, reply) -> { })
                .toEntity(String.class);
    }
}
