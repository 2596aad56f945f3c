package io.clusterca.ca.kubeadm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Go's text/tabwriter with a space pad character and no flags, which kubeadm's
 * {@code certs check-expiration} prints through ({@code tabwriter.NewWriter(out, 10, 4, 3, ' ', 0)}
 * in cmd/kubeadm/app/cmd/certs.go). Cells are tab-terminated; the text after a line's last tab is
 * not part of a column. A column is as wide as its widest cell plus the padding (at least the
 * minimum width) over each run of consecutive lines that have that column, so an empty line
 * starts a new table.
 */
final class TabWriter {
    private final int minWidth;
    private final int padding;
    private final List<List<String>> lines = new ArrayList<>();

    TabWriter(int minWidth, int padding) {
        this.minWidth = minWidth;
        this.padding = padding;
    }

    /** One line of tab-separated cells (without the newline). */
    TabWriter line(String text) {
        lines.add(Arrays.asList(text.split("\t", -1)));
        return this;
    }

    /** Every line followed by a newline. */
    String render() {
        StringBuilder out = new StringBuilder();
        format(out, new ArrayList<>(), 0, lines.size());
        return out.toString();
    }

    private void format(StringBuilder out, List<Integer> widths, int line0, int line1) {
        int column = widths.size();
        int start = line0;
        for (int i = line0; i < line1; i++) {
            if (column >= lines.get(i).size() - 1) {
                continue;
            }
            // Lines i.. have a cell in this column: a block whose width is the widest of them.
            writeLines(out, widths, start, i);
            start = i;
            int width = minWidth;
            for (; i < line1 && column < lines.get(i).size() - 1; i++) {
                width = Math.max(width, textWidth(lines.get(i).get(column)) + padding);
            }
            widths.add(width);
            format(out, widths, start, i);
            widths.remove(widths.size() - 1);
            start = i;
        }
        writeLines(out, widths, start, line1);
    }

    private void writeLines(StringBuilder out, List<Integer> widths, int line0, int line1) {
        for (int i = line0; i < line1; i++) {
            List<String> cells = lines.get(i);
            for (int j = 0; j < cells.size(); j++) {
                String cell = cells.get(j);
                out.append(cell);
                if (j < widths.size()) {
                    out.append(" ".repeat(widths.get(j) - textWidth(cell)));
                }
            }
            out.append('\n');
        }
    }

    private static int textWidth(String cell) {
        return cell.codePointCount(0, cell.length());
    }
}
