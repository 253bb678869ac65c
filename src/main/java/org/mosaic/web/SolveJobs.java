package org.mosaic.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.Consumer;

import org.mosaic.model.BadInputException;
import org.mosaic.sections.SectionSolver;

/**
 * Solves run in the background on a fixed number of workers (two cores serve many users: one solve at a time by
 * default). Excess jobs wait in line, first come first served, and know their place; none is ever dropped. A queued
 * job can be cancelled outright; CP-SAT cannot be stopped mid-solve from Java, so a running job that is cancelled
 * finishes its time limit and its result is thrown away.
 */
public final class SolveJobs implements AutoCloseable {
    public enum State { QUEUED, RUNNING, DONE, FAILED, CANCELLED }

    /**
     * A job's public face: where it stands, its progress (0..1: the share of its time limit used for a solve, the
     * share of its work done for a task) and result: a board for a solve, {@code output} for a task.
     */
    public record View(String id, String owner, String schoolId, State state, int placeInLine, double progress,
                       String message, Board result, Object output, String resultPath, boolean task) {
    }

    /** Reports a task's progress, 0 to 1. */
    @FunctionalInterface
    public interface Progress {
        void report(double share);
    }

    /**
     * Other work that must wait its turn with the solves (a frontier sweep, lottery draws): it runs on the same
     * workers, so two cores are never asked to do more at once than {@code --solve-workers} allows.
     */
    @FunctionalInterface
    public interface Task {
        Object run(Progress progress);
    }

    private final class Job {
        final String id = UUID.randomUUID().toString();
        final String owner;
        final String schoolId;
        final ClassFormation formation;
        final int[] warmStart;
        final Consumer<Board> onDone;
        final Task task;
        final Consumer<Object> onOutput;
        final String resultPath;
        volatile double reported = -1;
        volatile Object output;
        volatile State state = State.QUEUED;
        volatile long startedNanos;
        volatile String message = "";
        volatile Board result;

        Job(String owner, String schoolId, ClassFormation formation, int[] warmStart, Consumer<Board> onDone,
            Task task, Consumer<Object> onOutput, String resultPath) {
            this.resultPath = resultPath;
            this.owner = owner;
            this.schoolId = schoolId;
            this.formation = formation;
            this.warmStart = warmStart;
            this.onDone = onDone;
            this.task = task;
            this.onOutput = onOutput;
        }
    }

    /** How a job is solved: CP-SAT through {@link SectionSolver} (tests substitute one they can hold back). */
    @FunctionalInterface
    public interface Solver {
        Board solve(ClassFormation formation, int[] warmStart);
    }

    /** The real solver: the same call as {@code mosaic sections}. */
    public static Board solveWithCpSat(ClassFormation f, int[] warmStart) {
        SectionSolver.Solution s = SectionSolver.solve(f.problem(), warmStart);
        if (s.section() == null) {
            throw new BadInputException("no classes keep every rule (" + s.status() + "): loosen a rule or a lock, "
                    + "or add a section");
        }
        return new Board(f, s.section(), String.format(java.util.Locale.ROOT, "%s, objective %d, gap %.1f %%",
                s.status(), s.objective(), 100 * s.gap()));
    }

    private final Solver solver;
    private final LinkedBlockingDeque<Job> line = new LinkedBlockingDeque<>();
    private final java.util.concurrent.ConcurrentLinkedDeque<String> order =
            new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;

    /** How many jobs may wait at once by default: each holds its problem in memory. */
    public static final int MAX_WAITING = 200;

    private final int maxWaiting;

    public SolveJobs(int workerCount) {
        this(workerCount, SolveJobs::solveWithCpSat);
    }

    public SolveJobs(int workerCount, Solver solver) {
        this(workerCount, MAX_WAITING, solver);
    }

