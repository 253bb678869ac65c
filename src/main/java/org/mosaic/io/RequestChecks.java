package org.mosaic.io;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mosaic.model.Grades;
import org.mosaic.model.RequestKind;
import org.mosaic.model.Section;

/**
 * Placement requests that cannot all be met, found before any solver runs: two students to be kept apart whom a chain
 * of keep-together requests joins, and a keep-together group with more students than any section of their grade has
 * seats. Messages name the requests' lines and the student ids, nothing else.
 */
final class RequestChecks {
    record Request(String a, String b, RequestKind kind, long line) {
    }

    /** Where a student is: all the checks need of a student, so the students themselves need not be kept. */
    record Enrolled(String schoolId, int grade) {
    }

    private RequestChecks() {
    }

    static void check(List<Request> requests, java.util.function.Function<String, Enrolled> students,
                      List<Section> sections,
                      Problems problems) {
        Map<String, List<String>> together = new HashMap<>();
        Map<String, Long> firstLine = new HashMap<>();
        for (Request r : requests) {
            if (r.kind() == RequestKind.TOGETHER && !r.a().isEmpty() && !r.b().isEmpty()) {
                together.computeIfAbsent(r.a(), k -> new ArrayList<>()).add(r.b());
                together.computeIfAbsent(r.b(), k -> new ArrayList<>()).add(r.a());
                firstLine.putIfAbsent(r.a(), r.line());
                firstLine.putIfAbsent(r.b(), r.line());
            }
        }
        for (Request r : requests) {
            if (r.kind() == RequestKind.APART && together.containsKey(r.a()) && together.containsKey(r.b())) {
                List<String> chain = path(together, r.a(), r.b());
                if (chain != null) {
                    problems.add(MosaicFiles.REQUESTS, r.line(), "", "", "students " + r.a() + " and " + r.b()
                            + " are to be kept apart, but keep-together requests join them (" + String.join(" → ",
                            cap(chain)) + "); remove one of these requests");
                }
            }
        }
        Map<String, Integer> seats = new HashMap<>();
        for (Section s : sections) {
            seats.merge(s.schoolId() + "|" + s.grade(), s.capacity(), Math::max);
        }
        Map<String, Boolean> seen = new HashMap<>();
        for (String start : together.keySet()) {
            if (seen.containsKey(start)) {
                continue;
            }
            List<String> group = component(together, start);
            group.forEach(id -> seen.put(id, true));
            Enrolled first = students.apply(start);
            if (first == null) {
                continue;
            }
            Integer max = seats.get(first.schoolId() + "|" + first.grade());
            boolean sameClass = group.stream().map(students).allMatch(s -> s != null
                    && s.schoolId().equals(first.schoolId()) && s.grade() == first.grade());
            if (max != null && sameClass && group.size() > max) {
                long line = group.stream().mapToLong(id -> firstLine.getOrDefault(id, 0L)).min().orElse(0);
                problems.add(MosaicFiles.REQUESTS, line, "", "", "a keep-together group of " + group.size()
                        + " students (" + String.join(", ", cap(group)) + ") is larger than any section of school "
                        + first.schoolId() + ", grade " + Grades.label(first.grade()) + " (at most " + max
                        + (max == 1 ? " seat" : " seats") + "); split the group");
            }
        }
    }

    private static List<String> path(Map<String, List<String>> graph, String from, String to) {
        Map<String, String> parent = new LinkedHashMap<>();
        ArrayDeque<String> queue = new ArrayDeque<>();
        parent.put(from, from);
        queue.add(from);
        while (!queue.isEmpty()) {
            String v = queue.poll();
            if (v.equals(to)) {
                List<String> chain = new ArrayList<>();
                for (String x = to; !x.equals(from); x = parent.get(x)) {
                    chain.add(0, x);
                }
                chain.add(0, from);
                return chain;
            }
            for (String w : graph.getOrDefault(v, List.of())) {
                if (parent.putIfAbsent(w, v) == null) {
                    queue.add(w);
                }
            }
        }
        return null;
    }

    private static List<String> component(Map<String, List<String>> graph, String start) {
        List<String> out = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        ArrayDeque<String> queue = new ArrayDeque<>(List.of(start));
        seen.put(start, true);
        while (!queue.isEmpty()) {
            String v = queue.poll();
            out.add(v);
            for (String w : graph.getOrDefault(v, List.of())) {
                if (seen.putIfAbsent(w, true) == null) {
                    queue.add(w);
                }
            }
        }
        out.sort(null);
        return out;
    }

    private static List<String> cap(List<String> ids) {
        if (ids.size() <= 20) {
            return ids;
        }
        List<String> out = new ArrayList<>(ids.subList(0, 20));
        out.add("... " + (ids.size() - 20) + " more");
        return out;
    }
}
