package org.mosaic.sections;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.mosaic.measure.GroupUnitTable;
import org.mosaic.measure.Segregation;
import org.mosaic.model.Section;

/**
 * The figures a principal reads off formed classes: per class its size, score mean, SD, minimum and maximum, FRL
 * share and counts of the rule flags' students (RuleFlag) and of female and male students; and for the grade the tracking trade-off — the
 * mean spread of scores inside a class against the segregation between the classes by FRL and by race.
 *
 * @param meanWithinSd the size-weighted mean of the classes' SDs as the table shows them (to 0.1 point), so that the
 *                     headline and the table agree
 * @param hFrl         Theil's H of FRL status between the classes (0 = every class mirrors the grade)
 * @param hRace        Theil's H of race between the classes
 */
public record ClassFigures(List<ClassRow> classes, double meanWithinSd, double hFrl, double hRace) {
    public ClassFigures {
        classes = List.copyOf(classes);
    }

    /**
     * One class: mean and SD (population) of its scores, NaN when empty; minimum and maximum, 0 when empty; the FRL
     * share of its students; and its teacher's attributes in words (co-taught, EL-certified, level).
     */
    public record ClassRow(String id, int size, double mean, double sd, double min, double max, double frlShare,
                           FlagCounts flagged, long female, long male, String attributes) {
    }

    /** The figures of {@code placement} (each pupil's index into {@code sections}). */
    public static ClassFigures of(SectionProblem problem, List<Section> sections, int[] placement) {
        List<SectionProblem.Pupil> pupils = problem.pupils();
        List<ClassRow> rows = new ArrayList<>();
        double sdSum = 0;
        int n = 0;
        for (int s = 0; s < sections.size(); s++) {
            List<SectionProblem.Pupil> in = new ArrayList<>();
            for (int i = 0; i < pupils.size(); i++) {
                if (placement[i] == s) {
                    in.add(pupils.get(i));
                }
            }
            double[] sc = in.stream().mapToDouble(SectionProblem.Pupil::score).toArray();
            double mean = Arrays.stream(sc).average().orElse(Double.NaN);
            double sd = Math.sqrt(Arrays.stream(sc).map(v -> (v - mean) * (v - mean)).average().orElse(Double.NaN));
            Section sec = sections.get(s);
            rows.add(new ClassRow(sec.id(), in.size(), mean, sd, Arrays.stream(sc).min().orElse(0),
                    Arrays.stream(sc).max().orElse(0),
                    in.stream().filter(SectionProblem.Pupil::frl).count() / (double) Math.max(1, in.size()),
                    FlagCounts.of(in),
                    in.stream().filter(p -> p.gender().equals("female")).count(),
                    in.stream().filter(p -> p.gender().equals("male")).count(),
                    (sec.coTaught() ? "co-taught " : "") + (sec.ellCertified() ? "EL-certified " : "") + sec.level()));
            sdSum += in.size() * tenth(sd);
            n += in.size();
        }
        GroupUnitTable.Builder frl = GroupUnitTable.builder();
        GroupUnitTable.Builder race = GroupUnitTable.builder();
        for (int i = 0; i < pupils.size(); i++) {
            SectionProblem.Pupil p = pupils.get(i);
            String unit = sections.get(placement[i]).id();
            frl.add(unit, p.frl() ? "frl" : "not_frl", 1);
            race.add(unit, p.race(), 1);
        }
        return new ClassFigures(rows, sdSum / Math.max(1, n), Segregation.theilH(frl.build()),
                Segregation.theilH(race.build()));
    }

    /** To 0.1 point, as the class table shows scores. */
    public static double tenth(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