    /**
     * @param maxWaiting the line's length: a job past it is refused at once (HTTP 503, try again later), so a job
     *                   that was accepted is never dropped and memory stays bounded
     */
    public SolveJobs(int workerCount, int maxWaiting, Solver solver) {
        this.solver = solver;
        this.maxWaiting = maxWaiting;
        for (int w = 0; w < workerCount; w++) {
            Thread t = new Thread(this::work, "mosaic-solve-" + w);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
    }

    /** Queues a solve; {@code onDone} receives the solved board (not called when cancelled or failed). */
    public View submit(String owner, ClassFormation formation, int[] warmStart, Consumer<Board> onDone) {
        return enqueue(new Job(owner, formation.setup().schoolId(), formation, warmStart, onDone, null, null,
                "/schools/" + formation.setup().schoolId() + "/classes"));
    }

    /** Queues a task behind the solves; {@code onOutput} receives its result (not called when cancelled or failed). */
    public View submitTask(String owner, String schoolId, String resultPath, Task task, Consumer<Object> onOutput) {
        return enqueue(new Job(owner, schoolId, null, null, null, task, onOutput, resultPath));
    }

    private synchronized View enqueue(Job job) {
        if (line.size() >= maxWaiting) {
            throw new WebError(503, "the solve line is full (" + maxWaiting + " jobs waiting): try again in a few "
                    + "minutes");
        }
        jobs.put(job.id, job);
        order.addLast(job.id);
        line.addLast(job);
        forgetOldJobs();
        return view(job);
    }

    public java.util.Optional<View> find(String id) {
        Job j = id == null ? null : jobs.get(id);
        return j == null ? java.util.Optional.empty() : java.util.Optional.of(view(j));
    }

    /** Cancels a queued or running job; false when it had already ended. */
    public boolean cancel(String id) {
        Job j = jobs.get(id);
        if (j == null || j.state == State.DONE || j.state == State.FAILED || j.state == State.CANCELLED) {
            return false;
        }
        line.remove(j);
        j.state = State.CANCELLED;
        j.message = "cancelled";
        return true;
    }

    public int waiting() {
        return line.size();
    }

    private View view(Job j) {
        int place = 0;
        if (j.state == State.QUEUED) {
            int k = 1;
            for (Job q : line) {
                if (q == j) {
                    place = k;
                    break;
                }
                k++;
            }
        }
        double progress = switch (j.state) {
            case DONE -> 1;
            case RUNNING -> j.task != null ? Math.max(0, j.reported) : Math.min(0.99, (System.nanoTime()
                    - j.startedNanos) / 1e9 / Math.max(0.1, j.formation.problem().timeLimit() + 1));
            default -> 0;
        };
        return new View(j.id, j.owner, j.schoolId, j.state, place, progress, j.message, j.result, j.output, j.resultPath,
                j.task != null);
    }

    private void work() {
        while (!closed) {
            Job j;
            try {
                j = line.takeFirst();
            } catch (InterruptedException e) {
                return;
            }
            if (j.state != State.QUEUED) {
                continue;
            }
            j.startedNanos = System.nanoTime();
            j.state = State.RUNNING;
            try {
                if (j.task != null) {
                    Object out = j.task.run(share -> j.reported = Math.min(0.99, Math.max(0, share)));
                    if (j.state == State.CANCELLED) {
                        continue;
                    }
                    // Kept (in the store, for a task) before the job reads as done: a page loaded when the
                    // poll says "done" then finds the result.
                    j.onOutput.accept(out);
                    j.output = out;
                    j.message = "done";
                    j.state = State.DONE;
                    continue;
                }
                Board board = solver.solve(j.formation, j.warmStart);
                if (j.state == State.CANCELLED) {
                    continue;
                }
                j.onDone.accept(board);
                j.result = board;
                j.message = board.solveStatus();
                j.state = State.DONE;
            } catch (BadInputException e) {
                j.message = e.getMessage();
                j.state = j.state == State.CANCELLED ? State.CANCELLED : State.FAILED;
            } catch (RuntimeException | Error e) {
                // A worker that died would leave every job behind it waiting forever: the job fails, the worker
                // goes on. No student data reaches an exception's message; keep only its class for the page.
                j.message = (j.task != null ? "the task failed (" : "the solver failed (")
                        + e.getClass().getSimpleName() + ")";
                j.state = j.state == State.CANCELLED ? State.CANCELLED : State.FAILED;
            }
        }
    }

    /** Forgets the oldest finished jobs past 500: their views are no longer asked for and boards hold memory. */
    private void forgetOldJobs() {
        for (var it = order.iterator(); jobs.size() > 500 && it.hasNext(); ) {
            String id = it.next();
            Job j = jobs.get(id);
            if (j == null || j.state != State.QUEUED && j.state != State.RUNNING) {
                jobs.remove(id);
                it.remove();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
    }
}
