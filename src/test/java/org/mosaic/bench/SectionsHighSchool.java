package org.mosaic.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.SplittableRandom;

import org.mosaic.sections.SectionProblem;
import org.mosaic.sections.SectionSolver;

/**
 * The high-school benchmark: one grade of a 3,000-student high school (750 students) into 25 sections of 32 for one
 * subject, with every rule on (IEP 13 % into co-taught sections, EL 10 % with certified teachers, gifted 8 %
 * clustered, keep-apart and keep-together requests). A school's 6 subjects × 4 grades are 24 such independent solves.
 * Usage: SectionsHighSchool DIAL TIME_LIMIT WORKERS [all|none|iep,ell,gifted]
 */
public final class SectionsHighSchool {
    public static void main(String[] args) {
        double dial = Double.parseDouble(args[0]);
        double limit = Double.parseDouble(args[1]);
        int workers = Integer.parseInt(args[2]);
        SectionProblem p = problem(dial, limit, workers, args.length > 3 ? args[3] : "all");
        long t0 = System.nanoTime();
        SectionSolver.Solution s = SectionSolver.solve(p);
        System.out.printf("750 students, 25 sections, dial %.1f, %d worker(s): %s, objective %d, bound %d, gap %.2f%%,"
                        + " %.1f s (incl. model build %.1f s)%n", dial, workers, s.status(), s.objective(), s.bound(),
                100 * s.gap(), (System.nanoTime() - t0) / 1e9, (System.nanoTime() - t0) / 1e9 - s.seconds());
    }

    /** The benchmark grade; {@code rulesArg}: "all", "none", or a list such as "iep,ell,gifted". */
    public static SectionProblem problem(double dial, double limit, int workers, String rulesArg) {
        SplittableRandom r = new SplittableRandom(42);
        int n = 750;
        int m = 25;
        List<SectionProblem.Pupil> pupils = new ArrayList<>();
        String[] races = {"white", "black", "hispanic", "asian", "two_or_more"};
        for (int i = 0; i < n; i++) {
            boolean frl = r.nextDouble() < 0.5;
            double z = gauss(r) + (frl ? -0.4 : 0.4);
            pupils.add(new SectionProblem.Pupil("h" + i, Math.round((250 + 15 * z) * 10) / 10.0, frl,
                    races[r.nextInt(races.length)], r.nextBoolean() ? "female" : "male", r.nextDouble() < 0.10,
                    r.nextDouble() < 0.13, z > 1.4, r.nextDouble() < 0.05, false));
        }
        long iep = pupils.stream().filter(SectionProblem.Pupil::iep).count();
        long ell = pupils.stream().filter(SectionProblem.Pupil::ell).count();
        int coTaught = (int) Math.ceil(iep / 12.0);
        int ellSections = (int) Math.ceil(ell / 32.0) + 1;
        List<SectionProblem.Slot> slots = new ArrayList<>();
        for (int s = 0; s < m; s++) {
            slots.add(new SectionProblem.Slot("S" + s, 32, 26, s < coTaught, s >= m - ellSections || s == 0, ""));
        }
        List<int[]> apart = new ArrayList<>();
        List<int[]> together = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            apart.add(new int[] {r.nextInt(n), r.nextInt(n)});
        }
        together.add(new int[] {1, 2});
        apart.removeIf(q -> q[0] == q[1]);
        boolean all = rulesArg.equals("all");
        SectionProblem.Rules d = SectionProblem.Rules.defaults();
        SectionProblem.Rules rules = new SectionProblem.Rules(all || rulesArg.contains("iep"), d.iepShare(),
                d.iepMax(), all || rulesArg.contains("ell"), all || rulesArg.contains("gifted"), d.giftedMin(),
                d.giftedMax(), d.giftedShare());
        return new SectionProblem(pupils, slots, dial, 0, apart, together, new HashMap<>(), rules,
                SectionProblem.Weights.defaults(), limit, workers, 1);
    }

    private static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
