package org.mosaic.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mosaic.io.synthetic.ElmhurstPreset;
import org.mosaic.model.Dataset;
import org.mosaic.model.District;
import org.mosaic.model.Score;
import org.mosaic.model.Student;
import org.mosaic.sections.SectionProblem;
import org.mosaic.store.ClassListVersion;
import org.mosaic.store.DbUrl;
import org.mosaic.store.MosaicStore;
import org.mosaic.store.WebRole;
import org.mosaic.store.WebStore;

/**
 * The load test of docs/web.md, on loopback only and bounded in time: 50 signed-in sessions each open the same
 * 750-student grade (24 classes of 32) and drag cards for 60 s — every request a POST /move that the server re-scores
 * with the solver's cost and rules. Counts errors and prints the latency percentiles. Not in the default suite:
 * {@code mvn -o test -Dtest=WebLoadBench -DexcludedGroups= -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("slow")
class WebLoadBench {
    private static final int SESSIONS = Integer.getInteger("mosaic.load.sessions", 50);
    private static final long SECONDS = Long.getLong("mosaic.load.seconds", 60);

    /** Elmhurst's grade 6 six times over in one school: 750 students. */
    static Dataset bigGrade() {
        Dataset e = ElmhurstPreset.build(11);
        List<Student> students = new ArrayList<>();
        List<Score> scores = new ArrayList<>();
        Map<String, List<Score>> byStudent = new LinkedHashMap<>();
        e.scores().forEach(s -> byStudent.computeIfAbsent(s.studentId(), k -> new ArrayList<>()).add(s));
        for (int copy = 0; copy < 6; copy++) {
            for (Student s : e.students()) {
                if (s.grade() != 6) {
                    continue;
                }
                String id = "C" + copy + s.id();
                students.add(new Student(id, 6, s.schoolId(), s.home(), s.zone(), s.tract(), s.frl(), s.race(),
                        s.gender(), s.ell(), s.iep(), s.gifted(), s.sesTier(), s.behavior(), "G" + id, "F" + id));
                for (Score sc : byStudent.get(s.id())) {
                    scores.add(new Score(id, sc.subject(), sc.strand(), sc.year(), sc.term(), sc.scale(),
                            sc.gradeEquivalent()));
                }
            }
        }
        District d = new District("big", "One big grade", e.schools(), List.of(), students);
        return new Dataset(d, scores, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void fiftySessionsDragAndScoreFor60SecondsWithoutErrors() throws Exception {
        DbUrl db = new DbUrl("jdbc:h2:mem:load-" + UUID.randomUUID(), null, null);
        Dataset data = bigGrade();
        long datasetId;
        try (MosaicStore store = MosaicStore.open(db)) {
            datasetId = store.save(data, "big-grade", "load test");
        }
        ClassSetup setup = new ClassSetup("elmhurst", 6, "math", false, 24, 32, -1, 24, 0,
                SectionProblem.Rules.defaults(), 5, 1, Map.of());
        List<String> sections = new ArrayList<>();
        for (int k = 1; k <= 24; k++) {
            sections.add("elmhurst-g6-math-" + k);
        }
        Map<String, String> placement = new LinkedHashMap<>();
        for (int i = 0; i < data.students().size(); i++) {
            placement.put(data.students().get(i).id(), sections.get(i % 24));
        }
        long version;
        try (WebStore users = WebStore.open(db, 4)) {
            users.addUser("load", WebRole.PRINCIPAL, "elmhurst", null, WebFixture.PASSWORD.toCharArray());
            ClassListVersion v = users.saveClassList(datasetId, "elmhurst", "load", "load", Format.json(setup),
                    Format.json(placement));
            version = v.id();
        }
        List<String> ids = new ArrayList<>(placement.keySet());
        try (WebServer server = WebServer.start(new WebServer.Options(db, "127.0.0.1", 0, 1, 5, 60_000, 4))) {
            String base = "http://127.0.0.1:" + server.port();
            List<WebFixture.Client> clients = new ArrayList<>();
            for (int s = 0; s < SESSIONS; s++) {
                WebFixture.Client c = new WebFixture.Client(base).signedIn("load");
                HttpResponse<String> open = c.postForm("/schools/elmhurst/classes/versions/" + version + "/open",
                        Map.of());
                assertThat(open.statusCode()).isEqualTo(302);
                c.get("/schools/elmhurst/classes");
                clients.add(c);
            }
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            AtomicInteger errors = new AtomicInteger();
            // CPU per move, a figure that does not depend on how loaded the machine is: the whole process's CPU
            // time over the run, and the part the load threads themselves spent sending and reading.
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            java.util.concurrent.atomic.AtomicLong clientCpu = new java.util.concurrent.atomic.AtomicLong();
            java.lang.management.ThreadMXBean tmx = java.lang.management.ManagementFactory.getThreadMXBean();
            // -Dmosaic.load.jfr=FILE records a JFR profile of the dragging (not of the set-up) into FILE.
            String jfr = System.getProperty("mosaic.load.jfr");
            jdk.jfr.Recording recording = null;
            if (jfr != null) {
                recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                recording.start();
            }
            long cpu0 = os.getProcessCpuTime();
            long end = System.nanoTime() + SECONDS * 1_000_000_000L;
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < SESSIONS; s++) {
                WebFixture.Client c = clients.get(s);
                SplittableRandom r = new SplittableRandom(s);
                Thread t = new Thread(() -> {
                    long own0 = tmx.getCurrentThreadCpuTime();
                    while (System.nanoTime() < end) {
                        String body = "student=" + ids.get(r.nextInt(ids.size())) + "&section="
                                + sections.get(r.nextInt(sections.size()));
                        long t0 = System.nanoTime();
                        HttpResponse<String> resp = c.send(HttpRequest.newBuilder(URI.create(base
                                + "/schools/elmhurst/classes/move")).header("X-CSRF-Token", c.csrf)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(body)));
                        latencies.add(System.nanoTime() - t0);
                        if (resp.statusCode() != 200 || !resp.body().contains("metrics-body")) {
                            errors.incrementAndGet();
                        }
                    }
                    clientCpu.addAndGet(tmx.getCurrentThreadCpuTime() - own0);
                });
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            if (recording != null) {
                recording.stop();
                recording.dump(java.nio.file.Path.of(jfr));
                recording.close();
            }
            double load = os.getSystemLoadAverage();
            long[] ms = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "load: CPU %.1f s for %d moves: %.2f ms a move, %.0f moves per CPU-second "
                    + "(the load threads' own part %.1f s; without it %.2f ms a move, %.0f per CPU-second); load "
                    + "average %.1f on %d cores%n", cpu, ms.length, 1000 * cpu / ms.length, ms.length / cpu,
                    clientCpu.get() / 1e9, 1000 * (cpu - clientCpu.get() / 1e9) / ms.length, ms.length / (cpu
                    - clientCpu.get() / 1e9), load, os.getAvailableProcessors());
            System.out.printf(Locale.ROOT, "load: %d sessions, %d s, %d moves (%.0f/s), %d errors; latency p50 %.1f "
                            + "ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", SESSIONS, SECONDS, ms.length,
                    ms.length / (double) SECONDS, errors.get(), q(ms, 0.50), q(ms, 0.95), q(ms, 0.99),
                    ms[ms.length - 1] / 1e6);
            assertThat(errors.get()).isZero();
            assertThat(ms.length).isPositive();
        }
    }

    private static double q(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

}
