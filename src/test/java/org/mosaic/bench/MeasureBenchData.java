package org.mosaic.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes the measure benchmark's input: student rows (district, school, race) with 5 groups, schools nested in
 * districts, and school compositions that vary (so the indices are not trivially zero).
 * Usage: java -cp target/test-classes:target/classes org.mosaic.bench.MeasureBenchData OUT ROWS SCHOOLS DISTRICTS SEED
 */
public final class MeasureBenchData {
    private static final String[] GROUPS = {"white", "black", "hispanic", "asian", "other"};

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        long rows = Long.parseLong(args[1]);
        int schools = Integer.parseInt(args[2]);
        int districts = Integer.parseInt(args[3]);
        SplittableRandom r = new SplittableRandom(Long.parseLong(args[4]));
        double[][] mix = new double[schools][GROUPS.length];
        for (int s = 0; s < schools; s++) {
            double sum = 0;
            for (int g = 0; g < GROUPS.length; g++) {
                mix[s][g] = Math.pow(r.nextDouble(), 2.5);
                sum += mix[s][g];
            }
            double acc = 0;
            for (int g = 0; g < GROUPS.length; g++) {
                acc += mix[s][g] / sum;
                mix[s][g] = acc;
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("district,school,race\n");
            for (long i = 0; i < rows; i++) {
                int s = r.nextInt(schools);
                double u = r.nextDouble();
                int g = 0;
                while (g < GROUPS.length - 1 && u > mix[s][g]) {
                    g++;
                }
                w.write("D" + (s % districts));
                w.write(",S");
                w.write(Integer.toString(s));
                w.write(',');
                w.write(GROUPS[g]);
                w.write('\n');
            }
        }
    }
}
