package org.mosaic.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.mosaic.io.CsvTable;
import org.mosaic.io.MosaicCsvReader;
import org.mosaic.io.Problems;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Dataset;
import org.mosaic.model.Section;
import org.mosaic.model.Student;
import org.mosaic.sections.GradeProblem;
import org.mosaic.sections.SectionEvaluator;
import org.mosaic.sections.rules.RuleFlag;
import org.mosaic.sections.Violation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Score any class list (hand-edited, or made by another tool) with exactly the solver's "
                + "objective and hard rules: the objective and its terms, every broken rule with the students "
                + "concerned, and each section's statistics (docs/sections.md). The sections are those of the "
                + "dataset's sections.csv; for classes formed with --sections/--capacity, evaluate against the "
                + "dataset written by 'mosaic sections --apply DIR'. Exit 0 whether or not the rules hold."},
        footer = {"", "Example:",
                "  mosaic sections evaluate --data work/elmhurst --placements work/sections/placements.csv "
                        + "--tracking 0.5"})
public final class SectionsEvaluateCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "Mosaic dataset directory.")
    Path data;

    @Option(names = "--placements", required = true, description = "CSV with student_id and section_id (as "
            + "placements.csv or rosters.csv): one section per student, every section in sections.csv.")
    Path placements;

    @Option(names = "--config", description = "YAML or JSON with weights and rules, as for sections.")
    Path config;

    @Option(names = "--tracking", defaultValue = "0", description = "The dial t in [0, 1] the objective is scored "
            + "at (default: ${DEFAULT-VALUE}).")
    double tracking;

    @Option(names = "--levels", defaultValue = "0", description = "Levels mode, as for sections.")
    int levels;

    @Option(names = "--json", description = "Print the evaluation as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!(tracking >= 0 && tracking <= 1)) {
            throw new BadInputException("--tracking " + tracking + ": use a value from 0 (mixed) to 1 (tracked)");
        }
        Dataset d = MosaicCsvReader.read(data);
        Map<String, Student> students = new HashMap<>();
        d.students().forEach(s -> students.put(s.id(), s));
        Map<String, Section> sectionsById = new LinkedHashMap<>();
        d.sections().forEach(s -> sectionsById.put(s.id(), s));
        Map<String, String> placed = new LinkedHashMap<>();
        Problems problems = new Problems();
        CsvTable.read(placements, List.of("student_id", "section_id"), problems, row -> {
            String id = row.required("student_id");
            String sec = row.required("section_id");
            if (!id.isEmpty() && !students.containsKey(id)) {
                row.problem("student_id", id, "a student_id listed in students.csv");
            } else if (!sec.isEmpty() && !sectionsById.containsKey(sec)) {
                row.problem("section_id", sec, "a section_id listed in the dataset's sections.csv");
            } else if (placed.containsKey(id)) {
                row.problem("student_id", id, "each student once");
            } else if (!id.isEmpty() && !sec.isEmpty()) {
                placed.put(id, sec);
            }
        });
        problems.throwIfAny();
        if (placed.isEmpty()) {
            throw new BadInputException(placements + " places no student; give student_id,section_id rows");
        }
        if (!(tracking >= 0 && tracking <= 1)) {
            throw new BadInputException("--tracking " + tracking + ": use a value from 0 (mixed) to 1 (tracked)");
        }
        SectionEvaluator.Evaluation e = GradeProblem.ofClassList(d, placed, placements.toString(),
                SectionsCommand.readConfig(config), tracking, levels).evaluate();
        PrintWriter o = spec.commandLine().getOut();
        o.print(json ? Json.write(asJson(e)) + "\n" : report(e));
        o.flush();
        return 0;
    }

    static Map<String, Object> asJson(SectionEvaluator.Evaluation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("objective", e.objective());
        Map<String, Long> terms = new LinkedHashMap<>();
        for (String t : List.of("spread", "score_bands", "means", "balance", "sizes", "rules")) {
            terms.put(t, e.terms().get(t));
        }
        m.put("objective_terms", terms);
        m.put("keeps_every_rule", e.keepsEveryRule());
        List<Map<String, Object>> broken = new ArrayList<>();
        for (Violation v : e.violations()) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("rule", v.rule());
            b.put("section_id", v.section());
            b.put("students", v.students());
            b.put("detail", v.detail());
            broken.add(b);
        }
        m.put("violations", broken);
        List<Map<String, Object>> sections = new ArrayList<>();
        for (SectionEvaluator.SectionStats s : e.sections()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("section_id", s.id());
            x.put("size", s.size());
            x.put("mean", r1(s.mean()));
            x.put("sd", r1(s.sd()));
            x.put("min", s.min());
            x.put("max", s.max());
            x.put("frl", s.frl());
            for (RuleFlag f : RuleFlag.values()) {
                x.put(f.column(), s.flagged().of(f));
            }
            x.put("female", s.female());
            x.put("male", s.male());
            x.put("cost", s.cost());
            sections.add(x);
        }
        m.put("sections", sections);
        return m;
    }

    static String report(SectionEvaluator.Evaluation e) {
        StringBuilder sb = new StringBuilder();
        Map<String, Long> t = e.terms();
        sb.append(String.format(Locale.ROOT, "objective %d (spread %d, score bands %d, means %d, balance %d, sizes "
                        + "%d, soft rules %d)%n", e.objective(), t.get("spread"), t.get("score_bands"), t.get("means"),
                t.get("balance"), t.get("sizes"), t.get("rules")));
        if (e.keepsEveryRule()) {
            sb.append("hard rules: every one kept\n");
        } else {
            sb.append("hard rules: ").append(e.violations().size()).append(" broken\n");
            for (Violation v : e.violations()) {
                sb.append("  ").append(v.rule()).append(v.section().isEmpty() ? "" : ", " + v.section()).append(": ")
                        .append(v.detail());
                if (!v.students().isEmpty()) {
                    sb.append(" (").append(String.join(", ", v.students())).append(')');
                }
                sb.append('\n');
            }
        }
        List<List<?>> rows = new ArrayList<>();
        for (SectionEvaluator.SectionStats s : e.sections()) {
            rows.add(List.of(s.id(), s.size(), r1(s.mean()), r1(s.sd()), s.min(), s.max(), s.frl(),
                    s.flagged().of(RuleFlag.IEP), s.flagged().of(RuleFlag.ELL), s.flagged().of(RuleFlag.GIFTED),
                    s.female(), s.male(), s.cost()));
        }
        sb.append(Tables.render(List.of("section_id", "size", "mean", "sd", "min", "max", "frl", "iep", "ell",
                "gifted", "female", "male", "cost"), rows));
        return sb.toString();
    }

    private static double r1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
