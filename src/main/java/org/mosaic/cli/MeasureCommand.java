package org.mosaic.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.mosaic.io.OutputFolder;
import org.mosaic.io.AtomicFiles;
import org.mosaic.io.Csv;
import org.mosaic.io.GroupUnitCsv;
import org.mosaic.io.MosaicCsvReader;
import org.mosaic.io.report.Html;
import org.mosaic.io.report.SvgChart;
import org.mosaic.measure.AchievementGap;
import org.mosaic.measure.Decomposition;
import org.mosaic.measure.DistrictReport;
import org.mosaic.measure.DistrictSegregation;
import org.mosaic.measure.GradeGaps;
import org.mosaic.measure.GroupUnitTable;
import org.mosaic.measure.PovertyConcentration;
import org.mosaic.measure.SegregationSummary;
import org.mosaic.measure.SmallUnitBias;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Dataset;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "measure", mixinStandardHelpOptions = true,
        description = {"Segregation between and within schools and classes, achievement gaps and poverty "
                + "concentration for a Mosaic dataset, at every level of the district; writes an HTML report with "
                + "tables and charts.",
                "Subcommands work on any CSV (segregation) or on one subject's gaps."},
        subcommands = {MeasureCommand.SegregationCommand.class, MeasureCommand.GapsCommand.class},
        footer = {"", "Examples:", "  mosaic measure --data work/district --by frl --levels district,cluster,school,section",
                "  mosaic measure segregation --input students.csv --group race --unit school --within district --json",
                "  mosaic measure gaps --data work/district --subject math --by frl"})
public final class MeasureCommand implements Callable<Integer> {
    @Option(names = "--data", description = "Mosaic dataset directory.")
    Path data;

    @Option(names = "--by", defaultValue = "frl", description = "Group students by: frl | race (default: "
            + "${DEFAULT-VALUE}).")
    String by;

    @Option(names = "--levels", split = ",", defaultValue = "district,cluster,school,section",
            description = "Nested levels, coarsest first (default: ${DEFAULT-VALUE}).")
    List<String> levels;

    @Option(names = "--subject", defaultValue = "math", description = "Subject whose classes form the section level "
            + "and whose scores give the gaps (default: ${DEFAULT-VALUE}).")
    String subject;

