package org.mosaic.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.mosaic.io.AtomicFiles;
import org.mosaic.model.Dataset;
import org.mosaic.model.School;
import org.mosaic.model.SchoolType;
import org.mosaic.sections.SectionProblem;

import picocli.CommandLine;

/**
 * Demo stage: next year's grade 6 math classes at the first neighborhood middle school, formed from the enrollment
 * stage's result (work/next-year) as mixed-ability classes, and applied into work/classes for the groups, measure and
 * store stages.
 */
final class SectionsStage implements DemoStage {
    static final int CAPACITY = 30;
    /** The command's default: a limit, not a cost, since the solver stops once it proves the classes best. */
    static final String TIME_LIMIT = "20";

    @Override
    public String title() {
        return "sections: next year's grade 6 math classes at a middle school, mixed-ability (tracking 0)";
    }

    @Override
    public Result run(Context ctx) {
        Dataset next = ctx.dataset(ctx.nextYear());
        School school = middleSchool(next);
        long students = next.students().stream().filter(s -> s.schoolId().equals(school.id()) && s.grade() == 6)
                .count();
        int sections = (int) Math.max(1, Math.ceil(students / (double) CAPACITY));
        long iep = next.students().stream().filter(s -> s.schoolId().equals(school.id()) && s.grade() == 6
                && s.iep()).count();
        Path config = ctx.stageDir("sections").resolve("demo-sections.yaml");
        AtomicFiles.writeString(config, "# written by the demo: co-taught sections for " + iep + " students with an "
                + "IEP\nco_taught_sections: " + coTaught(iep, students, sections) + "\n");
        SectionsCommand cmd = new SectionsCommand();
        new CommandLine(cmd).parseArgs("--data", ctx.nextYear().toString(), "--school", school.id(), "--grade", "6",
                "--subject", "math", "--sections", Integer.toString(sections), "--capacity",
                Integer.toString(CAPACITY), "--tracking", "0", "--time-limit", TIME_LIMIT, "--seed",
                Long.toString(ctx.seed()), "--config", config.toString(), "--out", ctx.stageDir("sections").toString(),
                "--apply", ctx.classes().toString());
        SectionsCommand.Formed f = cmd.form(next, 0);
        SectionsCommand.write(f, ctx.stageDir("sections"), 0);
        SectionsCommand.apply(next, f, ctx.nextYear(), ctx.stageDir("classes"));
        List<String> summary = new ArrayList<>();
        summary.add(String.format(Locale.ROOT, "%s (%s), grade 6: %d students next year in %d classes of up to %d",
                school.id(), school.name(), students, sections, CAPACITY));
        for (String line : SectionsCommand.table(List.of(f), List.of(0.0)).split("\\R")) {
            summary.add(line);
        }
        summary.add("applied: " + ctx.classes() + " is next year's district with these classes");
        return new Result(summary, "sections/report.html", "Next year's classes and class lists");
    }

    /**
     * Co-taught sections enough for every IEP student at the classes' real size: the rule caps IEP students at 40%
     * of a section and 12, and a grade of 91 in 4 sections has classes of about 22, not the 30 seats, so the count
     * the seats alone suggest can be too few.
     */
    static int coTaught(long iep, long students, int sections) {
        if (iep == 0) {
            return 0;
        }
        SectionProblem.Rules rules = SectionProblem.Rules.defaults();
        long perSection = Math.max(1, Math.min(rules.iepMax(), (long) Math.floor(rules.iepShare()
                * Math.floor(students / (double) sections))));
        return (int) Math.min(sections, (iep + perSection - 1) / perSection);
    }

    /** The first neighborhood school whose lowest grade is 6 and that has grade 6 students next year. */
    static School middleSchool(Dataset d) {
        for (School s : d.schools()) {
            if (s.type() == SchoolType.NEIGHBORHOOD && s.lowGrade() == 6 && d.students().stream()
                    .anyMatch(st -> st.schoolId().equals(s.id()) && st.grade() == 6)) {
                return s;
            }
        }
        throw new IllegalStateException("the sample district has no middle school with grade 6 students");
    }
}
