package org.mosaic.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.mosaic.io.AtomicFiles;
import org.mosaic.io.Csv;
import org.mosaic.io.report.Html;
import org.mosaic.io.report.SvgChart;
import org.mosaic.measure.AchievementGap;
import org.mosaic.measure.GroupUnitTable;
import org.mosaic.measure.PovertyConcentration;
import org.mosaic.measure.Segregation;
import org.mosaic.measure.clusters.Creaming;
import org.mosaic.measure.clusters.FeederFlows;
import org.mosaic.measure.clusters.InferredClusters;
import org.mosaic.measure.growth.MedianInterval;
import org.mosaic.measure.growth.SgpCohorts;
import org.mosaic.measure.growth.ValueAdded;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Enrollment;
import org.mosaic.model.Progress;
import org.mosaic.model.School;
import org.mosaic.model.Student;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "clusters", mixinStandardHelpOptions = true,
        description = "Feeder clusters from the enrollment history: the feeder matrix, clusters inferred from the "
                + "flows (compared with schools.csv's cluster_id), a cluster accountability report (growth, "
                + "achievement and gaps, poverty concentration, segregation between its schools, with each school "
                + "underneath) and a creaming report for every charter and magnet. Method: docs/growth.md.",
        footer = {"", "Example:", "  mosaic clusters --data work/district --year 2026 --out work/clusters"})
