package org.mosaic.bench;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The straightforward way to get M and the between-district part: Commons CSV records, nested HashMaps of counts.
 * The baseline the measure benchmark is compared with. Usage: MeasureBaseline FILE GROUP UNIT WITHIN
 */
public final class MeasureBaseline {
    public static void main(String[] args) throws Exception {
        Map<String, Map<String, Double>> unitGroup = new HashMap<>();
        Map<String, Map<String, Double>> parentGroup = new HashMap<>();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]))) {
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                unitGroup.computeIfAbsent(r.get(args[2]), k -> new HashMap<>()).merge(r.get(args[1]), 1.0, Double::sum);
                parentGroup.computeIfAbsent(r.get(args[3]), k -> new HashMap<>()).merge(r.get(args[1]), 1.0,
                        Double::sum);
            }
        }
        double m = mutual(unitGroup);
        double between = mutual(parentGroup);
        System.out.printf("M = %.4f, between = %.4f, within = %.4f%n", m, between, m - between);
    }

    static double mutual(Map<String, Map<String, Double>> table) {
        Map<String, Double> groupTotals = new HashMap<>();
        double total = 0;
        for (Map<String, Double> row : table.values()) {
            for (Map.Entry<String, Double> e : row.entrySet()) {
                groupTotals.merge(e.getKey(), e.getValue(), Double::sum);
                total += e.getValue();
            }
        }
        double m = 0;
        for (Map<String, Double> row : table.values()) {
            double unitTotal = row.values().stream().mapToDouble(Double::doubleValue).sum();
            for (Map.Entry<String, Double> e : row.entrySet()) {
                m += e.getValue() / total * Math.log(e.getValue() * total / (unitTotal * groupTotals.get(e.getKey())));
            }
        }
        return m;
    }
}