    @Option(names = "--out", defaultValue = "work/measure", description = "Report directory (default: "
            + "${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (data == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Missing --data DIR (or use a subcommand: segregation, gaps)");
        }
        ReportPages report;
        try (OutputFolder folder = Outputs.open(spec, out)) {
            Dataset dataset = MosaicCsvReader.read(data);
            report = ReportPages.build(dataset, parseBy(by), levels, subject);
            report.write(folder.dir());
            folder.commit();
        }
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(Json.write(report.json()));
        } else {
            o.print(report.text());
            o.println("Report: " + out.resolve("index.html"));
        }
        o.flush();
        return 0;
    }

    static DistrictSegregation.By parseBy(String text) {
        try {
            return DistrictSegregation.By.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--by '" + text + "' is unknown; use frl or race");
        }
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    /** The district report's pages: text, JSON and the HTML report with its CSV tables. */
    record ReportPages(DistrictReport report) {
        static ReportPages build(Dataset data, DistrictSegregation.By by, List<String> levels, String subject) {
            return new ReportPages(DistrictReport.build(data, by, levels, subject));
        }

        DistrictSegregation.Result seg() {
            return report.seg();
        }

        Map<String, AchievementGap.Result> gaps() {
            return report.gaps();
        }

        String subject() {
            return report.subject();
        }

        static String componentName(Decomposition d, int k) {
            return DistrictReport.componentName(d, k);
        }

        String text() {
            StringBuilder sb = new StringBuilder();
            Decomposition d = seg().decomposition();
            sb.append(String.format(Locale.ROOT, "Segregation by %s of %,d students (natural log): M = %.4f, H = %.4f,"
                    + " entropy = %.4f%n%n", seg().by().name().toLowerCase(Locale.ROOT), seg().students(), d.total(),
                    d.totalH(), d.entropy()));
            List<List<?>> rows = new ArrayList<>();
            for (int k = 0; k < d.levels().size(); k++) {
                rows.add(List.of(componentName(d, k), f(d.parts().get(k)), f(d.partH(k)),
                        pct(d.total() > 0 ? d.parts().get(k) / d.total() : 0)));
            }
            sb.append(Tables.render(List.of("component", "M", "H", "share of M"), rows));
            sb.append(System.lineSeparator());
            sb.append(Tables.render(povertyHeader("students in schools by FRL band"), povertyRows()))
                    .append(System.lineSeparator());
            String finest = seg().levels().get(seg().levels().size() - 1);
            if (!finest.equals("school")) {
                List<List<?>> cls = new ArrayList<>();
                seg().classPoverty().exposureToPoverty().forEach((grp, v) -> cls.add(List.of(grp, pct(v),
                        pct(seg().poverty().exposureToPoverty().get(grp)))));
                sb.append(Tables.render(List.of("exposure to poverty", "in their " + finest,
                        "in their school"), cls)).append(System.lineSeparator());
            }
            AchievementGap.Result g = gaps().get("district");
            if (g != null) {
                sb.append(String.format(Locale.ROOT, "%s gap, not-FRL minus FRL: Hedges' g = %.3f, V = %.3f "
                        + "(n = %d and %d)%n", subject(), g.hedgesG(), g.v(), g.nA(), g.nB()));
            }
            return sb.toString();
        }

        /** Share of each group's students in each NCES poverty band, and its exposure to poverty. */
        List<List<?>> povertyRows() {
            List<List<?>> rows = new ArrayList<>();
            seg().poverty().bandShares().forEach((g, bands) -> {
                List<Object> row = new ArrayList<>();
                row.add(g);
                bands.values().forEach(v -> row.add(pct(v)));
                row.add(pct(seg().poverty().exposureToPoverty().get(g)));
                rows.add(row);
            });
            return rows;
        }

        static List<String> povertyHeader(String first) {
            List<String> header = new ArrayList<>();
            header.add(first);
            header.addAll(PovertyConcentration.BANDS);
            header.add("exposure to poverty");
            return header;
        }

        Map<String, Object> json() {
            Decomposition d = seg().decomposition();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("by", seg().by().name().toLowerCase(Locale.ROOT));
            m.put("students", seg().students());
            m.put("M", d.total());
            m.put("H", d.totalH());
            m.put("entropy", d.entropy());
            List<Map<String, Object>> parts = new ArrayList<>();
            for (int k = 0; k < d.levels().size(); k++) {
                parts.add(Map.of("level", d.levels().get(k), "component", componentName(d, k), "M", d.parts().get(k),
                        "H", d.partH(k)));
            }
            m.put("components", parts);
            m.put("local_by_school", seg().localBySchool());
            m.put("within_school_between_classes", seg().withinSchoolBetweenClasses());
            m.put("poverty_bands", seg().poverty().bandShares());
            m.put("exposure_to_poverty", seg().poverty().exposureToPoverty());
            m.put("exposure_to_poverty_" + seg().levels().get(seg().levels().size() - 1),
                    seg().classPoverty().exposureToPoverty());
            Map<String, Object> gapJson = new LinkedHashMap<>();
            gaps().forEach((unit, g) -> gapJson.put(unit, Map.of("hedges_g", g.hedgesG(), "V", g.v(), "n_not_frl",
                    g.nA(), "n_frl", g.nB())));
            m.put("gaps_" + subject(), gapJson);
            return m;
        }

        void write(Path dir) {
            Decomposition d = seg().decomposition();
            Csv.write(dir.resolve("decomposition.csv"), List.of("level", "component", "M", "H"), p -> {
                for (int k = 0; k < d.levels().size(); k++) {
                    p.printRecord(d.levels().get(k), componentName(d, k), Csv.num(d.parts().get(k)),
                            Csv.num(d.partH(k)));
                }
                p.printRecord("total", "total", Csv.num(d.total()), Csv.num(d.totalH()));
            });
            Csv.write(dir.resolve("schools.csv"), List.of("school_id", "students", "frl_share", "poverty_band",
                    "local_segregation", "within_school_between_classes_M", "gap_hedges_g", "gap_V"), p -> {
                double[] tu = seg().schools().unitTotals();
                for (int u = 0; u < seg().schools().unitCount(); u++) {
                    String id = seg().schools().units().get(u);
                    double share = seg().poverty().unitFrlShare().get(id);
                    AchievementGap.Result g = gaps().get(id);
                    Double within = seg().withinSchoolBetweenClasses().get(id);
                    p.printRecord(id, Csv.num(tu[u]), Csv.num(share),
                            PovertyConcentration.BANDS.get(PovertyConcentration.band(share)),
                            Csv.num(seg().localBySchool().get(id)), within == null ? "" : Csv.num(within),
                            g == null ? "" : Csv.num(g.hedgesG()), g == null ? "" : Csv.num(g.v()));
                }
            });
            Html html = Html.page("Segregation by " + seg().by().name().toLowerCase(Locale.ROOT) + ": between and "
                    + "within schools and classes");
            html.note(String.format(Locale.ROOT, "%,d students; M = %.4f, H = %.4f (natural log). Each bar part is "
                    + "the segregation between the units of one level inside the units of the level above; the parts "
                    + "add up exactly to the total.", seg().students(), d.total(), d.totalH()));
            List<String> labels = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (int k = 0; k < d.levels().size(); k++) {
                labels.add(componentName(d, k));
                values.add(d.parts().get(k));
            }
            List<SvgChart.Series> parts = new ArrayList<>();
            for (int k = 0; k < d.levels().size(); k++) {
                parts.add(new SvgChart.Series(componentName(d, k), List.of(d.parts().get(k))));
            }
            int largest = 0;
            for (int k = 1; k < d.levels().size(); k++) {
                largest = d.parts().get(k) > d.parts().get(largest) ? k : largest;
            }
            String reading = d.total() <= 0 ? "Reading: no segregation at any level."
                    : String.format(Locale.ROOT, "Reading: the largest part, %.0f%% of all segregation, lies %s.",
                    100 * d.parts().get(largest) / d.total(), componentName(d, largest));
            html.figure(SvgChart.stacked("Segregation M split by level (nats)", List.of("total M"), parts),
                    "M (mutual information) is how much knowing a student's unit tells about their group; 0 is none. "
                            + reading);
            html.figure(SvgChart.bars("Segregation M by level (nats)", labels, values, ""), reading);
            List<List<?>> rows = new ArrayList<>();
            for (int k = 0; k < d.levels().size(); k++) {
                rows.add(List.of(componentName(d, k), f(d.parts().get(k)), f(d.partH(k))));
            }
            rows.add(List.of("total", f(d.total()), f(d.totalH())));
            html.h2("Decomposition").table(List.of("component", "M", "H"), rows);
            List<Map.Entry<String, Double>> local = new ArrayList<>(seg().localBySchool().entrySet());
            local.sort(Map.Entry.<String, Double>comparingByValue().reversed());
            html.h2("Local segregation per school");
            html.figure(SvgChart.bars("Local segregation ls of each school (nats)", local.stream()
                            .map(Map.Entry::getKey).toList(), local.stream().map(Map.Entry::getValue).toList(), ""),
                    "ls (local segregation) is how different a school's mix is from the district's, 0 when it is "
                            + "the same; M is the enrollment-weighted mean of these."
                            + (local.isEmpty() ? "" : String.format(Locale.ROOT, " Reading: %s is the most "
                            + "different, ls = %.3f.", local.get(0).getKey(), local.get(0).getValue())));
            if (!seg().withinSchoolBetweenClasses().isEmpty()) {
                List<Map.Entry<String, Double>> w = new ArrayList<>(seg().withinSchoolBetweenClasses().entrySet());
                w.sort(Map.Entry.<String, Double>comparingByValue().reversed());
                html.figure(SvgChart.bars("Segregation between the classes inside each school (M, nats)",
                        w.stream().map(Map.Entry::getKey).toList(), w.stream().map(Map.Entry::getValue).toList(), ""),
                        String.format(Locale.ROOT, "Re-segregation inside the building: high values mean the "
                                + "classes sort students by group. Reading: highest in %s, M = %.3f.",
                                w.get(0).getKey(), w.get(0).getValue()));
            }
            html.h2("Poverty concentration");
            html.note("frl: students eligible for free or reduced-price lunch (low income); not_frl: the others. "
                    + "Each row shares that group's students out over schools by the school's FRL share; exposure "
                    + "to poverty is the FRL share of a typical student's school.");
            html.table(povertyHeader("group"), povertyRows());
            html.h2("Achievement gap in " + subject() + " (not FRL minus FRL)");
            List<List<?>> gapRows = new ArrayList<>();
            gaps().forEach((unit, g) -> gapRows.add(List.of(unit, g.nA(), g.nB(), f(g.hedgesG()), f(g.v()))));
            html.note("Scores are standardized within each grade. Hedges' g: the gap between the two groups' mean "
                    + "scores in standard deviations (0.8 and more is large). V (Ho's V): the same gap measured from "
                    + "the order of the scores alone, so a test's scale cannot stretch it.");
            html.table(List.of("unit", "n not FRL", "n FRL", "Hedges' g", "V"), gapRows);
            AtomicFiles.writeString(dir.resolve("index.html"), html.render());
        }
    }

    @Command(name = "segregation", mixinStandardHelpOptions = true,
            description = "Segregation indices of any CSV of student rows (or count rows with --weight): M, H, "
                    + "entropy, local segregation, exposure/isolation, multigroup D and normalized exposure; "
                    + "two-group D with --pair; nested between/within decomposition with --within.",
            footer = {"", "Examples:",
                    "  mosaic measure segregation --input schools05.csv --group race --unit school --weight n "
                            + "--within state,district --json",
                    "  mosaic measure segregation --input students.csv --group frl --unit school --pair 1,0"})
    static final class SegregationCommand implements Callable<Integer> {
        @Option(names = "--input", required = true, description = "CSV file with a header row.")
        Path input;

        @Option(names = "--group", required = true, description = "Column with the group (race, frl, ...).")
        String group;

        @Option(names = "--unit", required = true, description = "Column with the unit (school, class, ...).")
        String unit;

        @Option(names = "--within", split = ",", description = "Columns of coarser levels the units nest in, "
                + "coarsest first (e.g. state,district).")
        List<String> within = new ArrayList<>();

        @Option(names = "--weight", description = "Column with a count or weight per row (default: each row is one "
                + "student).")
        String weight;

        @Option(names = "--pair", split = ",", description = "Two groups A,B for the dissimilarity index D.")
        List<String> pair;

        @Option(names = "--ordinal", split = ",", description = "Treat groups as ordered categories in this order "
                + "(lowest first) and add Reardon's ordinal indices.")
        List<String> ordinal;

        @Option(names = "--simulate", defaultValue = "0", description = "Replications R for the expected M under "
                + "random allocation and the bootstrap of the R package segregation: bias, bias-corrected M and H, "
                + "standard error and interval (0 = off; 100 is the package's default, 1000 for a published figure).")
        int simulate;

        @Option(names = "--ci", defaultValue = "0.95", description = "Confidence of the bootstrap interval (default: "
                + "${DEFAULT-VALUE}).")
        double ci;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulation (default: "
                + "${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Ranges.atLeast("--simulate", simulate, 0);
            GroupUnitCsv.Counts c = GroupUnitCsv.read(input, group, unit, within, weight);
            GroupUnitTable table = new GroupUnitTable(c.groups(), c.units(), c.counts());
            if (pair != null) {
                if (pair.size() != 2) {
                    throw new BadInputException("--pair takes two groups, e.g. --pair black,white");
                }
                for (String g : pair) {
                    if (!table.groups().contains(g)) {
                        throw new BadInputException("--pair: group '" + g + "' does not occur in column '" + group
                                + "'; the groups are " + table.groups());
                    }
                }
            }
            if (ordinal != null) {
                List<String> missing = table.groups().stream().filter(g -> !ordinal.contains(g)).toList();
                if (!missing.isEmpty()) {
                    throw new BadInputException("--ordinal must list every group; missing " + missing);
                }
            }
            if (simulate > 0) {
                if (simulate < 2) {
                    throw new BadInputException("--simulate " + simulate + ": the bootstrap needs at least 2 "
                            + "replications (100 is typical)");
                }
                if (!(ci > 0 && ci < 1)) {
                    throw new BadInputException("--ci " + ci + ": a confidence strictly between 0 and 1, e.g. 0.95");
                }
            }
            SegregationSummary.Nesting nesting = within.isEmpty() ? SegregationSummary.Nesting.NONE
                    : new SegregationSummary.Nesting(within, c.parents(), c.parentNames());
            SegregationSummary r = SegregationSummary.of(table, unit, nesting, new SegregationSummary.Options(
                    pair == null ? List.of() : pair, ordinal == null ? List.of() : ordinal, simulate, ci, seed));
            Map<String, Object> out = json(r, c.rows(), table);
            PrintWriter o = spec.commandLine().getOut();
            if (json) {
                o.println(Json.write(out));
            } else {
                o.print(text(out, table));
            }
            o.flush();
            return 0;
        }

        /** The summary under the keys of the JSON (and of the terminal table, which reads them back). */
        private Map<String, Object> json(SegregationSummary r, long rows, GroupUnitTable table) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("M", r.m());
            out.put("H", r.h());
            out.put("entropy", r.entropy());
            out.put("rows", rows);
            out.put("total", table.total());
            out.put("groups", table.groupCount());
            out.put("units", table.unitCount());
            if (r.within() != null) {
                if (r.between().size() == 1) {
                    SegregationSummary.Part b = r.between().get(0);
                    out.put("between", Map.of("M", b.m(), "H", b.h()));
                } else {
                    Map<String, Object> between = new LinkedHashMap<>();
                    r.between().forEach(b -> between.put(b.level(), Map.of("M", b.m(), "H", b.h())));
                    out.put("between", between);
                }
                out.put("within", Map.of("M", r.within().m(), "H", r.within().h()));
            }
            if (!Double.isNaN(r.dissimilarity())) {
                out.put("D", r.dissimilarity());
            }
            out.put("D_multigroup", r.multigroupDissimilarity());
            out.put("normalized_exposure", r.normalizedExposure());
            out.put("exposure", r.exposure());
            if (!Double.isNaN(r.ordinalInformation())) {
                out.put("ordinal_information", r.ordinalInformation());
                out.put("ordinal_variation_ratio", r.ordinalVariationRatio());
            }
            if (r.smallUnits() != null) {
                SmallUnitBias.Result b = r.smallUnits();
                Map<String, Object> sim = new LinkedHashMap<>();
                sim.put("expected_M_random", b.expectedRandom());
                for (String index : List.of("M", "H")) {
                    SmallUnitBias.Estimate e = index.equals("M") ? b.m() : b.h();
                    sim.put(index + "_bootstrap_bias", e.bias());
                    sim.put(index + "_bias_corrected", e.corrected());
                    sim.put(index + "_bootstrap_se", e.standardError());
                    sim.put(index + "_ci_lower", e.lower());
                    sim.put(index + "_ci_upper", e.upper());
                }
                sim.put("ci", b.confidence());
                sim.put("replications", b.replications());
                sim.put("seed", b.seed());
                out.put("small_units", sim);
            }
            out.put("local", r.local());
            out.put("local_group", r.localGroup());
            return out;
        }

        @SuppressWarnings("unchecked")
        private String text(Map<String, Object> out, GroupUnitTable table) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%,d rows, %,.0f students, %d groups, %,d units%n", (long) out.get(
                    "rows"), table.total(), table.groupCount(), table.unitCount()));
            List<List<?>> rows = new ArrayList<>();
            rows.add(List.of("M (mutual information)", f((double) out.get("M"))));
            rows.add(List.of("H (Theil)", f((double) out.get("H"))));
            rows.add(List.of("entropy of groups", f((double) out.get("entropy"))));
            if (out.containsKey("between")) {
                Object between = out.get("between");
                if (within.size() == 1) {
                    Map<String, Double> b = (Map<String, Double>) between;
                    rows.add(List.of("between " + within.get(0) + "s: M / H", f(b.get("M")) + " / " + f(b.get("H"))));
                } else {
                    ((Map<String, Map<String, Double>>) between).forEach((lvl, b) -> rows.add(List.of(
                            "between " + lvl + "s: M / H", f(b.get("M")) + " / " + f(b.get("H")))));
                }
                Map<String, Double> w = (Map<String, Double>) out.get("within");
                rows.add(List.of("within " + within.get(within.size() - 1) + "s: M / H", f(w.get("M")) + " / "
                        + f(w.get("H"))));
            }
            if (out.containsKey("D")) {
                rows.add(List.of("D (" + String.join(" vs ", pair) + ")", f((double) out.get("D"))));
            }
            rows.add(List.of("D (multigroup)", f((double) out.get("D_multigroup"))));
            rows.add(List.of("normalized exposure P", f((double) out.get("normalized_exposure"))));
            if (out.containsKey("ordinal_information")) {
                rows.add(List.of("ordinal information index", f((double) out.get("ordinal_information"))));
                rows.add(List.of("ordinal variation ratio", f((double) out.get("ordinal_variation_ratio"))));
            }
            if (out.containsKey("small_units")) {
                Map<String, Object> s = (Map<String, Object>) out.get("small_units");
                String level = String.format(Locale.ROOT, "%s%%", Csv.num(100 * (double) s.get("ci")));
                rows.add(List.of("expected M if allocated at random", f((double) s.get("expected_M_random"))));
                for (String index : List.of("M", "H")) {
                    rows.add(List.of(index + " bootstrap bias", f((double) s.get(index + "_bootstrap_bias"))));
                    rows.add(List.of(index + " bias-corrected (SE)", f((double) s.get(index + "_bias_corrected"))
                            + " (" + f((double) s.get(index + "_bootstrap_se")) + ")"));
                    rows.add(List.of(index + " " + level + " interval, bias-corrected", f((double) s.get(index
                            + "_ci_lower")) + " - " + f((double) s.get(index + "_ci_upper"))));
                }
            }
            sb.append(Tables.render(List.of("index", "value"), rows)).append(System.lineSeparator());
            Map<String, Map<String, Double>> exposure = (Map<String, Map<String, Double>>) out.get("exposure");
            List<String> header = new ArrayList<>();
            header.add("exposure of \\ to");
            header.addAll(table.groups());
            List<List<?>> ex = new ArrayList<>();
            exposure.forEach((x, row) -> {
                List<Object> r = new ArrayList<>();
                r.add(x);
                row.values().forEach(v -> r.add(f(v)));
                ex.add(r);
            });
            sb.append(Tables.render(header, ex)).append(System.lineSeparator());
            Map<String, Double> local = (Map<String, Double>) out.get("local");
            List<Map.Entry<String, Double>> top = new ArrayList<>(local.entrySet());
            top.sort(Map.Entry.<String, Double>comparingByValue().reversed());
            List<List<?>> lr = new ArrayList<>();
            top.stream().limit(10).forEach(e -> lr.add(List.of(e.getKey(), f(e.getValue()))));
            sb.append("Most segregated units (local segregation; all of them with --json)").append(
                    System.lineSeparator());
            sb.append(Tables.render(List.of(unit, "ls"), lr));
            return sb.toString();
        }
    }

    @Command(name = "gaps", mixinStandardHelpOptions = true,
            description = "Achievement gaps between two groups in the latest scores of a subject, standardized within "
                    + "grade: Hedges' g (pooled SD), the V statistic (Ho 2009) and, with --cut (in within-grade SD "
                    + "units), the transformed proportion-above-cut gap; district-wide and per school.",
            footer = {"", "Example:", "  mosaic measure gaps --data work/district --subject math --by race "
                    + "--pair white,black --cut 230"})
    static final class GapsCommand implements Callable<Integer> {
        @Option(names = "--data", required = true, description = "Mosaic dataset directory.")
        Path data;

        @Option(names = "--subject", required = true, description = "Subject, e.g. math.")
        String subject;

        @Option(names = "--by", defaultValue = "frl", description = "frl (not FRL minus FRL) or race (needs --pair).")
        String by;

        @Option(names = "--pair", split = ",", description = "Two races A,B: the gap is A minus B.")
        List<String> pair;

        @Option(names = "--cut", description = "A proficiency cut score for the proportion-above-cut gap.")
        Double cut;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Dataset d = MosaicCsvReader.read(data);
            DistrictSegregation.By grouping = parseBy(by);
            List<String> groups = grouping == DistrictSegregation.By.FRL ? List.of("not_frl", "frl")
                    : pair == null ? List.of() : pair;
            if (groups.size() != 2) {
                throw new BadInputException("--by race needs --pair A,B (e.g. --pair white,black)");
            }
            if (GradeGaps.standardizedWithinGrade(d, subject).isEmpty()) {
                throw new BadInputException("no scores for subject '" + subject + "' in scores.csv");
            }
            Map<String, AchievementGap.Result> out = GradeGaps.byUnit(d, subject, grouping, groups,
                    cut == null ? Double.NaN : cut);
            List<List<?>> rows = new ArrayList<>();
            out.forEach((u, r) -> rows.add(List.of(u, r.nA(), r.nB(), f(r.meanA() - r.meanB()), f(r.hedgesG()),
                    f(r.v()), cut == null ? "" : f(r.transformedCutGap()))));
            if (out.isEmpty()) {
                throw new BadInputException("fewer than 2 students with scores in one of the groups " + groups);
            }
            PrintWriter o = spec.commandLine().getOut();
            if (json) {
                o.println(Json.write(out));
            } else {
                o.printf("Gap in %s: %s minus %s%n", subject, groups.get(0), groups.get(1));
                o.print(Tables.render(List.of("unit", "n " + groups.get(0), "n " + groups.get(1), "mean diff",
                        "Hedges' g", "V", "cut gap"), rows));
            }
            o.flush();
            return 0;
        }
    }
}