public final class ClustersCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "Mosaic dataset directory with enrollments.csv.")
    Path data;

    @Option(names = "--year", description = "School year of the accountability report (default: the latest).")
    Integer year;

    @Option(names = "--subject", defaultValue = "math", description = "Subject of growth and achievement (default: "
            + "${DEFAULT-VALUE}).")
    String subject;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the bootstrap intervals (default: "
            + "${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Instant t0 = Instant.now();
        PrintWriter o = spec.commandLine().getOut();
        GrowthInput input = GrowthInput.general(data, subject);
        List<Enrollment> history = input.history();
        if (history.isEmpty()) {
            throw new BadInputException("clusters needs enrollments.csv in " + data + " (the enrollment history; "
                    + "see docs/formats.md)");
        }
        int y = year != null ? year : input.latestYear();
        Map<String, School> schools = new TreeMap<>();
        input.dataset().schools().forEach(s -> schools.put(s.id(), s));
        Map<String, Student> students = input.dataset().district().studentsById();
        Files.createDirectories(out);

        FeederFlows.Flows flows = FeederFlows.of(history, schools);
        writeFlows(out.resolve("feeders.csv"), "school_id", "from", flows.entrants());
        writeFlows(out.resolve("leavers.csv"), "school_id", "to", flows.leavers());
        List<InferredClusters.Assignment> inferred = InferredClusters.of(flows, schools);
        Csv.write(out.resolve("clusters_inferred.csv"), List.of("school_id", "declared_cluster", "inferred_cluster",
                "feeds", "share", "agrees"), p -> {
                    for (InferredClusters.Assignment a : inferred) {
                        p.printRecord(a.schoolId(), a.declared(), a.inferred(), a.feeds(), Csv.num(round(a.share())),
                                a.agrees() ? 1 : 0);
                    }
                });

        // growth: SGP (orders up to 2) and school value-added
        SgpCohorts.Result sgp = SgpCohorts.compute(input.scores(), input.grades(), y, 2, Progress.NONE);
        List<ValueAdded.Observation> rows = new ArrayList<>();
        List<ValueAdded.Observation> clusterRows = new ArrayList<>();
        Map<String, Double> currentZ = currentZ(input, y);
        for (Map.Entry<String, Map<Integer, Double>> e : input.scores().entrySet()) {
            Double current = e.getValue().get(y);
            Double prior = e.getValue().get(y - 1);
            Integer grade = input.grades().getOrDefault(e.getKey(), Map.of()).get(y);
            Student st = students.get(e.getKey());
            String school = input.schoolOf(e.getKey(), y);
            if (current == null || prior == null || grade == null || st == null || !schools.containsKey(school)) {
                continue;
            }
            rows.add(new ValueAdded.Observation(school, grade, current, prior, st.frl(), st.ell(), st.iep()));
            String cluster = schools.get(school).clusterId();
            if (!cluster.isEmpty()) {
                clusterRows.add(new ValueAdded.Observation(cluster, grade, current, prior, st.frl(), st.ell(),
                        st.iep()));
            }
        }
        Map<String, ValueAdded.UnitEffect> vamSchool = index(ValueAdded.fit(rows).units());
        Map<String, ValueAdded.UnitEffect> vamCluster = index(ValueAdded.fit(clusterRows).units());

        Map<String, List<Integer>> sgpByUnit = new HashMap<>();
        for (SgpCohorts.StudentSgp s : sgp.students()) {
            String school = input.schoolOf(s.studentId(), y);
            School sc = schools.get(school);
            if (sc == null) {
                continue;
            }
            sgpByUnit.computeIfAbsent(school, k -> new ArrayList<>()).add(s.sgp());
            if (!sc.clusterId().isEmpty()) {
                sgpByUnit.computeIfAbsent(sc.clusterId(), k -> new ArrayList<>()).add(s.sgp());
            }
        }
        Map<String, List<String>> clusterSchools = new TreeMap<>();
        schools.values().forEach(s -> {
            if (!s.clusterId().isEmpty()) {
                clusterSchools.computeIfAbsent(s.clusterId(), k -> new ArrayList<>()).add(s.id());
            }
        });
        // enrolled students this year, per school: FRL counts and scores for gaps
        Map<String, List<String>> enrolled = new TreeMap<>();
        for (Enrollment e : history) {
            if (e.year() == y) {
                enrolled.computeIfAbsent(e.schoolId(), k -> new ArrayList<>()).add(e.studentId());
            }
        }
        List<List<?>> report = new ArrayList<>();
        List<String> header = List.of("cluster", "unit", "students", "frl_share", "poverty_band", "median_sgp",
                "sgp_low", "sgp_high", "value_added", "va_low", "va_high", "mean_score_z", "frl_gap_d",
                "frl_dissimilarity");
        for (Map.Entry<String, List<String>> c : clusterSchools.entrySet()) {
            List<String> all = new ArrayList<>();
            c.getValue().forEach(s -> all.addAll(enrolled.getOrDefault(s, List.of())));
            report.add(unitRow(c.getKey(), "cluster", all, sgpByUnit.get(c.getKey()), vamCluster.get(c.getKey()),
                    students, currentZ, dissimilarity(c.getValue(), enrolled, students)));
            for (String s : c.getValue()) {
                report.add(unitRow(c.getKey(), s, enrolled.getOrDefault(s, List.of()), sgpByUnit.get(s),
                        vamSchool.get(s), students, currentZ, Double.NaN));
            }
        }
        for (School s : schools.values()) {
            if (s.clusterId().isEmpty()) {
                report.add(unitRow("(none)", s.id(), enrolled.getOrDefault(s.id(), List.of()), sgpByUnit.get(s.id()),
                        vamSchool.get(s.id()), students, currentZ, Double.NaN));
            }
        }
        Csv.write(out.resolve("accountability.csv"), header, p -> {
            for (List<?> r : report) {
                p.printRecord(r);
            }
        });

        List<Creaming.Report> creaming = Creaming.of(history, schools, input.dataset().students(),
                allZ(input), seed);
        Csv.write(out.resolve("creaming.csv"), List.of("school_id", "entrants", "stayers", "figure", "value", "ci_low",
                "ci_high"), p -> {
                    for (Creaming.Report r : creaming) {
                        Map<String, Creaming.Estimate> figures = figures(r);
                        for (Map.Entry<String, Creaming.Estimate> f : figures.entrySet()) {
                            p.printRecord(r.schoolId(), r.entrants(), r.stayers(), f.getKey(),
                                    Csv.num(round(f.getValue().value())), Csv.num(round(f.getValue().low())),
                                    Csv.num(round(f.getValue().high())));
                        }
                    }
                });
        writeHtml(flows, inferred, report, header, creaming, schools, y);

        o.printf(Locale.ROOT, "Clusters of %s, %d (%s): %d schools, %,d enrollment rows, in %s%n", data, y, subject,
                schools.size(), history.size(), Terminal.elapsed(Duration.between(t0, Instant.now())));
        long disagree = inferred.stream().filter(a -> !a.agrees()).count();
        o.printf(Locale.ROOT, "Inferred clusters: %d of %d neighborhood schools agree with cluster_id%n",
                inferred.size() - disagree, inferred.size());
        for (InferredClusters.Assignment a : inferred) {
            if (!a.agrees()) {
                o.printf(Locale.ROOT, "  %s: declared %s, but %.0f %% of its leavers go to %s (cluster %s)%n",
                        a.schoolId(), a.declared(), 100 * a.share(), a.feeds(), a.inferred());
            }
        }
        List<List<?>> table = new ArrayList<>();
        for (List<?> r : report) {
            if (r.get(1).equals("cluster")) {
                table.add(List.of(r.get(0), r.get(2), pct(r.get(3)), r.get(4), r.get(5) + " [" + r.get(6) + ", "
                        + r.get(7) + "]", r.get(8) + " [" + r.get(9) + ", " + r.get(10) + "]", r.get(12),
                        r.get(13)));
            }
        }
        o.print(Tables.render(List.of("cluster", "students", "FRL", "poverty band", "median SGP [95%]",
                "value-added [95%]", "FRL gap (d)", "FRL D"), table));
        for (Creaming.Report r : creaming) {
            o.println(r.verdict());
        }
        o.println("Report: " + out.resolve("index.html"));
        o.flush();
        return 0;
    }

    private static String pct(Object v) {
        return v instanceof String s && !s.isEmpty() ? String.format(Locale.ROOT, "%.0f%%",
                100 * Double.parseDouble(s)) : "";
    }

    private static Map<String, Creaming.Estimate> figures(Creaming.Report r) {
        Map<String, Creaming.Estimate> f = new LinkedHashMap<>();
        f.put("prior_mean_difference_sd", r.priorMeanDifference());
        f.put("prior_sd_difference", r.priorSdDifference());
        f.put("frl_share_difference", r.frlDifference());
        f.put("ell_share_difference", r.ellDifference());
        f.put("iep_share_difference", r.iepDifference());
        for (int q = 0; q < 4; q++) {
            f.put("exit_after_one_year_q" + (q + 1), r.exitByQuartile()[q]);
        }
        return f;
    }

    private List<Object> unitRow(String cluster, String unit, List<String> ids, List<Integer> sgps,
                                 ValueAdded.UnitEffect va, Map<String, Student> students, Map<String, Double> z,
                                 double dissimilarity) {
        int frl = 0;
        List<Double> frlScores = new ArrayList<>();
        List<Double> otherScores = new ArrayList<>();
        double sum = 0;
        int scored = 0;
        for (String id : ids) {
            Student st = students.get(id);
            if (st == null) {
                continue;
            }
            frl += st.frl() ? 1 : 0;
            Double v = z.get(id);
            if (v != null) {
                (st.frl() ? frlScores : otherScores).add(v);
                sum += v;
                scored++;
            }
        }
        double share = ids.isEmpty() ? Double.NaN : frl / (double) ids.size();
        MedianInterval m = sgps == null ? null : MedianInterval.of(sgps.stream().mapToInt(Integer::intValue)
                .toArray());
        double gap = frlScores.size() >= 2 && otherScores.size() >= 2 ? AchievementGap.of(
                otherScores.stream().mapToDouble(Double::doubleValue).toArray(),
                frlScores.stream().mapToDouble(Double::doubleValue).toArray(), Double.NaN).cohensD() : Double.NaN;
        List<Object> row = new ArrayList<>();
        row.add(cluster);
        row.add(unit.equals(cluster) ? "cluster" : unit);
        row.add(ids.size());
        row.add(Csv.num(round(share)));
        row.add(Double.isNaN(share) ? "" : PovertyConcentration.BANDS.get(PovertyConcentration.band(share)));
        row.add(m == null ? "" : Csv.num(m.median()));
        row.add(m == null ? "" : Csv.num(m.low()));
        row.add(m == null ? "" : Csv.num(m.high()));
        row.add(va == null ? "" : Csv.num(round2(va.estimate())));
        row.add(va == null ? "" : Csv.num(round2(va.low())));
        row.add(va == null ? "" : Csv.num(round2(va.high())));
        row.add(scored == 0 ? "" : Csv.num(round2(sum / scored)));
        row.add(Csv.num(round2(gap)));
        row.add(Csv.num(round2(dissimilarity)));
        return row;
    }

    /** FRL dissimilarity between a cluster's schools (Segregation.dissimilarity over FRL × school). */
    private static double dissimilarity(List<String> schoolIds, Map<String, List<String>> enrolled,
                                        Map<String, Student> students) {
        double[] counts = new double[2 * schoolIds.size()];
        for (int u = 0; u < schoolIds.size(); u++) {
            for (String id : enrolled.getOrDefault(schoolIds.get(u), List.of())) {
                Student st = students.get(id);
                if (st != null) {
                    counts[u * 2 + (st.frl() ? 0 : 1)]++;
                }
            }
        }
        GroupUnitTable t = new GroupUnitTable(List.of("frl", "not frl"), schoolIds, counts);
        return t.total() == 0 ? Double.NaN : Segregation.dissimilarity(t, "frl", "not frl");
    }

    /** Current scores as z-scores within grade, so achievement pools across grades. */
    private static Map<String, Double> currentZ(GrowthInput input, int year) {
        Map<String, Double> out = new HashMap<>();
        Map<String, Map<Integer, Double>> z = allZ(input);
        z.forEach((id, m) -> {
            Double v = m.get(year);
            if (v != null) {
                out.put(id, v);
            }
        });
        return out;
    }

    /** Every score as a z-score within its (year, grade). */
    private static Map<String, Map<Integer, Double>> allZ(GrowthInput input) {
        Map<String, double[]> moments = new HashMap<>();
        input.scores().forEach((id, m) -> m.forEach((yr, v) -> {
            Integer g = input.grades().getOrDefault(id, Map.of()).get(yr);
            if (g != null) {
                double[] a = moments.computeIfAbsent(yr + "|" + g, k -> new double[3]);
                a[0]++;
                a[1] += v;
                a[2] += v * v;
            }
        }));
        Map<String, Map<Integer, Double>> out = new HashMap<>();
        input.scores().forEach((id, m) -> m.forEach((yr, v) -> {
            Integer g = input.grades().getOrDefault(id, Map.of()).get(yr);
            if (g == null) {
                return;
            }
            double[] a = moments.get(yr + "|" + g);
            double mean = a[1] / a[0];
            double sd = Math.sqrt(Math.max(1e-12, a[2] / a[0] - mean * mean));
            out.computeIfAbsent(id, k -> new HashMap<>()).put(yr, (v - mean) / sd);
        }));
        return out;
    }

    private static Map<String, ValueAdded.UnitEffect> index(List<ValueAdded.UnitEffect> units) {
        Map<String, ValueAdded.UnitEffect> m = new HashMap<>();
        units.forEach(u -> m.put(u.unit(), u));
        return m;
    }

    private static void writeFlows(Path file, String key, String other, Map<String, Map<String, Integer>> flows) {
        Csv.write(file, List.of(key, other, "students", "share"), p -> {
            for (Map.Entry<String, Map<String, Integer>> e : flows.entrySet()) {
                for (Map.Entry<String, Integer> f : e.getValue().entrySet()) {
                    p.printRecord(e.getKey(), f.getKey(), f.getValue(),
                            Csv.num(round(FeederFlows.Flows.share(e.getValue(), f.getKey()))));
                }
            }
        });
    }

    /** The HTML report: feeder heat map, cluster growth with intervals, creaming comparisons. */
    private void writeHtml(FeederFlows.Flows flows, List<InferredClusters.Assignment> inferred, List<List<?>> report,
                           List<String> header, List<Creaming.Report> creaming, Map<String, School> schools,
                           int y) {
        Html page = Html.page("Clusters, growth and creaming, " + y);
        page.h2("Feeder matrix: where each school's entry grade came from");
        page.raw(heatMap(flows.entrants()));
        page.h2("Inferred clusters");
        List<List<?>> rows = new ArrayList<>();
        for (InferredClusters.Assignment a : inferred) {
            rows.add(List.of(a.schoolId(), a.declared(), a.inferred(), a.feeds(),
                    String.format(Locale.ROOT, "%.0f%%", 100 * a.share()), a.agrees() ? "yes" : "NO"));
        }
        page.table(List.of("school", "declared", "inferred", "feeds most", "share", "agrees"), rows);
        page.h2("Cluster growth (median SGP, 95 % interval)");
        List<SvgChart.Ranged> growth = new ArrayList<>();
        for (List<?> r : report) {
            if (r.get(1).equals("cluster") && !r.get(5).toString().isEmpty()) {
                growth.add(new SvgChart.Ranged(r.get(0).toString(), Double.parseDouble(r.get(5).toString()),
                        Double.parseDouble(r.get(6).toString()), Double.parseDouble(r.get(7).toString())));
            }
        }
        if (growth.isEmpty()) {
            page.p("No cluster has SGPs this year: SGPs need each student's score from the year before.");
        } else {
            page.figure(SvgChart.intervals("Median SGP by cluster (percentile)", growth, ""),
                    "Each cluster's median SGP with its bootstrap 95 % interval; 50 is typical growth, so an "
                            + "interval wholly above 50 is faster growth than the district's.");
        }
        page.h2("Accountability: each cluster, its schools underneath");
        page.table(header, new ArrayList<>(report));
        page.h2("Creaming: charters and magnets");
        List<String> names = new ArrayList<>();
        List<Double> diffs = new ArrayList<>();
        List<List<?>> creamRows = new ArrayList<>();
        for (Creaming.Report r : creaming) {
            names.add(r.schoolId());
            diffs.add(Double.isNaN(r.priorMeanDifference().value()) ? 0 : r.priorMeanDifference().value());
            for (Map.Entry<String, Creaming.Estimate> f : figures(r).entrySet()) {
                creamRows.add(List.of(r.schoolId(), f.getKey(), String.format(Locale.ROOT, "%.3f [%.3f, %.3f]",
                        f.getValue().value(), f.getValue().low(), f.getValue().high())));
            }
        }
        page.figure(SvgChart.bars("Entrants' prior score minus stayers' (SD)", names, diffs, "SD"),
                "Above zero: the school's entrants scored higher the year before than the students who stayed.");
        page.table(List.of("school", "figure", "value [95% interval]"), creamRows);
        for (Creaming.Report r : creaming) {
            page.p(r.verdict());
        }
        AtomicFiles.writeString(out.resolve("index.html"), page.render());
    }

    private static String heatMap(Map<String, Map<String, Integer>> entrants) {
        TreeSet<String> senders = new TreeSet<>();
        entrants.values().forEach(m -> senders.addAll(m.keySet()));
        StringBuilder sb = new StringBuilder("<table class=\"heat\"><tr><th>receiving \\ sending</th>");
        for (String s : senders) {
            sb.append("<th>").append(Html.escape(s)).append("</th>");
        }
        sb.append("</tr>");
        for (Map.Entry<String, Map<String, Integer>> e : entrants.entrySet()) {
            sb.append("<tr><th>").append(Html.escape(e.getKey())).append("</th>");
            for (String s : senders) {
                double share = FeederFlows.Flows.share(e.getValue(), s);
                int shade = (int) Math.round(255 - 200 * share);
                sb.append(String.format(Locale.ROOT, "<td style=\"background:rgb(%d,%d,255)\" title=\"%s → %s\">%s"
                        + "</td>", shade, shade, Html.escape(s), Html.escape(e.getKey()),
                        share == 0 ? "" : String.format(Locale.ROOT, "%.0f", 100 * share)));
            }
            sb.append("</tr>");
        }
        return sb.append("</table>").toString();
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
