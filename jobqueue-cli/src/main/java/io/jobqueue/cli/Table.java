package io.jobqueue.cli;

import java.io.PrintStream;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An aligned text table for humans: upper-case headers, two spaces between columns, numbers
 * with thousands separators, right-aligned when their whole column is numbers, text left-aligned, a cell with line breaks spread over
 * several lines. Scripts use {@code --json} instead.
 */
final class Table {

    private static final String GAP = "  ";

    private final List<String> headers;
    private final List<Object[]> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = List.of(headers);
    }

    /** A table without a header line, e.g. for key/value listings. */
    static Table keyValue() {
        return new Table();
    }

    Table row(Object... cells) {
        rows.add(cells.clone());
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintStream out) {
        int columns = headers.size();
        for (Object[] row : rows) {
            columns = Math.max(columns, row.length);
        }
        int[] widths = new int[columns];
        boolean[] numeric = new boolean[columns];
        Arrays.fill(numeric, true);
        boolean[] seen = new boolean[columns];
        for (int c = 0; c < headers.size(); c++) {
            widths[c] = headers.get(c).length();
        }
        for (Object[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                for (String line : lines(row[c])) {
                    widths[c] = Math.max(widths[c], line.length());
                }
                if (row[c] != null && !(row[c] instanceof String s && (s.isEmpty() || s.equals("–")))) {
                    seen[c] = true;
                    numeric[c] &= row[c] instanceof Number;
                }
            }
        }
        for (int c = 0; c < columns; c++) {
            numeric[c] &= seen[c];
        }
        if (!headers.isEmpty()) {
            String[] header = new String[columns];
            for (int c = 0; c < columns; c++) {
                header[c] = c < headers.size() ? headers.get(c).toUpperCase(Locale.ROOT) : "";
            }
            out.println(line(header, widths, numeric));
        }
        for (Object[] row : rows) {
            List<List<String>> cells = new ArrayList<>();
            int height = 1;
            for (int c = 0; c < columns; c++) {
                List<String> cellLines = c < row.length ? lines(row[c]) : List.of("");
                cells.add(cellLines);
                height = Math.max(height, cellLines.size());
            }
            for (int l = 0; l < height; l++) {
                String[] text = new String[columns];
                for (int c = 0; c < columns; c++) {
                    List<String> cellLines = cells.get(c);
                    text[c] = l < cellLines.size() ? cellLines.get(l) : "";
                }
                out.println(line(text, widths, numeric));
            }
        }
    }

    private static String line(String[] cells, int[] widths, boolean[] right) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                line.append(GAP);
            }
            String cell = cells[c];
            int pad = widths[c] - cell.length();
            if (right[c]) {
                line.append(" ".repeat(pad)).append(cell);
            } else {
                line.append(cell);
                if (c < cells.length - 1) {
                    line.append(" ".repeat(pad));
                }
            }
        }
        return line.toString().stripTrailing();
    }

    private static List<String> lines(Object cell) {
        return List.of(format(cell).split("\\R", -1));
    }

    /** A cell's text: integers with thousands separators, null as an en dash. */
    static String format(Object cell) {
        if (cell == null) {
            return "–";
        }
        if (cell instanceof Long || cell instanceof Integer) {
            return NumberFormat.getIntegerInstance(Locale.US).format(((Number) cell).longValue());
        }
        if (cell instanceof Double d) {
            return String.format(Locale.US, "%,.1f", d);
        }
        return cell.toString();
    }
}
