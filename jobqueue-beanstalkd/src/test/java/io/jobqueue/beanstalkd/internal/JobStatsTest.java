package io.jobqueue.beanstalkd.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JobStatsTest {

    private static JobStats parse(String state, int reserves) {
        String yaml = "---\nid: 42\ntube: email\nstate: " + state + "\npri: 512\nage: 3\ndelay: 0\nttr: 60\n"
                + "time-left: 58\nfile: 0\nreserves: " + reserves + "\ntimeouts: 1\nreleases: 1\nburies: 2\nkicks: 0\n";
        return JobStats.parse(yaml.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void parse_readsTheFieldsThisBackendUses() {
        assertThat(parse("reserved", 3)).isEqualTo(new JobStats(42, "email", "reserved", 512, 60, 3, 1, 2));
    }

    @Test
    void deliveriesAreTheReserves_andReleasesTheReleaseCommands_notTheTimeouts() {
        JobStats stats = parse("reserved", 3);

        assertThat(stats.numberOfDeliveries()).as("every reservation, the current one included").isEqualTo(3);
        assertThat(stats.numberOfReleases()).as("one release; the time-out is not counted").isEqualTo(1);
        assertThat(new JobStats(1, "t", "ready", 0, 1, 5_000_000_000L, 0, 0).numberOfDeliveries()).isEqualTo(Integer.MAX_VALUE);
    }
}
