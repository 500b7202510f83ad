package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Without --verbose, a logged exception is its log line alone: no frames, no causes. */
class BadInputStackTraceFilterTest {

    @Test
    void aLoggedExceptionWithCauses_leavesOnlyTheLogLine_andOtherLinesPass() {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(new StackTraceFilter(target), true, StandardCharsets.UTF_8);

        err.println("WARN PoolBase - jobqueue-postgresql-1 - Failed to validate connection");
        new SQLException("Connection refused", "08001", new java.net.ConnectException("refused")).printStackTrace(err);
        err.println("Error: cannot work on queue 'email': connection refused");
        err.println("[main] WARN HikariPool - jobqueue-postgresql-1 - Exception during pool initialization.");
        new IllegalStateException("outer", new RuntimeException("inner")).printStackTrace(err);
        err.print("partial status line");
        err.flush();

        assertThat(target.toString(StandardCharsets.UTF_8)).isEqualTo("""
                WARN PoolBase - jobqueue-postgresql-1 - Failed to validate connection
                Error: cannot work on queue 'email': connection refused
                [main] WARN HikariPool - jobqueue-postgresql-1 - Exception during pool initialization.
                partial status line""");
    }

    @Test
    void aLineThatOnlyLooksLikeAnExceptionName_isKept_whenNoLogLineCameBefore() {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(new StackTraceFilter(target), true, StandardCharsets.UTF_8);

        err.println("Reason: demo job #7 always fails (on purpose)");
        err.println("java.lang.IllegalStateException: told by a job on purpose");

        assertThat(target.toString(StandardCharsets.UTF_8))
                .isEqualTo("Reason: demo job #7 always fails (on purpose)\njava.lang.IllegalStateException: told by a job on purpose\n");
    }
}
