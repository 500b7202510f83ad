/**
 * The JDBC backend: {@link io.jobqueue.jdbc.JdbcBackend} keeps each queue in one table of
 * PostgreSQL, MariaDB/MySQL or SQLite (the embedded default), on a pool of its own or on the
 * application's DataSource, and {@link io.jobqueue.jdbc.JdbcQueueFactory} builds it for settings
 * with {@code className: jdbc}. Options are described by {@link io.jobqueue.jdbc.JdbcQueueOptions};
 * everything under {@code internal} is detail.
 */
package io.jobqueue.jdbc;
