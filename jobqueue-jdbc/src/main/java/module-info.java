/**
 * The JDBC backend ({@code className: jdbc}): queues in one table each of PostgreSQL, MariaDB/MySQL
 * or SQLite, on a pool of its own or on an application's {@code DataSource}.
 */
module io.jobqueue.jdbc {
    requires transitive io.jobqueue.core;
    requires transitive java.sql;
    requires com.zaxxer.hikari;
    requires org.postgresql.jdbc;
    requires org.slf4j;

    exports io.jobqueue.jdbc;

    provides io.jobqueue.spi.QueueFactory with io.jobqueue.jdbc.JdbcQueueFactory;
}
