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
 * Usage: SectionsHighSchool DIAL TIME_LIMIT WORKERS [all|none|iep,ell,gifted] [school|school=N|seed=N]; with
 * "school", the whole school: 4 grades × 6 subjects, each its own draw of 750 students (seeds 42 to 65), solved one
 * after another, with the total time; "school=N" draws another school (seeds N to N + 23); with "seed=N", the draw N
 * alone (42, the default, is the benchmark grade).
 */
public final class SectionsHighSchool {
    public static void main(String[] args) {
        double dial = Double.parseDouble(args[0]);
        double limit = Double.parseDouble(args[1]);
        int workers = Integer.parseInt(args[2]);
        String rules = args.length > 3 ? args[3] : "all";
        if (args.length > 4 && args[4].startsWith("school")) {
            school(dial, limit, workers, rules, args[4].startsWith("school=") ? Long.parseLong(args[4].substring(7))
                    : 42);
            return;
        }
        long seed = args.length > 4 && args[4].startsWith("seed=") ? Long.parseLong(args[4].substring(5)) : 42;
        SectionProblem p = problem(dial, limit, workers, rules, seed);
        long t0 = System.nanoTime();
        SectionSolver.Solution s = SectionSolver.solve(p);
        System.out.printf("750 students, 25 sections, dial %.1f, %d worker(s): %s, objective %d, bound %d, gap %.2f%%,"
                        + " %.1f s (incl. model build %.1f s)%n", dial, workers, s.status(), s.objective(), s.bound(),
                100 * s.gap(), (System.nanoTime() - t0) / 1e9, (System.nanoTime() - t0) / 1e9 - s.seconds());
    }

    /** The 24 solves of a whole school in turn: each one's status and gap, the slowest, and the total wall time. */
    private static void school(double dial, double limit, int workers, String rules, long firstSeed) {
        long t0 = System.nanoTime();
        double worstGap = 0;
        double slowest = 0;
        int optimal = 0;
        for (int grade = 9; grade <= 12; grade++) {
            for (int subject = 0; subject < 6; subject++) {
                long s0 = System.nanoTime();
                SectionProblem p = problem(dial, limit, workers, rules, firstSeed + 6 * (grade - 9) + subject);
                SectionSolver.Solution s = SectionSolver.solve(p);
                double seconds = (System.nanoTime() - s0) / 1e9;
                System.out.printf("grade %d subject %d: %s, gap %.2f%%, %.1f s%n", grade, subject + 1, s.status(),
                        100 * s.gap(), seconds);
                worstGap = Math.max(worstGap, s.gap());
                slowest = Math.max(slowest, seconds);
                optimal += s.status().equals("OPTIMAL") ? 1 : 0;
            }
        }
        System.out.printf("school: 24 solves (4 grades x 6 subjects, 750 students, 25 sections each), dial %.2f: %d "
                        + "OPTIMAL, worst gap %.2f%%, slowest %.1f s, total %.1f s%n", dial, optimal, 100 * worstGap,
                slowest, (System.nanoTime() - t0) / 1e9);
    }

    /** The benchmark grade; {@code rulesArg}: "all", "none", or a list such as "iep,ell,gifted". */
    public static SectionProblem problem(double dial, double limit, int workers, String rulesArg) {
        return problem(dial, limit, workers, rulesArg, 42);
    }

    /** A grade and subject of the benchmark school, drawn with {@code seed} (42: the benchmark grade). */
    public static SectionProblem problem(double dial, double limit, int workers, String rulesArg, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
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
        long both = pupils.stream().filter(pu -> pu.iep() && pu.ell()).count();
        int coTaught = (int) Math.ceil(iep / 12.0);
        int ellSections = (int) Math.ceil(ell / 32.0) + 1;
        // The first co-taught sections are certified too, as many as the IEP students who are English learners
        // need under the cap (one in the benchmark grade).
        int coTaughtCertified = (int) Math.max(1, Math.ceil(both / 12.0));
        List<SectionProblem.Slot> slots = new ArrayList<>();
        for (int s = 0; s < m; s++) {
            slots.add(new SectionProblem.Slot("S" + s, 32, 26, s < coTaught, s >= m - ellSections
                    || s < coTaughtCertified, ""));
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
        return SectionProblem.builder(pupils, slots).tracking(dial).apart(apart).together(together)
                .locks(new HashMap<>()).rules(rules).timeLimit(limit).workers(workers).seed(1).build();
    }

    private static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
