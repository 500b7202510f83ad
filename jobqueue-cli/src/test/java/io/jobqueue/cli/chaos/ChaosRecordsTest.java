package io.jobqueue.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the workers' record files while they grow, torn last lines included. */
class ChaosRecordsTest {

    @TempDir
    Path folder;

    @Test
    void startsAndEnds_arePairedPerWorkerAndJob_andOnlyEndedJobsCountAsFinished() throws IOException {
        write(1, "S 1 1 100\nS 2 1 105\nE 1 110\n");
        write(2, "S 2 2 3000\nE 2 3010\n");
        write(7, "S 3 1 50\n");
        Files.writeString(folder.resolve("worker.log"), "not a record\n");

        RunRecords records = new RunRecords(folder).poll();

        assertThat(records.runs()).containsExactlyInAnyOrder(new Run(1, 1, 1, 100, 110), new Run(1, 2, 1, 105, Run.OPEN),
                new Run(2, 2, 2, 3000, 3010), new Run(7, 3, 1, 50, Run.OPEN));
        assertThat(records.finishedJobs()).isEqualTo(2);
        assertThat(records.unreadableLines()).isZero();
    }

    @Test
    void aTornLastLine_waitsForItsRest_andAPollReadsOnlyWhatWasAppended() throws IOException {
        write(1, "S 1 1 100\nE 1 1");

        RunRecords records = new RunRecords(folder).poll();
        assertThat(records.runs()).containsExactly(new Run(1, 1, 1, 100, Run.OPEN));
        assertThat(records.finishedJobs()).isZero();

        write(1, "10\nS 1 2 200\n");
        records.poll();

        assertThat(records.runs()).containsExactlyInAnyOrder(new Run(1, 1, 1, 100, 110), new Run(1, 1, 2, 200, Run.OPEN));
        assertThat(records.finishedJobs()).isEqualTo(1);
    }

    @Test
    void anEndWithoutAStart_andGarbage_areCountedAsUnreadable() throws IOException {
        write(1, "E 9 100\nS x 1 100\nhello\nS 1 1 100\nE 1 120\n");

        RunRecords records = new RunRecords(folder).poll();

        assertThat(records.runs()).containsExactly(new Run(1, 1, 1, 100, 120));
        assertThat(records.unreadableLines()).isEqualTo(3);
    }

    @Test
    void anAcknowledgedFinish_marksTheLatestEndedRunOfItsJob() throws IOException {
        write(1, "S 1 1 100\nS 2 1 100\nE 1 110\nE 2 111\nF 1 120\nF 3 130\n");

        RunRecords records = new RunRecords(folder).poll();

        assertThat(records.runs()).containsExactly(new Run(1, 1, 1, 100, 110, 120), new Run(1, 2, 1, 100, 111, Run.OPEN));
        assertThat(records.unreadableLines()).as("a finish of a job without an ended run").isEqualTo(1);
    }

    @Test
    void aJobRunTwiceByOneWorker_pairsEachEndWithTheLatestStart() throws IOException {
        write(1, "S 5 1 100\nS 5 2 200\nE 5 210\nE 5 300\n");

        RunRecords records = new RunRecords(folder).poll();

        assertThat(records.runs()).containsExactly(new Run(1, 5, 2, 200, 210), new Run(1, 5, 1, 100, 300));
    }

    private void write(int worker, String text) throws IOException {
        Files.writeString(RunRecords.file(folder, worker), text, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
