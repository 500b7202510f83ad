package io.jobqueue.cli;

import java.time.Duration;
import java.util.Locale;

/** Short human forms of durations and rates: "850 ms", "12.3 s", "4 min 05 s", "2 h 03 min". */
final class Durations {

    private Durations() {
    }

    static String human(Duration d) {
        long millis = d.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.US, "%.1f s", millis / 1000.0);
        }
        long seconds = d.toSeconds();
        if (seconds < 3_600) {
            return String.format(Locale.US, "%d min %02d s", seconds / 60, seconds % 60);
        }
        long minutes = d.toMinutes();
        if (minutes < 24 * 60) {
            return String.format(Locale.US, "%d h %02d min", minutes / 60, minutes % 60);
        }
        return String.format(Locale.US, "%d d %02d h", minutes / (24 * 60), (minutes / 60) % 24);
    }

    /** Jobs per second with thousands separators, e.g. "1,234" or "12.5". */
    static String rate(long count, long nanos) {
        return Table.format(perSecond(count, nanos));
    }

    /** Per second, as a whole number from 100 on and with one decimal below; null for no time. */
    static Number perSecond(long count, long nanos) {
        if (nanos <= 0) {
            return null;
        }
        double perSecond = count * 1e9 / nanos;
        return perSecond >= 100 ? (Number) Math.round(perSecond) : (Number) (Math.round(perSecond * 10) / 10.0);
    }
}
