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
        assertThat(parse("reserved", 3)).isEqualTo(new JobStats(42, "email", "reserved", 512, 60, 3, 2));
    }

    @Test
    void releases_countsEveryReservationThatEndedWithoutFinishOrAbort() {
        assertThat(parse("reserved", 3).releases()).as("the current reservation is not one that ended").isEqualTo(2);
        assertThat(parse("ready", 3).releases()).as("every reservation of a ready job ended").isEqualTo(3);
        assertThat(parse("delayed", 1).releases()).isEqualTo(1);
        assertThat(parse("buried", 3).releases()).as("the last reservation of a buried job ended in the bury").isEqualTo(2);
        assertThat(parse("ready", 0).releases()).isZero();
        assertThat(parse("buried", 0).releases()).as("buried at put time (server out of memory)").isZero();
    }
}
