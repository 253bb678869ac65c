package org.mosaic.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

import org.mosaic.model.Dataset;
import org.mosaic.model.School;
import org.mosaic.model.Section;
import org.mosaic.store.DemoLogin;
import org.mosaic.store.DatasetInfo;
import org.mosaic.store.DbUrl;
import org.mosaic.store.MosaicStore;
import org.mosaic.store.RunRecord;
import org.mosaic.store.WebStore;

/**
 * Demo stage: saves next year's district with its new classes (work/classes) into the embedded database under the
 * work directory (work/mosaic.mv.db), loads it back to prove the round trip, and records the demo as a run.
 */
final class StoreStage implements DemoStage {
    static final String DATASET = "next-year";

    @Override
    public String title() {
        return "store: save next year's district with its classes in the embedded database";
    }

    @Override
    public Result run(Context ctx) {
        Dataset data = ctx.dataset(ctx.classes());
        DbUrl url = DbUrl.h2File(ctx.work().resolve("mosaic"));
        try (MosaicStore store = MosaicStore.open(url)) {
            // A re-run of the demo replaces its own earlier copy rather than piling up versions.
            store.delete(DATASET);
            Instant t0 = Instant.now();
            long id = store.save(data, DATASET, ctx.classes().toAbsolutePath().normalize().toString());
            Duration saved = Duration.between(t0, Instant.now());
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("seed", ctx.seed());
            params.put("students", ctx.students());
            long run = store.startRun(id, "demo", compactJson(params), OptionalLong.of(ctx.seed()));
            Instant t1 = Instant.now();
            Dataset loaded = store.load(id);
            Duration load = Duration.between(t1, Instant.now());
            if (!loaded.equals(data)) {
                throw new IllegalStateException("the stored district did not load back equal to the files");
            }
            DatasetInfo info = store.find(id).orElseThrow();
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("students", info.students());
            summary.put("scores", info.scores());
            summary.put("save_ms", saved.toMillis());
            summary.put("load_ms", load.toMillis());
            store.finishRun(run, RunRecord.SUCCEEDED, compactJson(summary));
            List<String> lines = new ArrayList<>(List.of(
                    String.format(Locale.ROOT, "saved dataset '%s' (id %d): %s in %s; loaded back identical "
                            + "(SHA-256 %s) in %s", DATASET, id, DbCommand.counts(info), Terminal.elapsed(saved),
                            info.checksum().substring(0, 12), Terminal.elapsed(load)),
                    "recorded run " + run + " in " + url.redacted(),
                    "try: mosaic db runs --db jdbc:h2:file:" + ctx.work().resolve("mosaic").toAbsolutePath().normalize()));
            store.close();
            lines.addAll(demoLogins(data, url));
            return new Result(lines, List.of());
        }
    }

    /**
     * Accounts for {@code mosaic serve} on this database: an admin, the principal, counselor and a teacher of the
     * school whose classes the sections stage formed, and the principal of another school (who must be refused
     * that school's pages). Each gets a fresh random password, printed here once; the store keeps only its hash.
     */
    static List<String> demoLogins(Dataset data, DbUrl url) {
        School school = data.schools().stream().filter(s -> s.lowGrade() == 6).findFirst()
                .orElse(data.schools().get(0));
        try {
            school = SectionsStage.middleSchool(data);
        } catch (IllegalStateException noMiddleSchool) {
            // a dataset without the sample district's middle schools: any school will do for the logins
        }
        School chosen = school;
        String section = data.sections().stream().filter(s -> s.schoolId().equals(chosen.id()))
                .map(Section::id).sorted().findFirst().orElse(null);
        String other = data.schools().stream().map(School::id).filter(i -> !i.equals(chosen.id())).sorted()
                .findFirst().orElse(null);
        List<String> lines = new ArrayList<>();
        lines.add("web logins for ./mosaic serve (passwords shown once; change them with mosaic users passwd):");
        try (WebStore web = WebStore.open(url)) {
            for (DemoLogin l : web.createDemoUsers(chosen.id(), section, other)) {
                lines.add(String.format(Locale.ROOT, "  %-17s %-9s %-8s password %s", l.username(),
                        l.role().name().toLowerCase(Locale.ROOT), l.schoolId() == null ? "all" : l.schoolId(),
                        l.password()));
            }
        }
        return lines;
    }

    private static String compactJson(Map<String, Object> values) {
        return Json.MAPPER.valueToTree(values).toString();
    }
}
