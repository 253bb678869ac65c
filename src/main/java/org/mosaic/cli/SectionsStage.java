package org.mosaic.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.mosaic.model.Dataset;
import org.mosaic.model.School;
import org.mosaic.model.SchoolType;

import picocli.CommandLine;

/**
 * Demo stage: next year's grade 6 math classes at the first neighborhood middle school, formed from the enrollment
 * stage's result (work/next-year) as mixed-ability classes, and applied into work/classes for the groups, measure and
 * store stages.
 */
final class SectionsStage implements DemoStage {
    static final int CAPACITY = 30;
    static final String TIME_LIMIT = "5";

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
        SectionsCommand cmd = new SectionsCommand();
        new CommandLine(cmd).parseArgs("--data", ctx.nextYear().toString(), "--school", school.id(), "--grade", "6",
                "--subject", "math", "--sections", Integer.toString(sections), "--capacity",
                Integer.toString(CAPACITY), "--tracking", "0", "--time-limit", TIME_LIMIT, "--seed",
                Long.toString(ctx.seed()), "--out", ctx.stageDir("sections").toString(), "--apply",
                ctx.classes().toString());
        SectionsCommand.Formed f = cmd.form(next, 0);
        SectionsCommand.write(f, ctx.stageDir("sections"), 0);
        SectionsCommand.apply(next, f, ctx.nextYear(), ctx.classes());
        List<String> summary = new ArrayList<>();
        summary.add(String.format(Locale.ROOT, "%s (%s), grade 6: %d students next year in %d classes of up to %d",
                school.id(), school.name(), students, sections, CAPACITY));
        for (String line : SectionsCommand.table(List.of(f), List.of(0.0)).split("\\R")) {
            summary.add(line);
        }
        summary.add("applied: " + ctx.classes() + " is next year's district with these classes");
        return new Result(summary, "sections/report.html", "Next year's classes and class lists");
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
