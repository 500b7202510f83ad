package io.jobqueue.spring.tx;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Job;
import io.jobqueue.JobManager;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.QueueManager;
import io.jobqueue.jdbc.JdbcBackend;
import io.jobqueue.spring.JobQueueAutoConfiguration;
import io.jobqueue.testkit.Services;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Transactions against real PostgreSQL: a jdbc queue without url on the application's DataSource
 * joins the caller's transaction (commit: the job exists; rollback: no trace, the application's
 * own row neither); any other queue submits after the commit and never on rollback.
 */
class TransactionsTest {

    private static final String ORDERS = "spring_tx_orders";

    private final String jdbcQueue = Services.uniqueName("tx-jdbc");
    private final String memoryQueue = Services.uniqueName("tx-mem");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
                    JobQueueAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test",
                    "spring.datasource.username=postgres",
                    "jobqueue.queues." + jdbcQueue + ".class-name=jdbc",
                    "jobqueue.queues." + memoryQueue + ".class-name=memory");

    @BeforeAll
    static void postgres() {
        Services.assumeReachable("PostgreSQL", "127.0.0.1", 5432);
    }

    /** A job the test only submits and reads back. */
    public record Mail(String to) implements Job {
        @Override
        public boolean execute(Queue queue, Message message) {
            return true;
        }
    }

    @Test
    void aJdbcQueueWithoutUrl_usesTheApplicationsDataSource() {
        runner.run(context -> {
            Queue queue = context.getBean(QueueManager.class).getQueue(jdbcQueue);
            try {
                assertThat(queue.backend(JdbcBackend.class)).as("the jdbc backend under the queue").isPresent();
                String table = queue.backend(JdbcBackend.class).orElseThrow().tableName();
                context.getBean(JobManager.class).queue(jdbcQueue, new Mail("a@example.com"));

                Long rows = new JdbcTemplate(context.getBean(DataSource.class)).queryForObject(
                        "SELECT COUNT(*) FROM " + table, Long.class);
                assertThat(rows).as("rows of %s read through the application's DataSource", table).isEqualTo(1);
            } finally {
                drop(context.getBean(DataSource.class), queue);
            }
        });
    }

    @Test
    void inATransaction_aJdbcSubmit_existsExactlyWhenItCommits() {
        runner.run(context -> {
            JobManager jobs = context.getBean(JobManager.class);
            Queue queue = context.getBean(QueueManager.class).getQueue(jdbcQueue);
            JdbcTemplate sql = new JdbcTemplate(context.getBean(DataSource.class));
            TransactionTemplate tx = context.getBean(TransactionTemplate.class);
            sql.execute("CREATE TABLE IF NOT EXISTS " + ORDERS + " (id TEXT PRIMARY KEY)");
            try {
                tx.executeWithoutResult(status -> {
                    sql.update("INSERT INTO " + ORDERS + " VALUES (?)", jdbcQueue + "-kept");
                    jobs.queue(jdbcQueue, new Mail("kept@example.com"));
                    assertThat(otherConnectionCount(queue)).as("the job seen from outside before the commit").isZero();
                });
                assertThat(queue.counts().ready()).as("jobs after the commit").isEqualTo(1);

                tx.executeWithoutResult(status -> {
                    sql.update("INSERT INTO " + ORDERS + " VALUES (?)", jdbcQueue + "-lost");
                    jobs.queue(jdbcQueue, new Mail("lost@example.com"));
                    status.setRollbackOnly();
                });
                assertThat(queue.counts().ready()).as("jobs after a rollback").isEqualTo(1);
                assertThat(sql.queryForObject("SELECT COUNT(*) FROM " + ORDERS + " WHERE id LIKE ?", Long.class, jdbcQueue + "%"))
                        .as("the application's rows: the committed one only").isEqualTo(1);
                assertThat(queue.waitAndTake(Duration.ZERO).orElseThrow().payload()).contains("kept@example.com");
            } finally {
                sql.update("DELETE FROM " + ORDERS + " WHERE id LIKE ?", jdbcQueue + "%");
                drop(context.getBean(DataSource.class), queue);
            }
        });
    }

    @Test
    void inATransaction_aSubmitToAnotherBackend_happensAfterTheCommit_andNeverOnRollback() {
        runner.run(context -> {
            JobManager jobs = context.getBean(JobManager.class);
            Queue queue = context.getBean(QueueManager.class).getQueue(memoryQueue);
            TransactionTemplate tx = context.getBean(TransactionTemplate.class);

            tx.executeWithoutResult(status -> {
                String id = jobs.queue(memoryQueue, new Mail("later@example.com"));
                assertThat(id).as("the id of a submit held until the commit").isEmpty();
                assertThat(queue.counts().ready()).as("jobs before the commit").isZero();
            });
            assertThat(queue.counts().ready()).as("jobs after the commit").isEqualTo(1);

            tx.executeWithoutResult(status -> {
                jobs.queueAll(memoryQueue, List.of(new Mail("x@example.com"), new Mail("y@example.com")),
                        io.jobqueue.SubmitOptions.DEFAULT);
                status.setRollbackOnly();
            });
            assertThat(queue.counts().ready()).as("jobs after a rollback").isEqualTo(1);

            String outside = jobs.queue(memoryQueue, new Mail("now@example.com"));
            assertThat(outside).as("a submit outside a transaction has its id").isNotEmpty();
            assertThat(queue.counts().ready()).isEqualTo(2);
        });
    }

    private static void drop(DataSource dataSource, Queue queue) {
        String table = queue.backend(JdbcBackend.class).orElseThrow().tableName();
        new JdbcTemplate(dataSource).execute("DROP TABLE IF EXISTS " + table);
    }

    /** The ready count as another connection sees it (the pool's, outside the test's transaction). */
    private static long otherConnectionCount(Queue queue) {
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            return other.submit(() -> queue.counts().ready()).get();
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("counting from another thread failed", e);
        } finally {
            other.shutdownNow();
        }
    }
}
