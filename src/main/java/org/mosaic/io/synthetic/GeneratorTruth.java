package org.mosaic.io.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.mosaic.io.Csv;
import org.mosaic.model.School;

/**
 * What the generator knows and estimators must recover: each school's true effect on a year's growth and the
 * parameters of charter creaming and exit. Written to its own folder (never inside the dataset) so that no estimator
 * can read it by accident; tests compare estimates with it.
 */
final class GeneratorTruth {
    static final String EFFECTS = "school_effects.csv";
    static final String PARAMETERS = "parameters.csv";
    /** Scale points per unit of latent ability: scale = 150 + 10 × (grade + 0.7 + 1.2 z). */
    static final double POINTS_PER_LATENT = 12.0;

    private GeneratorTruth() {
    }

    static void write(Path dir, List<School> schools, EnrollmentHistory history, GeneratorOptions options) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Csv.write(dir.resolve(EFFECTS), List.of("school_id", "type", "subject", "effect_points", "effect_latent"),
                p -> {
                    for (School s : schools) {
                        double[] e = history.effects().get(s.id());
                        for (int k = 0; k < SyntheticDistrict.SUBJECTS.length; k++) {
                            p.printRecord(s.id(), s.type().name().toLowerCase(java.util.Locale.ROOT),
                                    SyntheticDistrict.SUBJECTS[k], Csv.num(round(POINTS_PER_LATENT * e[k])),
                                    Csv.num(round(e[k])));
                        }
                    }
                });
        Csv.write(dir.resolve(PARAMETERS), List.of("parameter", "value", "meaning"), p -> {
            p.printRecord("seed", options.seed(), "the generator seed");
            p.printRecord("effect_sd_latent", Csv.num(EnrollmentHistory.EFFECT_SD),
                    "SD of school effects on one year's growth, latent units (about 0.15 student SD)");
            p.printRecord("effect_sd_points", Csv.num(POINTS_PER_LATENT * EnrollmentHistory.EFFECT_SD),
                    "the same in scale points");
            p.printRecord("effect_subject_correlation", Csv.num(EnrollmentHistory.EFFECT_SUBJECT_CORRELATION),
                    "correlation of a school's math and reading effects");
            p.printRecord("charter_base_rate", Csv.num(SyntheticDistrict.CHARTER_BASE_RATE),
                    "admission rate of nearby applicants before the factors below");
            p.printRecord("charter_ability_slope", Csv.num(SyntheticDistrict.CHARTER_ABILITY_SLOPE),
                    "log admission odds per SD of latent ability (creaming on prior achievement)");
            p.printRecord("charter_iep_factor", Csv.num(SyntheticDistrict.CHARTER_IEP_FACTOR),
                    "admission rate multiplier for students with an IEP");
            p.printRecord("charter_ell_factor", Csv.num(SyntheticDistrict.CHARTER_ELL_FACTOR),
                    "admission rate multiplier for English learners");
            p.printRecord("charter_entry_share", Csv.num(EnrollmentHistory.CHARTER_ENTRY),
                    "share of a charter's students above its entry grade who entered that year");
            p.printRecord("exit_intercept", Csv.num(EnrollmentHistory.EXIT_INTERCEPT),
                    "exit after one charter year: logit intercept");
            p.printRecord("exit_slope", Csv.num(EnrollmentHistory.EXIT_SLOPE),
                    "exit after one charter year: logit slope per latent unit of that year's score");
            p.printRecord("exit_proposal", Csv.num(EnrollmentHistory.EXIT_PROPOSAL),
                    "share of students near a charter offered a one-year charter spell");
            p.printRecord("move_rate", Csv.num(EnrollmentHistory.MOVE), "yearly moves to another school");
            p.printRecord("arrival_rate", Csv.num(EnrollmentHistory.ARRIVAL), "yearly arrivals in the district");
            p.printRecord("gap_rate", Csv.num(EnrollmentHistory.GAP), "one year away inside the history");
            p.printRecord("magnet_entry_share", Csv.num(EnrollmentHistory.MAGNET_ENTRY),
                    "share of the magnet's students above grade 9 who entered that year");
        });
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
