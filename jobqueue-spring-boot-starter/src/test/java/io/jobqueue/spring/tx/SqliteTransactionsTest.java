package io.jobqueue.spring.tx;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.JobManager;
import io.jobqueue.Queue;
import io.jobqueue.QueueManager;
import io.jobqueue.spring.JobQueueAutoConfiguration;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A jdbc queue on the application's SQLite DataSource: its table is made at start-up, outside any
 * transaction, so the first submit inside a transaction that already wrote (and so holds SQLite's
 * write lock) does not wait on the lock for a set-up on another connection.
 */
class SqliteTransactionsTest {

    @TempDir
    Path folder;

    @Test
    void theFirstSubmit_insideATransactionThatWrote_joinsIt() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
                        JobQueueAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:sqlite:" + folder.resolve("app.db") + "?busy_timeout=2000",
                        "jobqueue.queues.mail.class-name=jdbc")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    JdbcTemplate sql = new JdbcTemplate(context.getBean(DataSource.class));
                    sql.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY)");
                    Queue mail = context.getBean(QueueManager.class).getQueue("mail");

                    context.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
                        sql.update("INSERT INTO orders VALUES (1)");
                        context.getBean(JobManager.class).queue("mail", new TransactionsTest.Mail("a@example.com"));
                    });

                    assertThat(mail.counts().ready()).as("the job committed with the order").isEqualTo(1);
                });
    }
}
