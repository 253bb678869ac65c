package org.mosaic.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Grades;
import org.mosaic.model.InputProblem;
import org.mosaic.sections.SectionProblem;

/**
 * Reads a class set-up from a form (the page) or a JSON body (the API) with the same field names, defaults and
 * errors: every bad field is reported at once as "request, column FIELD: found '…'; expected …".
 */
final class SetupParser {
    private SetupParser() {
    }

    static ClassSetup fromForm(String schoolId, Function<String, String> field, ClassSetup defaults) {
        return parse(schoolId, field, defaults, "form");
    }

    static ClassSetup fromJson(JsonNode body, ClassSetup defaults) {
        Function<String, String> field = name -> {
            JsonNode n = body.get(name);
            if (n == null && body.has("rules")) {
                n = body.get("rules").get(name);
            }
            return n == null || n.isNull() ? null : n.isTextual() ? n.asText() : n.toString();
        };
        String school = field.apply("school");
        if (school == null || school.isBlank()) {
            throw new BadInputException(List.of(new InputProblem("request", 0, "school", "", "a school id")));
        }
        ClassSetup setup = parse(school, field, defaults, "request");
        Map<String, String> locks = new LinkedHashMap<>();
        JsonNode l = body.get("locks");
        if (l != null && l.isObject()) {
            l.fields().forEachRemaining(e -> locks.put(e.getKey(), e.getValue().asText()));
        }
        return setup.withLocks(locks);
    }

    private static ClassSetup parse(String schoolId, Function<String, String> field, ClassSetup d, String source) {
        List<InputProblem> problems = new ArrayList<>();
        Reader r = new Reader(field, problems, source);
        String gradeText = field.apply("grade");
        int grade = d.grade();
        if (gradeText != null && !gradeText.isBlank()) {
            Integer g = Grades.parse(gradeText.trim());
            if (g == null) {
                problems.add(new InputProblem(source, 0, "grade", gradeText, "K or 1 to 12"));
            } else {
                grade = g;
            }
        }
        String subject = field.apply("subject");
        String from = field.apply("sections_from");
        String fromData = field.apply("sections_from_data");
        boolean sectionsFromData = from != null ? from.equals("data") : fromData != null ? Boolean.parseBoolean(
                fromData) : d.sectionsFromData();
        int count = r.integer("sections", r.integer("count", d.count(), 1, 200), 1, 200);
        int capacity = r.integer("capacity", d.capacity(), 1, 200);
        int coTaught = r.integer("co_taught", d.coTaught(), -1, 200);
        int ellCertified = r.integer("ell_certified", d.ellCertified(), -1, 200);
        double tracking = r.decimal("tracking", d.tracking(), 0, 1);
        double timeLimit = r.decimal("time_limit", d.timeLimit(), 1, 120);
        long seed = r.integer("seed", (int) d.seed(), Integer.MIN_VALUE, Integer.MAX_VALUE);
        SectionProblem.Rules dr = d.rules();
        // A form sends a checkbox only when it is ticked: on a form, absent means off.
        boolean form = source.equals("form");
        SectionProblem.Rules rules = new SectionProblem.Rules(
                r.bool("cluster_iep", form ? false : dr.clusterIep()), r.decimal("iep_share", dr.iepShare(), 0, 1),
                r.integer("iep_max", dr.iepMax(), 0, 200), r.bool("cluster_ell", form ? false : dr.clusterEll()),
                r.bool("cluster_gifted", form ? false : dr.clusterGifted()),
                r.integer("gifted_min", dr.giftedMin(), 1, 200), r.integer("gifted_max", dr.giftedMax(), 1, 200),
                r.decimal("gifted_share", dr.giftedShare(), 0, 1));
        if (rules.giftedMin() > rules.giftedMax()) {
            problems.add(new InputProblem(source, 0, "gifted_min", Integer.toString(rules.giftedMin()),
                    "at most gifted_max (" + rules.giftedMax() + ")"));
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return new ClassSetup(schoolId, grade, subject == null || subject.isBlank() ? d.subject() : subject.trim(),
                sectionsFromData, count, capacity, coTaught, ellCertified, tracking, rules, timeLimit, seed,
                d.locks());
    }

    private record Reader(Function<String, String> field, List<InputProblem> problems, String source) {
        int integer(String name, int fallback, int lo, int hi) {
            String v = field.apply(name);
            if (v == null || v.isBlank()) {
                return fallback;
            }
            try {
                int x = Integer.parseInt(v.trim());
                if (x < lo || x > hi) {
                    throw new NumberFormatException();
                }
                return x;
            } catch (NumberFormatException e) {
                problems.add(new InputProblem(source, 0, name, v, "a whole number from " + lo + " to " + hi));
                return fallback;
            }
        }

        double decimal(String name, double fallback, double lo, double hi) {
            String v = field.apply(name);
            if (v == null || v.isBlank()) {
                return fallback;
            }
            try {
                double x = Double.parseDouble(v.trim());
                if (!(x >= lo && x <= hi)) {
                    throw new NumberFormatException();
                }
                return x;
            } catch (NumberFormatException e) {
                problems.add(new InputProblem(source, 0, name, v, "a number from " + lo + " to " + hi));
                return fallback;
            }
        }

        boolean bool(String name, boolean fallback) {
            String v = field.apply(name);
            if (v == null || v.isBlank()) {
                return fallback;
            }
            return v.equals("on") || v.equalsIgnoreCase("true") || v.equals("1");
        }
    }
}
