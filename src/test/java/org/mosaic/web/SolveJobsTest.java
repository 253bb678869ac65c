package org.mosaic.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.mosaic.io.synthetic.ElmhurstPreset;
import org.mosaic.sections.SectionProblem;

/** The solve line: one worker, jobs past it wait with their place, cancelled ones leave, none is dropped. */
class SolveJobsTest {
    private static ClassFormation formation() {
        ClassSetup setup = new ClassSetup("elmhurst", 6, "math", false, 4, 32, -1, -1, 0,
                SectionProblem.Rules.defaults(), 1, 1, Map.of());
        return ClassFormation.of(ElmhurstPreset.build(3), setup);
    }

    @Test
    void excessJobsWaitWithTheirPlaceInLineAndAllFinish() throws Exception {
        ClassFormation f = formation();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        int[] any = new int[f.students().size()];
        try (SolveJobs jobs = new SolveJobs(1, (formation, warm) -> {
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Board(formation, any, "held");
        })) {
            List<String> done = new ArrayList<>();
            SolveJobs.View first = jobs.submit("u", f, null, b -> done.add("first"));
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            List<SolveJobs.View> waiting = new ArrayList<>();
            for (int k = 0; k < 20; k++) {
                waiting.add(jobs.submit("u", f, null, b -> { }));
            }
            assertThat(jobs.find(first.id()).orElseThrow().state()).isEqualTo(SolveJobs.State.RUNNING);
            for (int k = 0; k < 20; k++) {
                SolveJobs.View v = jobs.find(waiting.get(k).id()).orElseThrow();
                assertThat(v.state()).isEqualTo(SolveJobs.State.QUEUED);
                assertThat(v.placeInLine()).isEqualTo(k + 1);
            }
            assertThat(jobs.cancel(waiting.get(0).id())).isTrue();
            assertThat(jobs.find(waiting.get(1).id()).orElseThrow().placeInLine()).isEqualTo(1);
            release.countDown();
            for (SolveJobs.View v : waiting.subList(1, 20)) {
                assertThat(await(jobs, v.id())).isEqualTo(SolveJobs.State.DONE);
            }
            assertThat(await(jobs, first.id())).isEqualTo(SolveJobs.State.DONE);
            assertThat(done).containsExactly("first");
            assertThat(jobs.find(waiting.get(0).id()).orElseThrow().state()).isEqualTo(SolveJobs.State.CANCELLED);
        }
    }

    @Test
    void aRunningJobThatIsCancelledKeepsNoResult() throws Exception {
        ClassFormation f = formation();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        List<String> done = new ArrayList<>();
        try (SolveJobs jobs = new SolveJobs(1, (formation, warm) -> {
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Board(formation, new int[formation.students().size()], "held");
        })) {
            SolveJobs.View v = jobs.submit("u", f, null, b -> done.add("x"));
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(jobs.cancel(v.id())).isTrue();
            release.countDown();
            SolveJobs.View next = jobs.submit("u", f, null, b -> { });
            assertThat(await(jobs, next.id())).isEqualTo(SolveJobs.State.DONE);
            assertThat(jobs.find(v.id()).orElseThrow().state()).isEqualTo(SolveJobs.State.CANCELLED);
            assertThat(jobs.find(v.id()).orElseThrow().result()).isNull();
            assertThat(done).isEmpty();
        }
    }

