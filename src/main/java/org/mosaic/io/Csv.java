package org.mosaic.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writing CSV the one way Mosaic does it: RFC 4180, LF line ends, a header, atomically replaced. */
public final class Csv {
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private Csv() {
    }

    @FunctionalInterface
    public interface PrinterBody {
        void print(CSVPrinter printer) throws IOException;
    }

    public static void write(Path file, List<String> header, PrinterBody body) {
        AtomicFiles.write(file, out -> {
            CSVPrinter printer = new CSVPrinter(out, FORMAT);
            printer.printRecord(header);
            body.print(printer);
            printer.flush();
        });
    }

    /** A printer over an open writer, for streaming very large files. */
    public static CSVPrinter printer(Writer out, List<String> header) {
        try {
            CSVPrinter p = new CSVPrinter(out, FORMAT);
            p.printRecord(header);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Short decimal text without trailing zeros: 0.5 not 0.500000, 12 not 12.0. */
    public static String num(double d) {
        if (Double.isNaN(d)) {
            return "";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String s = String.format(java.util.Locale.ROOT, "%.6f", d);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    public static String flag(boolean b) {
        return b ? "1" : "0";
    }
}
