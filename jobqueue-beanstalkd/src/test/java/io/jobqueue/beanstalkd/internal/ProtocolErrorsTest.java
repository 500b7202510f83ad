package io.jobqueue.beanstalkd.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.BackendException;
import io.jobqueue.MessageTooLargeException;
import io.jobqueue.beanstalkd.BeanstalkdException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtocolErrorsTest {

    private static final Endpoint ENDPOINT = new Endpoint("10.0.0.5", 11301, "email", Duration.ofSeconds(1), Duration.ofSeconds(1));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "OUT_OF_MEMORY|out of memory",
        "INTERNAL_ERROR|internal error",
        "DRAINING|drain mode",
        "BAD_FORMAT|badly formatted",
        "UNKNOWN_COMMAND|does not know the command",
        "EXPECTED_CRLF|expected CRLF",
        "JOB_TOO_BIG|too big",
        "NOT_FOUND|does not know the job",
        "DEADLINE_SOON|DEADLINE_SOON",
        "WHATEVER 1|unexpected reply 'WHATEVER 1'"})
    void everyServerError_becomesAnExceptionThatSaysWhatWhereAndWhich(String line, String explanation) {
        BeanstalkdException e = ProtocolErrors.of(Reply.parse(line, null), "put 0 0 60 5", ENDPOINT);

        assertThat(e).isInstanceOf(BackendException.class);
        assertThat(e.getMessage()).contains(explanation).contains("beanstalkd at 10.0.0.5:11301").contains("queue 'email'");
        assertThat(e.reply()).isEqualTo(line.split(" ")[0]);
        assertThat(e.queueName()).isEqualTo("email");
    }

    @ParameterizedTest(name = "limit {0}")
    @CsvSource({"65535,max-job-size of 65535 bytes", "-1,its max-job-size at"})
    void jobTooBig_namesTheSizeAndTheLimit(long limit, String text) {
        MessageTooLargeException e = ProtocolErrors.tooBig(70_000, limit, ENDPOINT);

        assertThat(e.getMessage()).contains("70000 bytes").contains(text).contains("-z").contains("maxJobSize");
        assertThat(e.size()).isEqualTo(70_000);
        assertThat(e.limit()).isEqualTo(limit);
        assertThat(e.queueName()).isEqualTo("email");
    }
}