    @Test
    void aFullLineRefusesTheNextJobAtOnceAndKeepsEveryJobItAccepted() throws Exception {
        ClassFormation f = formation();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        try (SolveJobs jobs = new SolveJobs(1, 3, (formation, warm) -> {
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Board(formation, new int[formation.students().size()], "held");
        })) {
            SolveJobs.View running = jobs.submit("u", f, null, b -> { });
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            List<SolveJobs.View> accepted = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                accepted.add(jobs.submit("u", f, null, b -> { }));
            }
            WebError refused = org.junit.jupiter.api.Assertions.assertThrows(WebError.class,
                    () -> jobs.submit("u", f, null, b -> { }));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.getMessage()).contains("the solve line is full");
            // A task waits in the same line: it is refused too while the line is full.
            assertThat(org.junit.jupiter.api.Assertions.assertThrows(WebError.class, () -> jobs.submitTask("u", "",
                    "/x", p -> "never", o -> { })).status()).isEqualTo(503);
            assertThat(jobs.find(accepted.get(2).id()).orElseThrow().placeInLine()).isEqualTo(3);
            release.countDown();
            for (SolveJobs.View v : accepted) {
                assertThat(await(jobs, v.id())).isEqualTo(SolveJobs.State.DONE);
            }
            assertThat(await(jobs, running.id())).isEqualTo(SolveJobs.State.DONE);
        }
    }

    @Test
    void aTaskWaitsBehindASolveReportsItsProgressAndKeepsItsOutput() throws Exception {
        ClassFormation f = formation();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch halfway = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        List<Object> outputs = new ArrayList<>();
        try (SolveJobs jobs = new SolveJobs(1, (formation, warm) -> {
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Board(formation, new int[formation.students().size()], "held");
        })) {
            jobs.submit("u", f, null, b -> { });
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            SolveJobs.View task = jobs.submitTask("u", "", "/enroll/runs/1", p -> {
                p.report(0.5);
                halfway.countDown();
                try {
                    finish.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "odds";
            }, outputs::add);
            assertThat(task.state()).isEqualTo(SolveJobs.State.QUEUED);
            assertThat(task.placeInLine()).isEqualTo(1);
            assertThat(task.task()).isTrue();
            release.countDown();
            assertThat(halfway.await(30, TimeUnit.SECONDS)).isTrue();
            SolveJobs.View mid = jobs.find(task.id()).orElseThrow();
            assertThat(mid.state()).isEqualTo(SolveJobs.State.RUNNING);
            assertThat(mid.progress()).isEqualTo(0.5);
            finish.countDown();
            assertThat(await(jobs, task.id())).isEqualTo(SolveJobs.State.DONE);
            assertThat(jobs.find(task.id()).orElseThrow().output()).isEqualTo("odds");
            assertThat(jobs.find(task.id()).orElseThrow().resultPath()).isEqualTo("/enroll/runs/1");
            assertThat(outputs).containsExactly("odds");
        }
    }

    @Test
    void aJobThatThrowsAnErrorFailsAndTheJobsBehindItStillRun() throws Exception {
        ClassFormation f = formation();
        try (SolveJobs jobs = new SolveJobs(1, (formation, warm) -> {
            throw new StackOverflowError();
        })) {
            SolveJobs.View broken = jobs.submit("u", f, null, b -> { });
            SolveJobs.View task = jobs.submitTask("u", "", "/x", p -> {
                throw new OutOfMemoryError("Java heap space");
            }, o -> { });
            SolveJobs.View after = jobs.submitTask("u", "", "/x", p -> "kept", o -> { });
            assertThat(await(jobs, broken.id())).isEqualTo(SolveJobs.State.FAILED);
            assertThat(jobs.find(broken.id()).orElseThrow().message()).contains("StackOverflowError");
            assertThat(await(jobs, task.id())).isEqualTo(SolveJobs.State.FAILED);
            assertThat(await(jobs, after.id())).isEqualTo(SolveJobs.State.DONE);
        }
    }

    @Test
    void aTasksOutputIsKeptBeforeTheJobReadsAsDone() throws Exception {
        try (SolveJobs jobs = new SolveJobs(1, (formation, warm) -> null)) {
            List<SolveJobs.State> seenWhileKeeping = new ArrayList<>();
            String[] id = new String[1];
            CountDownLatch submitted = new CountDownLatch(1);
            SolveJobs.View v = jobs.submitTask("u", "", "/x", p -> {
                try {
                    submitted.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "out";
            }, o -> seenWhileKeeping.add(jobs.find(id[0]).orElseThrow().state()));
            id[0] = v.id();
            submitted.countDown();
            assertThat(await(jobs, v.id())).isEqualTo(SolveJobs.State.DONE);
            assertThat(seenWhileKeeping).containsExactly(SolveJobs.State.RUNNING);
        }
    }

    private static SolveJobs.State await(SolveJobs jobs, String id) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            SolveJobs.State s = jobs.find(id).orElseThrow().state();
            if (s != SolveJobs.State.QUEUED && s != SolveJobs.State.RUNNING) {
                return s;
            }
            Thread.sleep(50);
        }
        return jobs.find(id).orElseThrow().state();
    }
}
